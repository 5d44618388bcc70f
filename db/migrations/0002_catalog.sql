CREATE TABLE "cert_body" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"price_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"min_qty" integer DEFAULT 1 NOT NULL,
	"lead_time_days" integer NOT NULL,
	"region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_key" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"declared_qty" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_price_ck" CHECK ("offer"."price_fen" > 0 and "offer"."vat_fen" >= 0 and "offer"."vat_fen" < "offer"."price_fen"),
	CONSTRAINT "offer_qty_ck" CHECK ("offer"."min_qty" >= 1 and "offer"."lead_time_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "part" (
	"id" uuid PRIMARY KEY NOT NULL,
	"oe_no" text NOT NULL,
	"oe_norm" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"pinyin" text NOT NULL,
	"initials" text NOT NULL,
	"category" text NOT NULL,
	"oe_price_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "part_oe_price_ck" CHECK ("part"."oe_price_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "part_fitment" (
	"vehicle_model_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	CONSTRAINT "part_fitment_vehicle_model_id_part_id_pk" PRIMARY KEY("vehicle_model_id","part_id")
);
--> statement-breakpoint
CREATE TABLE "part_interchange" (
	"part_id" uuid NOT NULL,
	"other_part_id" uuid NOT NULL,
	CONSTRAINT "part_interchange_part_id_other_part_id_pk" PRIMARY KEY("part_id","other_part_id")
);
--> statement-breakpoint
CREATE TABLE "part_supersession" (
	"old_part_id" uuid NOT NULL,
	"new_part_id" uuid NOT NULL,
	CONSTRAINT "part_supersession_old_part_id_new_part_id_pk" PRIMARY KEY("old_part_id","new_part_id")
);
--> statement-breakpoint
CREATE TABLE "product" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"brand" text NOT NULL,
	"name" text NOT NULL,
	"grade" text NOT NULL,
	"cert_body_id" uuid,
	"cert_no" text,
	"cert_valid_from" date,
	"cert_valid_to" date,
	"warranty_months" integer DEFAULT 0 NOT NULL,
	"picture_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_grade_ck" CHECK ("product"."grade" in ('oem','oes','certified','aftermarket','recycled')),
	CONSTRAINT "product_certified_ck" CHECK ("product"."grade" <> 'certified' or ("product"."cert_body_id" is not null and "product"."cert_no" is not null and "product"."cert_valid_from" is not null and "product"."cert_valid_to" is not null))
);
--> statement-breakpoint
CREATE TABLE "product_part" (
	"part_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "product_part_part_id_product_id_pk" PRIMARY KEY("part_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "vehicle_model" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"brand" text NOT NULL,
	"brand_en" text NOT NULL,
	"series" text NOT NULL,
	"model" text NOT NULL,
	"year_from" integer NOT NULL,
	"year_to" integer NOT NULL,
	"engine" text NOT NULL,
	"body" text NOT NULL,
	"wmi" text NOT NULL,
	"vds_pattern" text NOT NULL,
	"sample_vin" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_model_years_ck" CHECK ("vehicle_model"."year_from" <= "vehicle_model"."year_to"),
	CONSTRAINT "vehicle_model_wmi_ck" CHECK ("vehicle_model"."wmi" ~ '^[A-HJ-NPR-Z0-9]{3}$'),
	CONSTRAINT "vehicle_model_vds_ck" CHECK ("vehicle_model"."vds_pattern" ~ '^[A-HJ-NPR-Z0-9*]{5}$')
);
--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_fitment" ADD CONSTRAINT "part_fitment_vehicle_model_id_vehicle_model_id_fk" FOREIGN KEY ("vehicle_model_id") REFERENCES "public"."vehicle_model"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_fitment" ADD CONSTRAINT "part_fitment_part_id_part_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_interchange" ADD CONSTRAINT "part_interchange_part_id_part_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_interchange" ADD CONSTRAINT "part_interchange_other_part_id_part_id_fk" FOREIGN KEY ("other_part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_supersession" ADD CONSTRAINT "part_supersession_old_part_id_part_id_fk" FOREIGN KEY ("old_part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_supersession" ADD CONSTRAINT "part_supersession_new_part_id_part_id_fk" FOREIGN KEY ("new_part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product" ADD CONSTRAINT "product_cert_body_id_cert_body_id_fk" FOREIGN KEY ("cert_body_id") REFERENCES "public"."cert_body"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_part" ADD CONSTRAINT "product_part_part_id_part_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."part"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_part" ADD CONSTRAINT "product_part_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cert_body_code_uq" ON "cert_body" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_product_region_uq" ON "offer" USING btree ("product_id","region_key");--> statement-breakpoint
CREATE INDEX "offer_supplier_idx" ON "offer" USING btree ("supplier_org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "part_oe_norm_uq" ON "part" USING btree ("oe_norm");--> statement-breakpoint
CREATE INDEX "part_oe_norm_prefix_idx" ON "part" USING btree ("oe_norm" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "part_oe_norm_trgm_idx" ON "part" USING gin ("oe_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "part_name_zh_trgm_idx" ON "part" USING gin ("name_zh" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "part_pinyin_prefix_idx" ON "part" USING btree ("pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "part_initials_prefix_idx" ON "part" USING btree ("initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "part_category_idx" ON "part" USING btree ("category","id");--> statement-breakpoint
CREATE INDEX "part_fitment_part_idx" ON "part_fitment" USING btree ("part_id");--> statement-breakpoint
CREATE INDEX "part_supersession_new_idx" ON "part_supersession" USING btree ("new_part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_supplier_sku_uq" ON "product" USING btree ("supplier_org_id","sku");--> statement-breakpoint
CREATE INDEX "product_part_product_idx" ON "product_part" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_model_code_uq" ON "vehicle_model" USING btree ("code");--> statement-breakpoint
CREATE INDEX "vehicle_model_wmi_idx" ON "vehicle_model" USING btree ("wmi","year_from");--> statement-breakpoint
CREATE INDEX "vehicle_model_brand_idx" ON "vehicle_model" USING btree ("brand","series");
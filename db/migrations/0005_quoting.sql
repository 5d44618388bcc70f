CREATE TABLE "bid" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"lead_time_days" integer NOT NULL,
	"valid_to" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bid_price_ck" CHECK ("bid"."price_fen" > 0 and "bid"."vat_fen" >= 0 and "bid"."vat_fen" < "bid"."price_fen"),
	CONSTRAINT "bid_lead_time_ck" CHECK ("bid"."lead_time_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inquiry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"insurer_org_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"quote_line_id" uuid NOT NULL,
	"part_id" uuid,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"delivery_region_code" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"withdrawn_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "inquiry_status_ck" CHECK ("inquiry"."status" in ('open','closed','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "inquiry_supplier" (
	"inquiry_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiry_supplier_inquiry_id_supplier_org_id_pk" PRIMARY KEY("inquiry_id","supplier_org_id")
);
--> statement-breakpoint
CREATE TABLE "price_guide_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"insurer_org_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"part_id" uuid,
	"category" text,
	"region_code" text,
	"guide_key" text NOT NULL,
	"oe_reference_fen" bigint,
	"caps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_guide_entry_scope_ck" CHECK (("price_guide_entry"."scope" = 'part' and "price_guide_entry"."part_id" is not null) or ("price_guide_entry"."scope" = 'category' and "price_guide_entry"."category" is not null))
);
--> statement-breakpoint
CREATE TABLE "procurement_policy" (
	"insurer_org_id" uuid PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"insurer_org_id" uuid NOT NULL,
	"repair_shop_org_id" uuid NOT NULL,
	"delivery_region_code" text NOT NULL,
	"policy_version" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"quote_id" uuid NOT NULL,
	"assessment_line_id" uuid NOT NULL,
	"part_id" uuid,
	"quantity" integer NOT NULL,
	"oe_reference_fen" bigint,
	"guide_cap_fen" bigint,
	"chosen_offer_id" uuid,
	"chosen_bid_id" uuid,
	"chosen_grade" text,
	"unit_price_fen" bigint,
	"line_amount_fen" bigint,
	"candidates" jsonb NOT NULL,
	"needs_inquiry" boolean DEFAULT false NOT NULL,
	"approval" text DEFAULT 'pending' NOT NULL,
	"approval_reasons" jsonb,
	"approved_offer_id" uuid,
	"approved_bid_id" uuid,
	"approved_grade" text,
	"approved_unit_fen" bigint,
	"approved_amount_fen" bigint,
	"approved_vat_fen" bigint,
	"saving_fen" bigint,
	"saving_bp" integer,
	"handling_fee_fen" bigint,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"send_back_reason" text,
	CONSTRAINT "quote_line_qty_ck" CHECK ("quote_line"."quantity" > 0),
	CONSTRAINT "quote_line_approval_ck" CHECK ("quote_line"."approval" in ('pending','auto_approved','approved','corrected','sent_back'))
);
--> statement-breakpoint
ALTER TABLE "claim" ADD COLUMN "vehicle_value_fen" bigint;--> statement-breakpoint
ALTER TABLE "bid" ADD CONSTRAINT "bid_inquiry_id_inquiry_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_supplier" ADD CONSTRAINT "inquiry_supplier_inquiry_id_inquiry_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_line" ADD CONSTRAINT "quote_line_quote_id_quote_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quote"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bid_inquiry_supplier_product_uq" ON "bid" USING btree ("inquiry_id","supplier_org_id","product_id");--> statement-breakpoint
CREATE INDEX "inquiry_insurer_idx" ON "inquiry" USING btree ("insurer_org_id","status","id");--> statement-breakpoint
CREATE INDEX "inquiry_quote_line_idx" ON "inquiry" USING btree ("quote_line_id");--> statement-breakpoint
CREATE INDEX "inquiry_open_deadline_idx" ON "inquiry" USING btree ("deadline_at") WHERE "inquiry"."status" = 'open';--> statement-breakpoint
CREATE INDEX "inquiry_supplier_org_idx" ON "inquiry_supplier" USING btree ("supplier_org_id","inquiry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_guide_entry_key_uq" ON "price_guide_entry" USING btree ("insurer_org_id","guide_key");--> statement-breakpoint
CREATE INDEX "price_guide_entry_part_idx" ON "price_guide_entry" USING btree ("insurer_org_id","part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_assessment_uq" ON "quote" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "quote_claim_idx" ON "quote" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_line_assessment_line_uq" ON "quote_line" USING btree ("assessment_line_id");--> statement-breakpoint
CREATE INDEX "quote_line_quote_idx" ON "quote_line" USING btree ("quote_id");
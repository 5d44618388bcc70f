CREATE TABLE "order_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"quote_line_id" uuid,
	"part_id" uuid,
	"product_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"qty" integer NOT NULL,
	"unit_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"handling_fee_fen" bigint NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"shipper_org_id" uuid NOT NULL,
	"drop_ship" boolean NOT NULL,
	"shipment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"eta_date" date NOT NULL,
	"cancel_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_line_qty_ck" CHECK ("order_line"."qty" > 0),
	CONSTRAINT "order_line_amount_ck" CHECK ("order_line"."unit_fen" > 0 and "order_line"."amount_fen" = "order_line"."unit_fen" * "order_line"."qty" and "order_line"."vat_fen" >= 0 and "order_line"."handling_fee_fen" >= 0),
	CONSTRAINT "order_line_status_ck" CHECK ("order_line"."status" in ('reserved','picked','shipped','delivered','accepted','rejected','installed','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "order_party" (
	"order_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "order_party_order_id_org_id_pk" PRIMARY KEY("order_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "parts_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"kind" text NOT NULL,
	"claim_id" uuid,
	"assessment_id" uuid,
	"payer_org_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"delivery_region_code" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"handling_fee_fen" bigint NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parts_order_kind_ck" CHECK ("parts_order"."kind" in ('claim','shop')),
	CONSTRAINT "parts_order_claim_ck" CHECK (("parts_order"."kind" = 'claim') = ("parts_order"."assessment_id" is not null and "parts_order"."claim_id" is not null)),
	CONSTRAINT "parts_order_amount_ck" CHECK ("parts_order"."amount_fen" >= 0 and "parts_order"."vat_fen" >= 0 and "parts_order"."handling_fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shipment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"shipper_org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"transit_days" integer NOT NULL,
	"eta_date" date NOT NULL,
	"carrier" text,
	"tracking_no" text,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shipment_status_ck" CHECK ("shipment"."status" in ('open','shipped','delivered','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_order_id_parts_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."parts_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_party" ADD CONSTRAINT "order_party_order_id_parts_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."parts_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment" ADD CONSTRAINT "shipment_order_id_parts_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."parts_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_no_uq" ON "order_line" USING btree ("order_id","line_no");--> statement-breakpoint
CREATE INDEX "order_line_shipment_idx" ON "order_line" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "order_line_quote_line_idx" ON "order_line" USING btree ("quote_line_id");--> statement-breakpoint
CREATE INDEX "order_party_org_idx" ON "order_party" USING btree ("org_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_order_no_uq" ON "parts_order" USING btree ("order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_order_assessment_uq" ON "parts_order" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "parts_order_claim_idx" ON "parts_order" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_order_warehouse_uq" ON "shipment" USING btree ("order_id","warehouse_id");--> statement-breakpoint
CREATE INDEX "shipment_shipper_idx" ON "shipment" USING btree ("shipper_org_id","status","id");
CREATE TABLE "stock_demand" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_line_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"qty" integer NOT NULL,
	"source" text NOT NULL,
	"source_document_id" uuid,
	"status" text NOT NULL,
	"eta_date" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"filled_at" timestamp with time zone,
	CONSTRAINT "stock_demand_qty_ck" CHECK ("stock_demand"."qty" > 0),
	CONSTRAINT "stock_demand_source_ck" CHECK ("stock_demand"."source" in ('transfer','purchase')),
	CONSTRAINT "stock_demand_status_ck" CHECK ("stock_demand"."status" in ('open','filled','cancelled','unsourced'))
);
--> statement-breakpoint
CREATE TABLE "stock_incoming" (
	"document_line_id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"qty" integer NOT NULL,
	"expected_date" date,
	CONSTRAINT "stock_incoming_qty_ck" CHECK ("stock_incoming"."qty" > 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"po_no" text NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"consignment" boolean NOT NULL,
	"status" text NOT NULL,
	"expected_date" date NOT NULL,
	"note" text,
	"carrier" text,
	"tracking_no" text,
	"shipped_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchase_order_status_ck" CHECK ("purchase_order"."status" in ('draft','sent','confirmed','refused','partially_received','received','cancelled')),
	CONSTRAINT "purchase_order_origin_ck" CHECK ("purchase_order"."origin" in ('manual','backorder','replenishment'))
);
--> statement-breakpoint
CREATE TABLE "purchase_order_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_org_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"offer_id" uuid,
	"qty" integer NOT NULL,
	"unit_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"qty_received" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"promised_date" date,
	"refuse_reason" text,
	CONSTRAINT "purchase_order_line_qty_ck" CHECK ("purchase_order_line"."qty" > 0 and "purchase_order_line"."qty_received" >= 0),
	CONSTRAINT "purchase_order_line_money_ck" CHECK ("purchase_order_line"."unit_fen" > 0 and "purchase_order_line"."vat_fen" >= 0 and "purchase_order_line"."vat_fen" < "purchase_order_line"."unit_fen"),
	CONSTRAINT "purchase_order_line_status_ck" CHECK ("purchase_order_line"."status" in ('open','confirmed','refused','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "replenishment_rule" (
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"min_qty" integer NOT NULL,
	"max_qty" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "replenishment_rule_warehouse_id_product_id_pk" PRIMARY KEY("warehouse_id","product_id"),
	CONSTRAINT "replenishment_rule_qty_ck" CHECK ("replenishment_rule"."min_qty" >= 0 and "replenishment_rule"."max_qty" > "replenishment_rule"."min_qty" and "replenishment_rule"."max_qty" <= 9999)
);
--> statement-breakpoint
ALTER TABLE "order_line" DROP CONSTRAINT "order_line_status_ck";--> statement-breakpoint
DROP INDEX "shipment_order_warehouse_uq";--> statement-breakpoint
ALTER TABLE "stock_lot" ADD COLUMN "recalled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stock_lot" ADD COLUMN "recall_reason" text;--> statement-breakpoint
ALTER TABLE "stock_lot" ADD COLUMN "recalled_by" uuid;--> statement-breakpoint
ALTER TABLE "stock_receipt" ADD COLUMN "purchase_order_id" uuid;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "source" text DEFAULT 'stock' NOT NULL;--> statement-breakpoint
UPDATE "order_line" SET "source" = 'drop_ship' WHERE "drop_ship";--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "promised_eta_date" date;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "reserved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipment" ADD COLUMN "backorder" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "quote_line" ADD COLUMN "chosen_source" text;--> statement-breakpoint
ALTER TABLE "quote_line" ADD COLUMN "eta_days" integer;--> statement-breakpoint
ALTER TABLE "stock_demand" ADD CONSTRAINT "stock_demand_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_incoming" ADD CONSTRAINT "stock_incoming_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_history" ADD CONSTRAINT "purchase_order_history_purchase_order_id_purchase_order_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_line" ADD CONSTRAINT "purchase_order_line_purchase_order_id_purchase_order_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stock_demand_order_line_uq" ON "stock_demand" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "stock_demand_open_idx" ON "stock_demand" USING btree ("warehouse_id","product_id","id") WHERE "stock_demand"."status" = 'open';--> statement-breakpoint
CREATE INDEX "stock_demand_document_idx" ON "stock_demand" USING btree ("source_document_id");--> statement-breakpoint
CREATE INDEX "stock_incoming_warehouse_idx" ON "stock_incoming" USING btree ("warehouse_id","product_id");--> statement-breakpoint
CREATE INDEX "stock_incoming_document_idx" ON "stock_incoming" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_no_uq" ON "purchase_order" USING btree ("po_no");--> statement-breakpoint
CREATE INDEX "purchase_order_supplier_idx" ON "purchase_order" USING btree ("supplier_org_id","id");--> statement-breakpoint
CREATE INDEX "purchase_order_operator_idx" ON "purchase_order" USING btree ("operator_org_id","id");--> statement-breakpoint
CREATE INDEX "purchase_order_warehouse_idx" ON "purchase_order" USING btree ("warehouse_id","status");--> statement-breakpoint
CREATE INDEX "purchase_order_history_po_idx" ON "purchase_order_history" USING btree ("purchase_order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_line_no_uq" ON "purchase_order_line" USING btree ("purchase_order_id","line_no");--> statement-breakpoint
CREATE INDEX "purchase_order_line_product_idx" ON "purchase_order_line" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "stock_receipt_purchase_order_idx" ON "stock_receipt" USING btree ("purchase_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_order_warehouse_uq" ON "shipment" USING btree ("order_id","warehouse_id","backorder");--> statement-breakpoint
ALTER TABLE "offer" DROP COLUMN "declared_qty";--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_source_ck" CHECK ("order_line"."source" in ('stock','drop_ship','transfer','purchase'));--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_status_ck" CHECK ("order_line"."status" in ('awaiting_stock','reserved','picked','shipped','delivered','accepted','rejected','installed','cancelled'));
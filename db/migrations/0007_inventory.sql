CREATE TABLE "stock_location" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"warehouse_id" uuid,
	CONSTRAINT "stock_location_kind_ck" CHECK ("stock_location"."kind" in ('view','internal','supplier','transit','customer','loss','scrap'))
);
--> statement-breakpoint
CREATE TABLE "stock_lot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"lot_no" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_move" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phase" text NOT NULL,
	"pending_id" uuid,
	"kind" text NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"qty" integer NOT NULL,
	"from_location_id" uuid NOT NULL,
	"to_location_id" uuid NOT NULL,
	"document_id" uuid,
	"order_line_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_move_qty_ck" CHECK ("stock_move"."qty" > 0),
	CONSTRAINT "stock_move_phase_ck" CHECK ("stock_move"."phase" in ('single','pending','post','void')),
	CONSTRAINT "stock_move_pending_ck" CHECK (("stock_move"."phase" in ('post','void')) = ("stock_move"."pending_id" is not null)),
	CONSTRAINT "stock_move_kind_ck" CHECK ("stock_move"."kind" in ('receipt','order','transfer','adjustment','return','scrap')),
	CONSTRAINT "stock_move_locations_ck" CHECK ("stock_move"."from_location_id" <> "stock_move"."to_location_id")
);
--> statement-breakpoint
CREATE TABLE "stock_quant" (
	"product_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"on_hand" integer NOT NULL,
	"reserved" integer NOT NULL,
	CONSTRAINT "stock_quant_product_id_location_id_lot_id_owner_org_id_pk" PRIMARY KEY("product_id","location_id","lot_id","owner_org_id"),
	CONSTRAINT "stock_quant_qty_ck" CHECK ("stock_quant"."on_hand" >= 0 and "stock_quant"."reserved" >= 0 and "stock_quant"."reserved" <= "stock_quant"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "stock_receipt" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"consignment" boolean NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trace_unit" (
	"code" text PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text NOT NULL,
	"receipt_id" uuid NOT NULL,
	"order_line_id" uuid,
	"installed_vin" text,
	"installed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trace_unit_status_ck" CHECK ("trace_unit"."status" in ('in_stock','shipped','installed','returned','scrapped','revoked'))
);
--> statement-breakpoint
CREATE TABLE "warehouse" (
	"id" uuid PRIMARY KEY NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"stock_location_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warehouse_kind_ck" CHECK ("warehouse"."kind" in ('central','front','supplier')),
	CONSTRAINT "warehouse_region_ck" CHECK ("warehouse"."region_code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "warehouse_coverage" (
	"warehouse_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"transit_days" integer NOT NULL,
	CONSTRAINT "warehouse_coverage_warehouse_id_region_code_pk" PRIMARY KEY("warehouse_id","region_code"),
	CONSTRAINT "warehouse_coverage_days_ck" CHECK ("warehouse_coverage"."transit_days" >= 0 and "warehouse_coverage"."transit_days" <= 60)
);
--> statement-breakpoint
ALTER TABLE "stock_receipt" ADD CONSTRAINT "stock_receipt_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warehouse_coverage" ADD CONSTRAINT "warehouse_coverage_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_location_warehouse_idx" ON "stock_location" USING btree ("warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_lot_product_no_uq" ON "stock_lot" USING btree ("product_id","lot_no");--> statement-breakpoint
CREATE INDEX "stock_lot_no_idx" ON "stock_lot" USING btree ("lot_no");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_move_pending_uq" ON "stock_move" USING btree ("pending_id");--> statement-breakpoint
CREATE INDEX "stock_move_order_line_idx" ON "stock_move" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "stock_move_product_idx" ON "stock_move" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "stock_move_lot_idx" ON "stock_move" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "stock_quant_location_idx" ON "stock_quant" USING btree ("location_id","product_id");--> statement-breakpoint
CREATE INDEX "stock_receipt_warehouse_idx" ON "stock_receipt" USING btree ("warehouse_id","id");--> statement-breakpoint
CREATE INDEX "stock_receipt_supplier_idx" ON "stock_receipt" USING btree ("supplier_org_id","id");--> statement-breakpoint
CREATE INDEX "trace_unit_lot_idx" ON "trace_unit" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "trace_unit_location_idx" ON "trace_unit" USING btree ("location_id","product_id");--> statement-breakpoint
CREATE INDEX "trace_unit_order_line_idx" ON "trace_unit" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warehouse_code_uq" ON "warehouse" USING btree ("code");--> statement-breakpoint
CREATE INDEX "warehouse_operator_idx" ON "warehouse" USING btree ("operator_org_id","id");--> statement-breakpoint
CREATE INDEX "warehouse_coverage_region_idx" ON "warehouse_coverage" USING btree ("region_code");--> statement-breakpoint
-- The world outside the warehouses (src/modules/inventory/locations.ts holds the same ids).
INSERT INTO "stock_location" ("id", "kind", "name") VALUES
  ('00000000-0000-7000-8000-00000000a001', 'supplier', '供应商'),
  ('00000000-0000-7000-8000-00000000a002', 'customer', '修理厂'),
  ('00000000-0000-7000-8000-00000000a003', 'transit', '在途'),
  ('00000000-0000-7000-8000-00000000a004', 'loss', '盘亏'),
  ('00000000-0000-7000-8000-00000000a005', 'scrap', '报废');

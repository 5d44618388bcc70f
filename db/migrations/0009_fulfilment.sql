CREATE TABLE "stock_count" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"lines" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_transfer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"from_warehouse_id" uuid NOT NULL,
	"to_warehouse_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"received_by" uuid,
	"received_at" timestamp with time zone,
	CONSTRAINT "stock_transfer_status_ck" CHECK ("stock_transfer"."status" in ('in_transit','received')),
	CONSTRAINT "stock_transfer_warehouses_ck" CHECK ("stock_transfer"."from_warehouse_id" <> "stock_transfer"."to_warehouse_id")
);
--> statement-breakpoint
CREATE TABLE "order_return" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"qty" integer NOT NULL,
	"credit_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"disposition" text,
	"warehouse_id" uuid NOT NULL,
	"carrier" text,
	"tracking_no" text,
	"refused_reason" text,
	"replacement_order_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_return_status_ck" CHECK ("order_return"."status" in ('requested','approved','refused','received','closed')),
	CONSTRAINT "order_return_reason_ck" CHECK ("order_return"."reason" in ('wrong_part','damaged','quality','missing')),
	CONSTRAINT "order_return_qty_ck" CHECK ("order_return"."qty" > 0 and "order_return"."credit_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shipment_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"location" text,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shipment_event_type_ck" CHECK ("shipment_event"."type" in ('picked_up','in_transit','out_for_delivery','delivered','exception'))
);
--> statement-breakpoint
ALTER TABLE "trace_unit" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "reject_photo_urls" text[];--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "trace_mismatch" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "installed_vin" text;--> statement-breakpoint
ALTER TABLE "order_line" ADD COLUMN "installed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stock_count" ADD CONSTRAINT "stock_count_warehouse_id_warehouse_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfer" ADD CONSTRAINT "stock_transfer_from_warehouse_id_warehouse_id_fk" FOREIGN KEY ("from_warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfer" ADD CONSTRAINT "stock_transfer_to_warehouse_id_warehouse_id_fk" FOREIGN KEY ("to_warehouse_id") REFERENCES "public"."warehouse"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_return" ADD CONSTRAINT "order_return_order_id_parts_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."parts_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_return" ADD CONSTRAINT "order_return_order_line_id_order_line_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_event" ADD CONSTRAINT "shipment_event_shipment_id_shipment_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_count_warehouse_idx" ON "stock_count" USING btree ("warehouse_id","id");--> statement-breakpoint
CREATE INDEX "stock_transfer_from_idx" ON "stock_transfer" USING btree ("from_warehouse_id","id");--> statement-breakpoint
CREATE INDEX "stock_transfer_to_idx" ON "stock_transfer" USING btree ("to_warehouse_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_return_line_uq" ON "order_return" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "order_return_supplier_idx" ON "order_return" USING btree ("supplier_org_id","status","id");--> statement-breakpoint
CREATE INDEX "shipment_event_shipment_idx" ON "shipment_event" USING btree ("shipment_id","at");--> statement-breakpoint
-- Quants are updated on every order, shipment and receipt; room on each page keeps those updates
-- HOT (no index change), so the hot rows do not bloat between vacuums.
ALTER TABLE "stock_quant" SET (fillfactor = 50);

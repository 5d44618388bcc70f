CREATE TABLE "invoice" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invoice_no" text NOT NULL,
	"kind" text NOT NULL,
	"issuer_org_id" uuid,
	"receiver_org_id" uuid,
	"amount_fen" bigint NOT NULL,
	"tax_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"issued_on" date NOT NULL,
	"statement_id" uuid,
	"payout_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoice_kind_ck" CHECK ("invoice"."kind" in ('special','ordinary')),
	CONSTRAINT "invoice_money_ck" CHECK ("invoice"."amount_fen" > 0 and "invoice"."tax_fen" >= 0 and "invoice"."total_fen" = "invoice"."amount_fen" + "invoice"."tax_fen"),
	CONSTRAINT "invoice_link_ck" CHECK (("invoice"."statement_id" is null) <> ("invoice"."payout_id" is null))
);
--> statement-breakpoint
CREATE TABLE "payment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_no" text NOT NULL,
	"payer_org_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"allocated_fen" bigint DEFAULT 0 NOT NULL,
	"received_on" date NOT NULL,
	"bank_ref" text NOT NULL,
	"payer_name" text,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_money_ck" CHECK ("payment"."amount_fen" > 0 and "payment"."allocated_fen" >= 0 and "payment"."allocated_fen" <= "payment"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "payment_allocation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_allocation_ck" CHECK ("payment_allocation"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "settlement_terms" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"invoice_required" boolean DEFAULT true NOT NULL,
	"payout_days" integer DEFAULT 30 NOT NULL,
	"payout_cycle" text DEFAULT 'daily' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "settlement_terms_ck" CHECK ("settlement_terms"."payout_days" >= 0 and "settlement_terms"."payout_days" <= 180 and "settlement_terms"."payout_cycle" in ('daily','weekly','monthly'))
);
--> statement-breakpoint
CREATE TABLE "statement" (
	"id" uuid PRIMARY KEY NOT NULL,
	"statement_no" text NOT NULL,
	"payer_org_id" uuid NOT NULL,
	"payer_kind" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text NOT NULL,
	"line_count" integer NOT NULL,
	"net_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"handling_fee_fen" bigint NOT NULL,
	"credit_fen" bigint DEFAULT 0 NOT NULL,
	"total_fen" bigint NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"invoice_required" boolean DEFAULT true NOT NULL,
	"dispute" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "statement_status_ck" CHECK ("statement"."status" in ('draft','issued','confirmed','disputed','paid','cancelled')),
	CONSTRAINT "statement_payer_kind_ck" CHECK ("statement"."payer_kind" in ('insurer','repair_shop')),
	CONSTRAINT "statement_period_ck" CHECK ("statement"."period_from" <= "statement"."period_to"),
	CONSTRAINT "statement_money_ck" CHECK ("statement"."net_fen" >= 0 and "statement"."vat_fen" >= 0 and "statement"."handling_fee_fen" >= 0 and "statement"."credit_fen" >= 0 and "statement"."paid_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "statement_line" (
	"statement_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"credit_id" uuid,
	"order_id" uuid NOT NULL,
	"claim_id" uuid,
	"posted_at" timestamp with time zone NOT NULL,
	"net_fen" bigint NOT NULL,
	"vat_fen" bigint NOT NULL,
	"handling_fee_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	CONSTRAINT "statement_line_kind_ck" CHECK ("statement_line"."kind" in ('sale','credit') and ("statement_line"."kind" = 'credit') = ("statement_line"."credit_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_code_ck";--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD COLUMN "payout_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD COLUMN "financing_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_allocation" ADD CONSTRAINT "payment_allocation_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocation" ADD CONSTRAINT "payment_allocation_statement_id_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_line" ADD CONSTRAINT "statement_line_statement_id_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_no_uq" ON "invoice" USING btree ("invoice_no");--> statement-breakpoint
CREATE INDEX "invoice_statement_idx" ON "invoice" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "invoice_payout_idx" ON "invoice" USING btree ("payout_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_no_uq" ON "payment" USING btree ("payment_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_bank_ref_uq" ON "payment" USING btree ("bank_ref");--> statement-breakpoint
CREATE INDEX "payment_payer_idx" ON "payment" USING btree ("payer_org_id","id");--> statement-breakpoint
CREATE INDEX "payment_allocation_payment_idx" ON "payment_allocation" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_allocation_statement_idx" ON "payment_allocation" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_no_uq" ON "statement" USING btree ("statement_no");--> statement-breakpoint
CREATE INDEX "statement_payer_idx" ON "statement" USING btree ("payer_org_id","id");--> statement-breakpoint
CREATE INDEX "statement_status_idx" ON "statement" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_line_sale_uq" ON "statement_line" USING btree ("order_line_id") WHERE "statement_line"."kind" = 'sale';--> statement-breakpoint
CREATE UNIQUE INDEX "statement_line_credit_uq" ON "statement_line" USING btree ("credit_id");--> statement-breakpoint
CREATE INDEX "statement_line_statement_idx" ON "statement_line" USING btree ("statement_id","order_line_id","kind");--> statement-breakpoint
CREATE INDEX "ledger_transfer_posted_debit_at_idx" ON "ledger_transfer" USING btree ("debit_account_id","at") WHERE "ledger_transfer"."phase" = 'post';--> statement-breakpoint
CREATE INDEX "ledger_transfer_statement_idx" ON "ledger_transfer" USING btree ("statement_id");--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_code_ck" CHECK ("ledger_transfer"."code" in ('sale','sale_vat','handling_fee','consignment_sold','stock_purchase','purchase_vat','supplier_fee','stock_sold','stock_written_off','stock_found','credit_note','credit_note_vat','payment','payout','handling_fee_payout','financing_advance','financing_fee','financing_repaid'));
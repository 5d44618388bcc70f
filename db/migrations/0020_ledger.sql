CREATE TABLE "ledger_account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid,
	"code" text NOT NULL,
	"partner_org_id" uuid,
	"debits_pending" bigint DEFAULT 0 NOT NULL,
	"debits_posted" bigint DEFAULT 0 NOT NULL,
	"credits_pending" bigint DEFAULT 0 NOT NULL,
	"credits_posted" bigint DEFAULT 0 NOT NULL,
	"credit_limit_fen" bigint,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_account_code_ck" CHECK ("ledger_account"."code" in ('insurer_receivable','shop_receivable','supplier_payable','handling_fee_payable','sales_revenue','cost_of_sales','fee_revenue','platform_inventory','stock_loss','platform_cash','vat_output','vat_input','financing_advanced','financing_fee_revenue')),
	CONSTRAINT "ledger_account_balances_ck" CHECK ("ledger_account"."debits_pending" >= 0 and "ledger_account"."debits_posted" >= 0 and "ledger_account"."credits_pending" >= 0 and "ledger_account"."credits_posted" >= 0),
	CONSTRAINT "ledger_account_limit_ck" CHECK ("ledger_account"."credit_limit_fen" is null or "ledger_account"."credit_limit_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transfer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phase" text NOT NULL,
	"code" text NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"pending_id" uuid,
	"reverses_id" uuid,
	"claim_id" uuid,
	"order_id" uuid,
	"order_line_id" uuid,
	"return_id" uuid,
	"purchase_order_id" uuid,
	"document_id" uuid,
	"partner_org_id" uuid,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ledger_transfer_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_transfer_amount_ck" CHECK ("ledger_transfer"."amount_fen" > 0),
	CONSTRAINT "ledger_transfer_accounts_ck" CHECK ("ledger_transfer"."debit_account_id" <> "ledger_transfer"."credit_account_id"),
	CONSTRAINT "ledger_transfer_phase_ck" CHECK ("ledger_transfer"."phase" in ('single','pending','post','void')),
	CONSTRAINT "ledger_transfer_pending_ck" CHECK (("ledger_transfer"."phase" in ('post','void')) = ("ledger_transfer"."pending_id" is not null)),
	CONSTRAINT "ledger_transfer_code_ck" CHECK ("ledger_transfer"."code" in ('sale','sale_vat','handling_fee','consignment_sold','stock_purchase','purchase_vat','supplier_fee','stock_sold','stock_written_off','stock_found'))
);
--> statement-breakpoint
CREATE TABLE "stock_valuation" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"qty" integer NOT NULL,
	"value_fen" bigint NOT NULL,
	CONSTRAINT "stock_valuation_ck" CHECK ("stock_valuation"."qty" >= 0 and "stock_valuation"."value_fen" >= 0 and ("stock_valuation"."qty" > 0 or "stock_valuation"."value_fen" = 0))
);
--> statement-breakpoint
CREATE TABLE "supplier_fee_rate" (
	"supplier_org_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"rate_bp" integer NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplier_fee_rate_supplier_org_id_from_date_pk" PRIMARY KEY("supplier_org_id","from_date"),
	CONSTRAINT "supplier_fee_rate_ck" CHECK ("supplier_fee_rate"."rate_bp" >= 0 and "supplier_fee_rate"."rate_bp" <= 3000)
);
--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_debit_account_id_ledger_account_id_fk" FOREIGN KEY ("debit_account_id") REFERENCES "public"."ledger_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_credit_account_id_ledger_account_id_fk" FOREIGN KEY ("credit_account_id") REFERENCES "public"."ledger_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_account_org_idx" ON "ledger_account" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfer_pending_uq" ON "ledger_transfer" USING btree ("pending_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfer_reverses_uq" ON "ledger_transfer" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "ledger_transfer_debit_idx" ON "ledger_transfer" USING btree ("debit_account_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_transfer_credit_idx" ON "ledger_transfer" USING btree ("credit_account_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_transfer_order_line_idx" ON "ledger_transfer" USING btree ("order_line_id");
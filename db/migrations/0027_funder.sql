ALTER TABLE "org" DROP CONSTRAINT "org_kind_ck";--> statement-breakpoint
ALTER TABLE "ledger_account" DROP CONSTRAINT "ledger_account_code_ck";--> statement-breakpoint
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_code_ck";--> statement-breakpoint
ALTER TABLE "payout" DROP CONSTRAINT "payout_payee_kind_ck";--> statement-breakpoint
ALTER TABLE "financing_request" ADD COLUMN "funder_org_id" uuid;--> statement-breakpoint
CREATE INDEX "financing_request_funder_idx" ON "financing_request" USING btree ("funder_org_id","id");--> statement-breakpoint
ALTER TABLE "org" ADD CONSTRAINT "org_kind_ck" CHECK ("org"."kind" in ('platform','insurer','supplier','operator','repair_shop','funder'));--> statement-breakpoint
ALTER TABLE "ledger_account" ADD CONSTRAINT "ledger_account_code_ck" CHECK ("ledger_account"."code" in ('insurer_receivable','shop_receivable','supplier_payable','handling_fee_payable','sales_revenue','cost_of_sales','fee_revenue','platform_inventory','stock_loss','platform_cash','vat_output','vat_input','financing_advanced','financing_fee_revenue','funder_payable'));--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_code_ck" CHECK ("ledger_transfer"."code" in ('sale','sale_vat','handling_fee','consignment_sold','stock_purchase','purchase_vat','supplier_fee','stock_sold','stock_written_off','stock_found','credit_note','credit_note_vat','payment','payout','handling_fee_payout','financing_advance','financing_fee','financing_repaid','financing_assigned','funder_payout'));--> statement-breakpoint
ALTER TABLE "payout" ADD CONSTRAINT "payout_payee_kind_ck" CHECK ("payout"."payee_kind" in ('supplier','repair_shop','funder'));
CREATE TABLE "payment_refund" (
	"id" uuid PRIMARY KEY NOT NULL,
	"refund_no" text NOT NULL,
	"payment_id" uuid NOT NULL,
	"payer_org_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"to_account" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"refusal" text,
	CONSTRAINT "payment_refund_amount_ck" CHECK ("payment_refund"."amount_fen" > 0),
	CONSTRAINT "payment_refund_status_ck" CHECK ("payment_refund"."status" in ('requested','refunded','refused','withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "ledger_transfer" DROP CONSTRAINT "ledger_transfer_code_ck";--> statement-breakpoint
ALTER TABLE "payment" DROP CONSTRAINT "payment_money_ck";--> statement-breakpoint
ALTER TABLE "payment" ADD COLUMN "refunded_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refund_no_uq" ON "payment_refund" USING btree ("refund_no");--> statement-breakpoint
CREATE INDEX "payment_refund_payment_idx" ON "payment_refund" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_refund_payer_idx" ON "payment_refund" USING btree ("payer_org_id","id");--> statement-breakpoint
CREATE INDEX "payment_refund_status_idx" ON "payment_refund" USING btree ("status","id");--> statement-breakpoint
ALTER TABLE "ledger_transfer" ADD CONSTRAINT "ledger_transfer_code_ck" CHECK ("ledger_transfer"."code" in ('sale','sale_vat','handling_fee','consignment_sold','stock_purchase','purchase_vat','supplier_fee','stock_sold','stock_written_off','stock_found','credit_note','credit_note_vat','payment','refund','payout','handling_fee_payout','financing_advance','financing_fee','financing_repaid','financing_assigned','funder_payout'));--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_money_ck" CHECK ("payment"."amount_fen" > 0 and "payment"."allocated_fen" >= 0 and "payment"."refunded_fen" >= 0 and "payment"."allocated_fen" + "payment"."refunded_fen" <= "payment"."amount_fen");
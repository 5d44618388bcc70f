ALTER TABLE "invoice" DROP CONSTRAINT "invoice_money_ck";--> statement-breakpoint
ALTER TABLE "invoice" ADD COLUMN "reverses_invoice_id" uuid;--> statement-breakpoint
CREATE INDEX "invoice_reverses_idx" ON "invoice" USING btree ("reverses_invoice_id");--> statement-breakpoint
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_money_ck" CHECK ("invoice"."total_fen" = "invoice"."amount_fen" + "invoice"."tax_fen" and case when "invoice"."reverses_invoice_id" is null then "invoice"."amount_fen" > 0 and "invoice"."tax_fen" >= 0 else "invoice"."amount_fen" < 0 and "invoice"."tax_fen" <= 0 end);
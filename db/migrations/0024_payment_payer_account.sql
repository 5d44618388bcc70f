ALTER TABLE "payment" ADD COLUMN "payer_account" text;--> statement-breakpoint
CREATE INDEX "payment_payer_account_idx" ON "payment" USING btree ("payer_account");--> statement-breakpoint
CREATE INDEX "payment_payer_name_idx" ON "payment" USING btree ("payer_name");
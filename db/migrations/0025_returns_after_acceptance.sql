ALTER TABLE "order_line" DROP CONSTRAINT "order_line_status_ck";--> statement-breakpoint
ALTER TABLE "statement_line" DROP CONSTRAINT "statement_line_kind_ck";--> statement-breakpoint
ALTER TABLE "order_return" ADD COLUMN "stage" text DEFAULT 'at_receipt' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_return" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "order_return" ADD COLUMN "photo_urls" text[];--> statement-breakpoint
CREATE INDEX "ledger_transfer_return_credit_at_idx" ON "ledger_transfer" USING btree ("credit_account_id","at") WHERE "ledger_transfer"."return_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "statement_line_return_uq" ON "statement_line" USING btree ("order_line_id") WHERE "statement_line"."kind" = 'return';--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_status_ck" CHECK ("order_line"."status" in ('awaiting_stock','reserved','picked','shipped','delivered','accepted','rejected','installed','returned','cancelled'));--> statement-breakpoint
ALTER TABLE "order_return" ADD CONSTRAINT "order_return_stage_ck" CHECK ("order_return"."stage" in ('at_receipt','after_acceptance'));--> statement-breakpoint
ALTER TABLE "statement_line" ADD CONSTRAINT "statement_line_kind_ck" CHECK ("statement_line"."kind" in ('sale','credit','return') and ("statement_line"."kind" = 'credit') = ("statement_line"."credit_id" is not null));
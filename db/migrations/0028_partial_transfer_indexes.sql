DROP INDEX "ledger_transfer_pending_uq";--> statement-breakpoint
DROP INDEX "ledger_transfer_reverses_uq";--> statement-breakpoint
DROP INDEX "ledger_transfer_statement_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfer_pending_uq" ON "ledger_transfer" USING btree ("pending_id") WHERE "ledger_transfer"."pending_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfer_reverses_uq" ON "ledger_transfer" USING btree ("reverses_id") WHERE "ledger_transfer"."reverses_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_transfer_statement_idx" ON "ledger_transfer" USING btree ("statement_id") WHERE "ledger_transfer"."statement_id" is not null;
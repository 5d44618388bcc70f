CREATE INDEX "claim_insurer_recent_idx" ON "claim" USING btree ("insurer_org_id","id");--> statement-breakpoint
CREATE INDEX "claim_shop_recent_idx" ON "claim" USING btree ("repair_shop_org_id","id");
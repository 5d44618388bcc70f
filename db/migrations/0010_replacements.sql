DROP INDEX "parts_order_assessment_uq";--> statement-breakpoint
ALTER TABLE "parts_order" ADD COLUMN "replaces_return_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "parts_order_replaces_uq" ON "parts_order" USING btree ("replaces_return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_order_assessment_uq" ON "parts_order" USING btree ("assessment_id") WHERE "parts_order"."replaces_return_id" is null;
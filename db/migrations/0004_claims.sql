CREATE TABLE "assessment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_status_ck" CHECK ("assessment"."status" in ('draft','quoted','approved')),
	CONSTRAINT "assessment_version_ck" CHECK ("assessment"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "assessment_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"part_id" uuid,
	"oe_no_raw" text,
	"description" text NOT NULL,
	"is_free_text" boolean NOT NULL,
	"quantity" integer NOT NULL,
	"operation" text NOT NULL,
	"labour_tenths" integer NOT NULL,
	"photo_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "assessment_line_qty_ck" CHECK ("assessment_line"."quantity" > 0),
	CONSTRAINT "assessment_line_labour_ck" CHECK ("assessment_line"."labour_tenths" >= 0),
	CONSTRAINT "assessment_line_operation_ck" CHECK ("assessment_line"."operation" in ('replace','repair')),
	CONSTRAINT "assessment_line_free_text_ck" CHECK ("assessment_line"."is_free_text" = ("assessment_line"."part_id" is null)),
	CONSTRAINT "assessment_line_description_ck" CHECK (length("assessment_line"."description") > 0)
);
--> statement-breakpoint
CREATE TABLE "claim" (
	"id" uuid PRIMARY KEY NOT NULL,
	"insurer_org_id" uuid NOT NULL,
	"claim_no" text NOT NULL,
	"policy_no" text NOT NULL,
	"accident_date" date NOT NULL,
	"accident_region_code" text NOT NULL,
	"vin" text NOT NULL,
	"vehicle_model_id" uuid,
	"plate" text NOT NULL,
	"repair_shop_org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_status_ck" CHECK ("claim"."status" in ('open','assessing','quoted','approved','ordered','repaired','settled','closed','cancelled')),
	CONSTRAINT "claim_region_ck" CHECK ("claim"."accident_region_code" ~ '^[0-9]{6}$'),
	CONSTRAINT "claim_vin_ck" CHECK ("claim"."vin" ~ '^[A-HJ-NPR-Z0-9]{17}$')
);
--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_claim_id_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claim"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_line" ADD CONSTRAINT "assessment_line_assessment_id_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_claim_version_uq" ON "assessment" USING btree ("claim_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_line_no_uq" ON "assessment_line" USING btree ("assessment_id","line_no");--> statement-breakpoint
CREATE INDEX "assessment_line_part_idx" ON "assessment_line" USING btree ("part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_insurer_no_uq" ON "claim" USING btree ("insurer_org_id","claim_no");--> statement-breakpoint
CREATE INDEX "claim_insurer_idx" ON "claim" USING btree ("insurer_org_id","status","id");--> statement-breakpoint
CREATE INDEX "claim_shop_idx" ON "claim" USING btree ("repair_shop_org_id","status","id");--> statement-breakpoint
CREATE INDEX "claim_no_trgm_idx" ON "claim" USING gin ("claim_no" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "claim_plate_trgm_idx" ON "claim" USING gin ("plate" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "claim_vin_trgm_idx" ON "claim" USING gin ("vin" gin_trgm_ops);
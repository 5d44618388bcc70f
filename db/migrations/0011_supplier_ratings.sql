CREATE TABLE "supplier_record" (
	"supplier_org_id" uuid PRIMARY KEY NOT NULL,
	"lines_received" integer DEFAULT 0 NOT NULL,
	"lines_rejected" integer DEFAULT 0 NOT NULL,
	"trace_mismatches" integer DEFAULT 0 NOT NULL,
	"lines_late" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);

CREATE TABLE "financing_item" (
	"order_line_id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"face_fen" bigint NOT NULL,
	"repaid_at" timestamp with time zone,
	CONSTRAINT "financing_item_face_ck" CHECK ("financing_item"."face_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "financing_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_no" text NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"face_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"advance_fen" bigint NOT NULL,
	"annual_rate_bp" integer NOT NULL,
	"expected_pay_date" date NOT NULL,
	"days" integer NOT NULL,
	"requested_by" uuid,
	"approved_by" uuid,
	"funded_by" uuid,
	"refused_reason" text,
	"funded_at" timestamp with time zone,
	"repaid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "financing_request_status_ck" CHECK ("financing_request"."status" in ('requested','approved','refused','funded','repaid','overdue','defaulted')),
	CONSTRAINT "financing_request_money_ck" CHECK ("financing_request"."face_fen" > 0 and "financing_request"."fee_fen" >= 0 and "financing_request"."advance_fen" = "financing_request"."face_fen" - "financing_request"."fee_fen" and "financing_request"."advance_fen" > 0 and "financing_request"."days" >= 1)
);
--> statement-breakpoint
ALTER TABLE "financing_item" ADD CONSTRAINT "financing_item_request_id_financing_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "financing_item_request_idx" ON "financing_item" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "financing_item_statement_idx" ON "financing_item" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "financing_request_no_uq" ON "financing_request" USING btree ("request_no");--> statement-breakpoint
CREATE INDEX "financing_request_supplier_idx" ON "financing_request" USING btree ("supplier_org_id","id");--> statement-breakpoint
CREATE INDEX "financing_request_status_idx" ON "financing_request" USING btree ("status","id");
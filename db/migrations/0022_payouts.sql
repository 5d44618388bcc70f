CREATE TABLE "payout" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payout_no" text NOT NULL,
	"payee_org_id" uuid NOT NULL,
	"payee_kind" text NOT NULL,
	"run_date" date NOT NULL,
	"due_through" date NOT NULL,
	"status" text NOT NULL,
	"item_count" integer NOT NULL,
	"credits_fen" bigint NOT NULL,
	"debits_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"bank_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payout_status_ck" CHECK ("payout"."status" in ('pending','paid','returned')),
	CONSTRAINT "payout_payee_kind_ck" CHECK ("payout"."payee_kind" in ('supplier','repair_shop')),
	CONSTRAINT "payout_money_ck" CHECK ("payout"."amount_fen" > 0 and "payout"."amount_fen" = "payout"."credits_fen" - "payout"."debits_fen" and "payout"."item_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "payout_item" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"payout_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payout_item" ADD CONSTRAINT "payout_item_payout_id_payout_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payout"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_no_uq" ON "payout" USING btree ("payout_no");--> statement-breakpoint
CREATE INDEX "payout_payee_idx" ON "payout" USING btree ("payee_org_id","id");--> statement-breakpoint
CREATE INDEX "payout_run_idx" ON "payout" USING btree ("run_date","id");--> statement-breakpoint
CREATE INDEX "payout_item_payout_idx" ON "payout_item" USING btree ("payout_id");
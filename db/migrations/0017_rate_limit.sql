CREATE UNLOGGED TABLE "rate_limit_window" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_window_end_idx" ON "rate_limit_window" USING btree ("window_end");
CREATE TABLE "warehouse_network" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" uuid NOT NULL,
	CONSTRAINT "warehouse_network_one_row_ck" CHECK ("warehouse_network"."id")
);
--> statement-breakpoint
INSERT INTO "warehouse_network" ("id", "version") VALUES (true, gen_random_uuid());--> statement-breakpoint
-- A new version for every statement that changes a warehouse or its coverage (processes holding
-- the network find out in their next stock read).
CREATE FUNCTION warehouse_network_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "warehouse_network" SET "version" = gen_random_uuid();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER warehouse_network_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "warehouse" FOR EACH STATEMENT EXECUTE FUNCTION warehouse_network_bump();--> statement-breakpoint
CREATE TRIGGER warehouse_network_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "warehouse_coverage" FOR EACH STATEMENT EXECUTE FUNCTION warehouse_network_bump();

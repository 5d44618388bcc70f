ALTER TABLE "part_fitment" ADD COLUMN "oe_norm" text;--> statement-breakpoint
ALTER TABLE "part_fitment" ADD COLUMN "name_zh" text;--> statement-breakpoint
ALTER TABLE "part_fitment" ADD COLUMN "pinyin" text;--> statement-breakpoint
ALTER TABLE "part_fitment" ADD COLUMN "initials" text;--> statement-breakpoint
ALTER TABLE "part_fitment" ADD COLUMN "category" text;--> statement-breakpoint
-- The copies are kept by the database itself, so every writer (import, seed, COPY, future APIs)
-- keeps them right without knowing about them: a new fitment row takes the part's columns, and a
-- change to a part's searchable columns is copied to all its fitment rows.
UPDATE "part_fitment" f SET "oe_norm" = p."oe_norm", "name_zh" = p."name_zh", "pinyin" = p."pinyin", "initials" = p."initials", "category" = p."category" FROM "part" p WHERE p."id" = f."part_id";--> statement-breakpoint
CREATE FUNCTION part_fitment_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.oe_norm, p.name_zh, p.pinyin, p.initials, p.category
    INTO NEW.oe_norm, NEW.name_zh, NEW.pinyin, NEW.initials, NEW.category
    FROM part p WHERE p.id = NEW.part_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER part_fitment_fill BEFORE INSERT OR UPDATE OF part_id ON "part_fitment" FOR EACH ROW EXECUTE FUNCTION part_fitment_fill();--> statement-breakpoint
CREATE FUNCTION part_search_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE part_fitment
     SET oe_norm = NEW.oe_norm, name_zh = NEW.name_zh, pinyin = NEW.pinyin, initials = NEW.initials, category = NEW.category
   WHERE part_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER part_search_copy AFTER UPDATE OF oe_norm, name_zh, pinyin, initials, category ON "part" FOR EACH ROW
  WHEN ((OLD.oe_norm, OLD.name_zh, OLD.pinyin, OLD.initials, OLD.category) IS DISTINCT FROM (NEW.oe_norm, NEW.name_zh, NEW.pinyin, NEW.initials, NEW.category))
  EXECUTE FUNCTION part_search_copy();--> statement-breakpoint
-- One model's parts with everything a search filters and sorts on: an index-only scan.
CREATE INDEX "part_fitment_search_idx" ON "part_fitment" ("vehicle_model_id") INCLUDE ("part_id", "oe_norm", "name_zh", "pinyin", "initials", "category");

-- Trigram indexes (fragment search in Chinese part names and OE numbers) need pg_trgm. PGlite
-- loads it as a bundled extension; Debian's PostgreSQL ships it in the server package.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

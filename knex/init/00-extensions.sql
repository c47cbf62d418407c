-- Extensions NetRaven needs. Run before the baseline; safe to run again.
-- pgcrypto: gen_random_uuid() and digest() on servers where they are not built in.
-- pg_trgm: trigram GIN index for substring search over configuration content.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

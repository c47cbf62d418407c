-- The three group roles NetRaven grants on its tables (grants live in the baseline,
-- next to the tables). They are NOLOGIN: operators create login users IN ROLE one of them.
-- Roles are cluster-wide, so creation is guarded and tolerant of a concurrent init.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['netraven_app', 'netraven_readonly', 'netraven_keyrotation'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;

-- No role but the owner may create objects in this database's public schema
-- (PostgreSQL 14 still grants CREATE to PUBLIC by default).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

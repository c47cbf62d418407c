import type { Knex } from 'knex';

/**
 * The shipped schema: nine tables, their indexes, and the grants for the three roles.
 * Written as SQL so the database state is exactly what is read here.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(TRIGGER_FUNCTION);
  await knex.raw(NOTIFY_SETTINGS_FUNCTION);
  await knex.raw(SEARCH_WORDS_FUNCTION);
  await knex.raw(TABLES);
  await knex.raw(INDEXES);
  await knex.raw(GRANTS);
}

/** The baseline is the first state: going down drops everything NetRaven owns. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS job_logs, device_configurations, device_tags, credential_tags,
      jobs, devices, credentials, tags, system_settings CASCADE;
    DROP FUNCTION IF EXISTS netraven_set_updated_at();
    DROP FUNCTION IF EXISTS netraven_notify_settings();
    DROP FUNCTION IF EXISTS netraven_config_words(text);
  `);
}

const TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION netraven_set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
`;

// Running daemons LISTEN on netraven_settings and apply a changed setting within seconds, however
// it was changed (\`settings set\`, the console, a DBA's UPDATE): hence a trigger, not a NOTIFY in code.
const NOTIFY_SETTINGS_FUNCTION = `
CREATE OR REPLACE FUNCTION netraven_notify_settings() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('netraven_settings', TG_OP);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
`;

// Words of a configuration for the word index: the 'simple' parser keeps IP addresses,
// host names and interface paths whole (10.1.2.3, core.example.net, Gi1/0/24), which is
// what makes searching for them selective. Stripped (no positions) to stay small; a
// configuration with too many distinct words for a tsvector (> 1 MB) gets NULL and is then
// always a search candidate, checked by its content.
const SEARCH_WORDS_FUNCTION = `
CREATE OR REPLACE FUNCTION netraven_config_words(content text) RETURNS tsvector AS $$
BEGIN
  RETURN strip(to_tsvector('simple'::regconfig, content));
EXCEPTION WHEN program_limit_exceeded THEN
  RETURN NULL;
END
$$ LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE;
`;

const TABLES = `
CREATE TABLE credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  username text NOT NULL CHECK (length(username) > 0),
  -- A credential logs in with a password (secret) or an SSH private key, never both. Every
  -- sealed column (secret, enable_secret, private_key, key_passphrase) is sealed with key_id.
  secret bytea,
  enable_secret bytea,
  private_key bytea,
  key_passphrase bytea,
  -- Public: "<type> SHA256:<fingerprint>" of the private key's public half, for listings.
  key_fingerprint text,
  key_id text NOT NULL,
  -- Readable by roles that may not read the sealed columns (credentials list shows it).
  has_enable_secret boolean GENERATED ALWAYS AS (enable_secret IS NOT NULL) STORED,
  priority integer NOT NULL DEFAULT 100 CHECK (priority BETWEEN 0 AND 10000),
  success_count integer NOT NULL DEFAULT 0 CHECK (success_count >= 0),
  failure_count integer NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
  last_used_at timestamptz,
  last_success_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((secret IS NULL) <> (private_key IS NULL)),
  CHECK (key_passphrase IS NULL OR private_key IS NOT NULL),
  CHECK ((key_fingerprint IS NULL) = (private_key IS NULL))
);

CREATE TABLE devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hostname text NOT NULL CHECK (hostname ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$'),
  ip_address inet NOT NULL,
  port integer NOT NULL DEFAULT 22 CHECK (port BETWEEN 1 AND 65535),
  device_type text NOT NULL CHECK (device_type ~ '^[a-z][a-z0-9_]{1,63}$'),
  vendor text,
  model text,
  os_version text,
  serial text,
  description text CHECK (length(description) <= 1000),
  enabled boolean NOT NULL DEFAULT true,
  ssh_options jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(ssh_options) = 'object'),
  last_retrieval_at timestamptz,
  last_retrieval_status text CHECK (last_retrieval_status IN ('changed', 'unchanged', 'failed')),
  last_retrieval_error_code text,
  last_retrieval_error text,
  last_good_credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
  host_key_fingerprint text,
  -- The key the device presented at its last HOST_KEY_MISMATCH (cleared by a retrieval that
  -- succeeds and by accepting a key): what the console offers to accept, next to the old one.
  presented_host_key_fingerprint text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tags (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$'),
  description text CHECK (length(description) <= 1000),
  colour text CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device_tags (
  device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, tag_id)
);

CREATE TABLE credential_tags (
  credential_id uuid NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
  tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (credential_id, tag_id)
);

CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 'change': a finished record of an operator's change (credential, setting, schedule), with
  -- requested_by and one log line saying what changed; never claimed (it is born finished).
  kind text NOT NULL CHECK (kind IN ('retrieval', 'key_rotation', 'purge', 'change')),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'partially_succeeded', 'failed', 'cancelled')),
  parent_job_id uuid REFERENCES jobs (id) ON DELETE CASCADE,
  device_id uuid REFERENCES devices (id) ON DELETE CASCADE,
  target jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(target) = 'object'),
  schedule text,
  scheduled_for timestamptz,
  requested_by text,
  progress_total integer NOT NULL DEFAULT 0 CHECK (progress_total >= 0),
  progress_done integer NOT NULL DEFAULT 0 CHECK (progress_done >= 0),
  progress_failed integer NOT NULL DEFAULT 0 CHECK (progress_failed >= 0),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  cancel_requested boolean NOT NULL DEFAULT false,
  error_code text,
  error text,
  run_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
);

CREATE TABLE device_configurations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  job_id uuid REFERENCES jobs (id) ON DELETE SET NULL,
  retrieved_at timestamptz NOT NULL DEFAULT now(),
  content text NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
  search_words tsvector GENERATED ALWAYS AS (netraven_config_words(content)) STORED
);

CREATE TABLE job_logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  device_id uuid REFERENCES devices (id) ON DELETE SET NULL,
  level text NOT NULL DEFAULT 'info' CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Operator settings (src/config/settings.ts), and NetRaven's own records under the reserved
-- prefix "internal.", which no settings command shows or accepts. The one such record,
-- internal.sealing_keys, is the keyring identity (src/credentials/keyring-identity.ts): the ids
-- (never the material) of the keys this database's credentials were sealed with,
-- {"keys": [{"id", "state": "active" | "retiring" | "retired", "recorded_at"}]}, exactly one
-- active. A keyring that does not hold the active one belongs to another installation.
CREATE TABLE system_settings (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'),
  value jsonb NOT NULL,
  description text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- (\\? is a literal ? for knex.raw, which would take it for a binding)
  CONSTRAINT system_settings_sealing_keys_check CHECK (key <> 'internal.sealing_keys' OR COALESCE(
    jsonb_typeof(value -> 'keys') = 'array'
    AND jsonb_array_length(jsonb_path_query_array(value, '$.keys[*] \\? (@.state == "active")')) = 1
    AND NOT jsonb_path_exists(value, '$.keys[*] \\? (@.type() != "object"
      || !exists(@.id \\? (@.type() == "string" && @ like_regex "^[A-Za-z0-9_-]{1,64}$"))
      || !exists(@.state \\? (@ == "active" || @ == "retiring" || @ == "retired")))'),
    false))
);

CREATE TRIGGER credentials_updated_at BEFORE UPDATE ON credentials FOR EACH ROW EXECUTE FUNCTION netraven_set_updated_at();
CREATE TRIGGER devices_updated_at BEFORE UPDATE ON devices FOR EACH ROW EXECUTE FUNCTION netraven_set_updated_at();
CREATE TRIGGER tags_updated_at BEFORE UPDATE ON tags FOR EACH ROW EXECUTE FUNCTION netraven_set_updated_at();
CREATE TRIGGER jobs_updated_at BEFORE UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION netraven_set_updated_at();
CREATE TRIGGER system_settings_updated_at BEFORE UPDATE ON system_settings FOR EACH ROW EXECUTE FUNCTION netraven_set_updated_at();
-- Row triggers so that internal records (written on every first seal and key rotation) wake no
-- daemon; NOTIFY sends one notice per transaction for identical payloads, however many rows.
CREATE TRIGGER system_settings_notify AFTER INSERT OR UPDATE ON system_settings
  FOR EACH ROW WHEN (NEW.key NOT LIKE 'internal.%') EXECUTE FUNCTION netraven_notify_settings();
CREATE TRIGGER system_settings_notify_delete AFTER DELETE ON system_settings
  FOR EACH ROW WHEN (OLD.key NOT LIKE 'internal.%') EXECUTE FUNCTION netraven_notify_settings();
CREATE TRIGGER system_settings_notify_truncate AFTER TRUNCATE ON system_settings
  FOR EACH STATEMENT EXECUTE FUNCTION netraven_notify_settings();
`;

// Every foreign key column has an index (PostgreSQL does not add them), so cascades
// and "configurations of a device" never scan a whole table.
const INDEXES = `
CREATE UNIQUE INDEX credentials_name_key ON credentials (lower(name));
CREATE INDEX credentials_key_id_idx ON credentials (key_id);

CREATE UNIQUE INDEX devices_hostname_key ON devices (lower(hostname));
CREATE INDEX devices_ip_address_idx ON devices (ip_address, port);
CREATE INDEX devices_last_good_credential_id_idx ON devices (last_good_credential_id);
CREATE INDEX devices_device_type_idx ON devices (device_type);
-- The console's device list: one index per sort (src/db/queries/device-list.ts spells the same
-- expressions), so every slice of 100,000 devices is an index range scan; and hostname
-- prefixes (the filter) under any collation.
CREATE INDEX devices_last_retrieval_order_idx ON devices ((coalesce(last_retrieval_at, '-infinity'::timestamptz)), lower(hostname));
CREATE INDEX devices_result_order_idx ON devices ((CASE WHEN last_retrieval_status = 'failed' THEN 0 WHEN last_retrieval_status IS NULL THEN 1 ELSE 2 END), (coalesce(last_retrieval_error_code, '')), lower(hostname));
CREATE INDEX devices_hostname_prefix_idx ON devices (lower(hostname) text_pattern_ops);

CREATE UNIQUE INDEX tags_name_key ON tags (lower(name));
CREATE INDEX device_tags_tag_id_idx ON device_tags (tag_id);
CREATE INDEX credential_tags_tag_id_idx ON credential_tags (tag_id);

CREATE INDEX device_configurations_device_retrieved_idx ON device_configurations (device_id, retrieved_at DESC);
CREATE INDEX device_configurations_job_id_idx ON device_configurations (job_id);
CREATE INDEX device_configurations_content_trgm_idx ON device_configurations USING gin (content gin_trgm_ops);
CREATE INDEX device_configurations_search_words_idx ON device_configurations USING gin (search_words);
CREATE INDEX device_configurations_unindexed_idx ON device_configurations (device_id) WHERE search_words IS NULL;

CREATE INDEX jobs_status_created_idx ON jobs (status, created_at);
-- Lists of jobs people start or schedules fire (the console's jobs screen, the last sweep),
-- newest first and keyset-paged on (created_at, id); device jobs of sweeps (millions) are left out.
CREATE INDEX jobs_top_level_created_idx ON jobs (created_at, id) WHERE schedule IS NULL AND device_id IS NULL;
-- The latest key rotation (the console's keys screen) among millions of device jobs.
CREATE INDEX jobs_key_rotation_created_idx ON jobs (created_at, id) WHERE kind = 'key_rotation';
CREATE INDEX jobs_parent_job_id_idx ON jobs (parent_job_id);
CREATE INDEX jobs_device_id_idx ON jobs (device_id);
CREATE INDEX jobs_claimable_idx ON jobs (run_at) WHERE status = 'queued' AND schedule IS NULL;
CREATE INDEX jobs_lease_expires_idx ON jobs (lease_expires_at) WHERE status = 'running';
CREATE UNIQUE INDEX jobs_schedule_run_key ON jobs (parent_job_id, scheduled_for) WHERE scheduled_for IS NOT NULL;

CREATE INDEX job_logs_job_id_idx ON job_logs (job_id, id);
CREATE INDEX job_logs_device_id_idx ON job_logs (device_id);
CREATE INDEX job_logs_created_at_idx ON job_logs (created_at);
`;

// What each role's holder needs, and nothing more (the matrix is in docs/architecture.md, "Roles"):
// - netraven_app (CLI, daemon, console): all data, but history is append-only: configuration
//   versions and job logs are inserted and deleted (purge, device removal), never rewritten;
//   settings are inserted and changed, never deleted.
// - netraven_readonly (reports, auditors): reads everything except credential material. Its
//   credentials columns are a listed set of safe ones, so a sealed column added later is
//   excluded by construction.
// - netraven_keyrotation: reads and re-seals credentials, appends job logs, sees or writes only
//   key_rotation jobs, and of system_settings only the keyring identity record (row-level
//   security on both: it records the new key of a rotation, and reads no operator setting).
const GRANTS = `
GRANT USAGE ON SCHEMA public TO netraven_app, netraven_readonly, netraven_keyrotation;
-- knex creates its bookkeeping table before running this migration; every role reads the
-- schema version before it does anything.
GRANT SELECT ON knex_migrations TO netraven_app, netraven_readonly, netraven_keyrotation;

GRANT SELECT, INSERT, UPDATE, DELETE ON credentials, devices, tags, device_tags, credential_tags, jobs TO netraven_app;
GRANT SELECT, INSERT, DELETE ON device_configurations, job_logs TO netraven_app;
GRANT SELECT, INSERT, UPDATE ON system_settings TO netraven_app;

GRANT SELECT ON devices, tags, device_tags, credential_tags, jobs, device_configurations, job_logs, system_settings TO netraven_readonly;
GRANT SELECT (id, name, username, key_id, key_fingerprint, has_enable_secret, priority, success_count, failure_count,
  last_used_at, last_success_at, created_at, updated_at) ON credentials TO netraven_readonly;

GRANT SELECT (id, name, secret, enable_secret, private_key, key_passphrase, key_id) ON credentials TO netraven_keyrotation;
GRANT UPDATE (secret, enable_secret, private_key, key_passphrase, key_id, updated_at) ON credentials TO netraven_keyrotation;
GRANT INSERT (job_id, device_id, level, message, data, created_at) ON job_logs TO netraven_keyrotation;
GRANT SELECT, INSERT, UPDATE ON jobs TO netraven_keyrotation;
GRANT SELECT, INSERT, UPDATE ON system_settings TO netraven_keyrotation;

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY jobs_all ON jobs TO netraven_app, netraven_readonly USING (true) WITH CHECK (true);
CREATE POLICY jobs_key_rotation ON jobs TO netraven_keyrotation
  USING (kind = 'key_rotation') WITH CHECK (kind = 'key_rotation');

-- Key ids are not secret: the readonly role reads the identity record with the settings.
ALTER TABLE system_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY system_settings_all ON system_settings TO netraven_app, netraven_readonly USING (true) WITH CHECK (true);
CREATE POLICY system_settings_sealing_keys ON system_settings TO netraven_keyrotation
  USING (key = 'internal.sealing_keys') WITH CHECK (key = 'internal.sealing_keys');
`;

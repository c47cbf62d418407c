#!/usr/bin/env bash
# Restores a dump of scripts/backup.sh into an EMPTY database, after you type its name.
#
#   docker compose exec postgres /scripts/restore.sh /backups/netraven-20261130T020000Z.dump
#
# Refuses a database that has any table (drop and create it first, see docs/operations.md,
# "Restore"), and a file pg_restore cannot read. The restore is one transaction: on any error
# nothing is left behind. The group roles (netraven_app, …) must exist: the postgres container
# creates them at its first start (knex/init/01-roles.sql). Afterwards run `db init` (the init
# service) for the service logins, and put back the keyring saved with this dump.
#
# The connection is libpq's PG* variables; in the postgres container it defaults to the owner
# (POSTGRES_USER, POSTGRES_DB) over the socket, with the password from POSTGRES_PASSWORD_FILE.
# The confirmation is read from standard input (the database name, typed).
set -euo pipefail
umask 077

fail() {
  printf 'restore.sh: %s\n' "$1" >&2
  exit 1
}

file="${1:-}"
[[ "$file" != "-h" && "$file" != "--help" ]] || { sed -n '2,14p' "$0"; exit 0; }
[[ -n "$file" ]] || fail "name the dump to restore: restore.sh /backups/netraven-<time>.dump"
[[ -f "$file" && -r "$file" ]] || fail "$file is not a readable file: name a dump written by backup.sh"

export PGDATABASE="${PGDATABASE:-${POSTGRES_DB:-netraven}}"
export PGUSER="${PGUSER:-${POSTGRES_USER:-netraven}}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [[ -z "${PGPASSWORD:-}" && -z "${PGPASSFILE:-}" && -n "${POSTGRES_PASSWORD_FILE:-}" ]]; then
  [[ -r "$POSTGRES_PASSWORD_FILE" ]] || fail "POSTGRES_PASSWORD_FILE $POSTGRES_PASSWORD_FILE cannot be read: run as root in the postgres container, or fix the path"
  password="$(cat "$POSTGRES_PASSWORD_FILE")"
  [[ -n "$password" ]] || fail "POSTGRES_PASSWORD_FILE $POSTGRES_PASSWORD_FILE is empty: it must hold the owner's password"
  password="${password//\\/\\\\}"
  printf '*:*:*:*:%s\n' "${password//:/\\:}" >"$scratch/pgpass"
  unset password
  export PGPASSFILE="$scratch/pgpass"
fi

if ! out="$(pg_restore --list "$file" 2>&1 >/dev/null && pg_restore --file=/dev/null "$file" 2>&1)"; then
  fail "$file is not a complete pg_dump archive ($(printf '%s' "$out" | head -n1 | cut -c1-200)): use another backup; nothing was changed"
fi

if ! tables="$(psql -X -q -A -t -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')" 2>&1)"; then
  fail "cannot check database $PGDATABASE: $(printf '%s' "$tables" | grep -m1 -v '^$' | cut -c1-300)"
fi
if [[ "$tables" != "0" ]]; then
  fail "database $PGDATABASE already has $tables tables: restore only into an empty database (drop and create it first: docs/operations.md, \"Restore\"); nothing was changed"
fi

printf 'restore.sh: this restores %s into database %s (user %s). Type the database name to go on: ' "$file" "$PGDATABASE" "$PGUSER" >&2
answer=""
IFS= read -r answer || true
[[ "$answer" == "$PGDATABASE" ]] || fail "not confirmed (expected the database name $PGDATABASE): nothing was changed"

if ! out="$(pg_restore --exit-on-error --single-transaction --no-owner --dbname="$PGDATABASE" "$file" 2>&1)"; then
  fail "pg_restore failed and changed nothing: $(printf '%s' "$out" | grep -m1 -i 'error' | cut -c1-300)"
fi
printf '\nrestore.sh: restored %s into database %s\n' "$file" "$PGDATABASE" >&2
printf 'restore.sh: the keyring is not in the dump: put the keyring saved with it back into the keyring folder, run "docker compose run --rm init", then "netraven keys verify"\n' >&2

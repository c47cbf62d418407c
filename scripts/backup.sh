#!/usr/bin/env bash
# A verified pg_dump of NetRaven's database into the backups folder; prints the file's path.
#
#   docker compose exec postgres /scripts/backup.sh [--keep N]        (in the postgres container)
#   PGHOST=db.example.net PGUSER=netraven PGSSLMODE=verify-full PGSSLROOTCERT=ca.crt \
#     scripts/backup.sh --dir ./backups                               (from a host with pg_dump)
#
# Writes DIR/netraven-<UTC time>.dump (pg_dump custom format, mode 0600), checks it with
# `pg_restore --list` and a full read, then keeps the newest N dumps of DIR and removes older ones.
# The keyring is NOT in the dump: back it up separately (docs/operations.md, "Backups").
#
# Settings: --dir DIR or BACKUP_DIR (default /backups), --keep N or NETRAVEN_BACKUP_KEEP
# (default 14). The connection is libpq's PG* variables; in the postgres container it
# defaults to the owner (POSTGRES_USER, POSTGRES_DB) over the socket, with the password
# from POSTGRES_PASSWORD_FILE. pg_dump must be at least the server's major version: in the
# postgres container it always is.
set -euo pipefail
umask 077

fail() {
  printf 'backup.sh: %s\n' "$1" >&2
  exit 1
}

dir="${BACKUP_DIR:-/backups}"
keep="${NETRAVEN_BACKUP_KEEP:-14}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="${2:-}"; shift 2 || fail "--dir needs a folder" ;;
    --keep) keep="${2:-}"; shift 2 || fail "--keep needs a number" ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) fail "unknown argument $1: use --dir DIR and --keep N" ;;
  esac
done
[[ "$keep" =~ ^[1-9][0-9]{0,3}$ ]] || fail "--keep (NETRAVEN_BACKUP_KEEP) must be a whole number from 1 to 9999, got '${keep:0:20}'"
[[ -n "$dir" ]] || fail "--dir needs a folder"

export PGDATABASE="${PGDATABASE:-${POSTGRES_DB:-netraven}}"
export PGUSER="${PGUSER:-${POSTGRES_USER:-netraven}}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The owner's password goes to libpq through a private pgpass file, never through argv.
if [[ -z "${PGPASSWORD:-}" && -z "${PGPASSFILE:-}" && -n "${POSTGRES_PASSWORD_FILE:-}" ]]; then
  [[ -r "$POSTGRES_PASSWORD_FILE" ]] || fail "POSTGRES_PASSWORD_FILE $POSTGRES_PASSWORD_FILE cannot be read: run as root in the postgres container, or fix the path"
  password="$(cat "$POSTGRES_PASSWORD_FILE")"
  [[ -n "$password" ]] || fail "POSTGRES_PASSWORD_FILE $POSTGRES_PASSWORD_FILE is empty: it must hold the owner's password"
  password="${password//\\/\\\\}"
  printf '*:*:*:*:%s\n' "${password//:/\\:}" >"$scratch/pgpass"
  unset password
  export PGPASSFILE="$scratch/pgpass"
fi

[[ -d "$dir" ]] || fail "$dir does not exist: create it (docker-compose.yml mounts ./backups there) or pass --dir"
if ! touch "$dir/.backup-write-test.$$" 2>/dev/null; then
  fail "cannot write to $dir as uid $(id -u): make it writable by that user (on the host: chown $(id -u) backups), or pass --dir"
fi
rm -f "$dir/.backup-write-test.$$"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$dir/netraven-$stamp.dump"
partial="$dir/.netraven-$stamp.dump.partial"
[[ ! -e "$final" ]] || fail "$final already exists: wait a second and run again"
if ! out="$(pg_dump --format=custom --file="$partial" 2>&1)"; then
  rm -f "$partial"
  fail "pg_dump of $PGDATABASE failed: $(printf '%s' "$out" | grep -m1 -v '^$' | cut -c1-300) (nothing was written)"
fi
# --list reads the table of contents; reading every entry to /dev/null also finds a cut-off end.
if ! out="$(pg_restore --list "$partial" 2>&1 >/dev/null && pg_restore --file=/dev/null "$partial" 2>&1)"; then
  rm -f "$partial"
  fail "the dump did not verify with pg_restore: $(printf '%s' "$out" | head -n1) (nothing was kept)"
fi
mv "$partial" "$final"
chmod 0600 "$final"

dumps=("$dir"/netraven-*Z.dump)
removed=0
if [[ ${#dumps[@]} -gt $keep ]]; then
  for old in "${dumps[@]:0:${#dumps[@]}-keep}"; do
    rm -f "$old"
    removed=$((removed + 1))
  done
fi

printf '%s\n' "$final"
printf 'backup.sh: wrote and verified %s (%s bytes); kept the newest %s dumps, removed %s\n' "$final" "$(wc -c <"$final" | tr -d ' ')" "$keep" "$removed" >&2
printf 'backup.sh: the keyring is not in this dump: back up the keyring folder (NETRAVEN_KEYRING_DIR) separately, and again after every key rotation\n' >&2

#!/usr/bin/env bash
# CI checks of the container deployment, without a Docker engine:
#   - docker-compose.yml is valid with the values of .env.example (Debian's docker-compose);
#   - no secret reaches `docker-compose config`: canary values in every secret file and in the
#     environment under every name a password could be passed by must not appear in its output;
#   - the shell scripts pass shellcheck.
# Installs what is missing with apt (run as root on a clean machine): docker-compose, shellcheck,
# and a PostgreSQL server with its own pg_dump for the backup-script tests (the embedded server of
# the test harness ships no pg_dump).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v shellcheck >/dev/null || missing+=(shellcheck)
has_server_and_dump=false
for bin in /usr/lib/postgresql/*/bin; do
  if [[ -x "$bin/postgres" && -x "$bin/pg_dump" && -x "$bin/pg_restore" && -x "$bin/psql" ]]; then has_server_and_dump=true; fi
done
[[ "$has_server_and_dump" == true ]] || missing+=(postgresql)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "check-deployment: ${missing[*]} missing: install them (apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  # The tests start their own servers: no default cluster from the package.
  if [[ "$has_server_and_dump" == false && ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

shellcheck scripts/*.sh .ci/run .ci/*.sh
docker-compose --env-file .env.example --profile tools config -q

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
canary="canary$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
mkdir "$work/secrets"
for name in postgres_password netraven_daemon_password netraven_console_password netraven_rotator_password console_host_key; do
  printf '%s-%s\n' "$canary" "$name" >"$work/secrets/$name"
done
sed "s|^NETRAVEN_SECRETS_DIR=.*|NETRAVEN_SECRETS_DIR=$work/secrets|" .env.example >"$work/env"
config="$(POSTGRES_PASSWORD="$canary" NETRAVEN_DB_PASSWORD="$canary" DATABASE_PASSWORD="$canary" PGPASSWORD="$canary" \
  docker-compose --env-file "$work/env" --profile tools config)"
if grep -q "$canary" <<<"$config"; then
  echo "check-deployment: a secret value reached the output of docker-compose config:" >&2
  grep -n "$canary" <<<"$config" >&2
  exit 1
fi
grep -q "file: $work/secrets/postgres_password" <<<"$config" || { echo "check-deployment: the compose file does not take its secrets from NETRAVEN_SECRETS_DIR" >&2; exit 1; }
echo "check-deployment: docker-compose.yml is valid with .env.example, no secret in its config output, scripts pass shellcheck"

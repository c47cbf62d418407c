#!/usr/bin/env bash
# The PostgreSQL server certificate of a NetRaven deployment, signed by a deployment CA.
# Run by the one-shot `certs` service on every `docker compose up` (as root in the NetRaven
# image, so it can hand the server key to the postgres user).
#
#   certs.sh [create]    first run: make the CA and the server certificate; later runs: check
#                        what is there and keep it (never regenerated while present)
#   certs.sh check       check only (names, key, chain, expiry); changes nothing
#   certs.sh import DIR  replace them with your own: DIR holds ca.crt, server.crt, server.key
#   certs.sh renew       a new server certificate from the deployment CA (same CA: clients
#                        need nothing new); then `docker compose restart postgres`
#
# Settings (environment):
#   CERTS_DIR               where the files live (default /certs: the `certs` volume)
#   NETRAVEN_DB_CERT_NAMES  host names / IP addresses clients connect to, comma-separated
#                           (default postgres, the compose service name; verify-full checks it)
#   CERTS_KEY_OWNER         uid:gid given server.key (default 70:70, the postgres user of the
#                           official Alpine image; empty leaves the owner alone)
#   CERT_DAYS / CA_DAYS     validity of a new server certificate / CA (default 825 / 3650)
#
# Files: ca.crt (0644), ca.key (0600, only root reads it; absent with an imported CA),
# server.crt (0644), server.key (0600, owned by CERTS_KEY_OWNER). Every failure is one line
# on stderr saying what is wrong and what to do, and leaves the files as they were.
set -euo pipefail
umask 077

CERTS_DIR="${CERTS_DIR:-/certs}"
NAMES="${NETRAVEN_DB_CERT_NAMES:-postgres}"
KEY_OWNER="${CERTS_KEY_OWNER-70:70}"
CERT_DAYS="${CERT_DAYS:-825}"
CA_DAYS="${CA_DAYS:-3650}"
SET=(ca.crt server.crt server.key)

fail() {
  printf 'certs.sh: %s\n' "$1" >&2
  exit 1
}

is_ip() {
  [[ "$1" =~ ^[0-9.]+$ || "$1" == *:* ]]
}

# "DNS:postgres,IP:127.0.0.1" for the subjectAltName of NAMES.
alt_names() {
  local name names sans=()
  IFS=',' read -r -a names <<<"$NAMES"
  for name in "${names[@]}"; do
    name="${name// /}"
    [[ -n "$name" ]] || continue
    if is_ip "$name"; then sans+=("IP:$name"); else sans+=("DNS:$name"); fi
  done
  [[ ${#sans[@]} -gt 0 ]] || fail "NETRAVEN_DB_CERT_NAMES is empty: set it to the host name clients connect to (postgres in docker-compose.yml)"
  (IFS=','; printf '%s' "${sans[*]}")
}

# Checks ca.crt, server.crt and server.key in $1; fails with one line on the first problem.
check_set() {
  local dir="$1" file name names pub_cert pub_key verify names_in_cert
  for file in "${SET[@]}"; do
    [[ -r "$dir/$file" ]] || fail "$dir/$file is missing or unreadable: put ca.crt, server.crt and server.key there"
  done
  openssl x509 -noout -in "$dir/ca.crt" 2>/dev/null || fail "$dir/ca.crt is not a PEM certificate: use the CA certificate that signed server.crt"
  openssl x509 -noout -in "$dir/server.crt" 2>/dev/null || fail "$dir/server.crt is not a PEM certificate: use the server certificate in PEM form"
  pub_key="$(openssl pkey -in "$dir/server.key" -pubout 2>/dev/null)" || fail "$dir/server.key is not an unencrypted PEM private key: PostgreSQL cannot start with a passphrase-protected key"
  pub_cert="$(openssl x509 -in "$dir/server.crt" -noout -pubkey)"
  [[ "$pub_cert" == "$pub_key" ]] || fail "$dir/server.key does not belong to $dir/server.crt: use the key the certificate was issued for"
  verify="$(openssl verify -CAfile "$dir/ca.crt" "$dir/server.crt" 2>&1)" || fail "$dir/server.crt is not signed by $dir/ca.crt ($(printf '%s' "$verify" | tail -n 1)): use the CA certificate that issued it"
  names_in_cert="$(openssl x509 -in "$dir/server.crt" -noout -ext subjectAltName 2>/dev/null | tail -n +2 | tr -d ' ')"
  IFS=',' read -r -a names <<<"$NAMES"
  for name in "${names[@]}"; do
    name="${name// /}"
    [[ -n "$name" ]] || continue
    local flag=-checkhost
    if is_ip "$name"; then flag=-checkip; fi
    openssl x509 -in "$dir/server.crt" -noout "$flag" "$name" | grep -q ' does match ' \
      || fail "$dir/server.crt does not match the host name $name (it names ${names_in_cert:-nothing}): issue it for $name, or set NETRAVEN_DB_CERT_NAMES to the names clients use"
  done
  openssl x509 -in "$dir/server.crt" -noout -checkend 0 >/dev/null || fail "$dir/server.crt has expired ($(openssl x509 -in "$dir/server.crt" -noout -enddate)): run \`docker compose run --rm certs renew\` (or import a new one)"
  if ! openssl x509 -in "$dir/server.crt" -noout -checkend $((30 * 86400)) >/dev/null; then
    printf 'certs.sh: warning: %s expires within 30 days (%s): run "docker compose run --rm certs renew"\n' "$dir/server.crt" "$(openssl x509 -in "$dir/server.crt" -noout -enddate)" >&2
  fi
}

# Gives server.key to the postgres user (PostgreSQL refuses a key others can read) and makes
# the certificates readable by every service.
fix_modes() {
  chmod 0755 "$CERTS_DIR"
  chmod 0644 "$CERTS_DIR/ca.crt" "$CERTS_DIR/server.crt"
  chmod 0600 "$CERTS_DIR/server.key"
  if [[ -f "$CERTS_DIR/ca.key" ]]; then chmod 0600 "$CERTS_DIR/ca.key"; fi
  if [[ -n "$KEY_OWNER" ]]; then
    chown "$KEY_OWNER" "$CERTS_DIR/server.key" 2>/dev/null || fail "cannot give $CERTS_DIR/server.key to $KEY_OWNER: run certs.sh as root, or set CERTS_KEY_OWNER to the uid:gid PostgreSQL runs as"
  fi
}

# A server key and certificate in $1 issued by the CA in $2 (ca.crt, ca.key).
issue_server() {
  local out="$1" ca="$2" ext
  ext="$out/server.ext"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$(alt_names)" >"$ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$out/server.key" \
    -out "$out/server.csr" -subj "/CN=${NAMES%%,*}" 2>/dev/null
  openssl x509 -req -in "$out/server.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days "$CERT_DAYS" -extfile "$ext" -out "$out/server.crt" 2>/dev/null
  rm -f "$out/server.csr" "$ext"
}

# Moves the named files from $1 into CERTS_DIR (renames on one file system).
install_files() {
  local from="$1" file
  shift
  for file in "$@"; do mv -f "$from/$file" "$CERTS_DIR/$file"; done
}

writable_dir() {
  mkdir -p "$CERTS_DIR" 2>/dev/null || fail "cannot create $CERTS_DIR: mount the certs volume there or set CERTS_DIR"
  [[ -w "$CERTS_DIR" ]] || fail "cannot write to $CERTS_DIR: run certs.sh as root (the certs service does), or make the folder writable"
  scratch="$(mktemp -d "$CERTS_DIR/.new.XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
}

present_count() {
  local n=0 file
  for file in "${SET[@]}"; do [[ -e "$CERTS_DIR/$file" ]] && n=$((n + 1)); done
  printf '%s' "$n"
}

cmd_create() {
  local present
  present="$(present_count)"
  if [[ "$present" == "${#SET[@]}" ]]; then
    check_set "$CERTS_DIR"
    fix_modes
    printf 'certs.sh: kept the certificates in %s (server certificate for %s, %s)\n' "$CERTS_DIR" "$NAMES" "$(openssl x509 -in "$CERTS_DIR/server.crt" -noout -enddate)"
    return
  fi
  [[ "$present" == 0 ]] || fail "$CERTS_DIR holds only some of ca.crt, server.crt, server.key: restore the missing ones, or import a full set (certs.sh import DIR)"
  writable_dir
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$scratch/ca.key" -out "$scratch/ca.crt" \
    -days "$CA_DAYS" -subj "/CN=NetRaven deployment CA $(date -u +%Y-%m-%d)" \
    -addext 'basicConstraints=critical,CA:TRUE,pathlen:0' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
  issue_server "$scratch" "$scratch"
  check_set "$scratch"
  install_files "$scratch" ca.key ca.crt server.key server.crt
  fix_modes
  printf 'certs.sh: created a deployment CA and a server certificate for %s in %s\n' "$NAMES" "$CERTS_DIR"
}

cmd_import() {
  local from="${1:-}"
  [[ -n "$from" && -d "$from" ]] || fail "import needs a folder holding ca.crt, server.crt and server.key: certs.sh import DIR"
  check_set "$from"
  writable_dir
  for file in "${SET[@]}"; do cp "$from/$file" "$scratch/$file"; done
  install_files "$scratch" "${SET[@]}"
  # The deployment CA's key belongs to the CA that was replaced.
  rm -f "$CERTS_DIR/ca.key"
  fix_modes
  printf 'certs.sh: imported your certificates into %s: run "docker compose restart postgres", then restart the NetRaven services\n' "$CERTS_DIR"
}

cmd_renew() {
  [[ -r "$CERTS_DIR/ca.key" && -r "$CERTS_DIR/ca.crt" ]] || fail "$CERTS_DIR has no deployment CA key (your own CA was imported, or the volume is empty): issue a new server certificate with your CA and run certs.sh import DIR"
  writable_dir
  issue_server "$scratch" "$CERTS_DIR"
  cp "$CERTS_DIR/ca.crt" "$scratch/ca.crt"
  check_set "$scratch"
  install_files "$scratch" server.key server.crt
  fix_modes
  printf 'certs.sh: renewed the server certificate for %s (%s): run "docker compose restart postgres"\n' "$NAMES" "$(openssl x509 -in "$CERTS_DIR/server.crt" -noout -enddate)"
}

command -v openssl >/dev/null || fail "openssl is not installed: run certs.sh in the NetRaven image (the certs service does)"
case "${1:-create}" in
  create) cmd_create ;;
  check)
    check_set "$CERTS_DIR"
    printf 'certs.sh: the certificates in %s are valid for %s\n' "$CERTS_DIR" "$NAMES"
    ;;
  import) cmd_import "${2:-}" ;;
  renew) cmd_renew ;;
  *) fail "unknown command ${1}: use create, check, import DIR or renew" ;;
esac

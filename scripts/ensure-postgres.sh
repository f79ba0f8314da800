#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Makes DATABASE_URL (default postgres://nba:nba@127.0.0.1:5432/nba) usable, idempotently:
#   - a server answers there → make sure the database exists and the role may CREATEDB (tests need it);
#   - nothing answers, the host is local and this is Debian/Ubuntu as root → install the `postgresql`
#     package if needed, start (or create) the cluster on the URL's port, create role and database;
#   - otherwise fail, saying what to provide.
# The password is never printed: every message shows the URL redacted.
set -euo pipefail
log_tag="postgres"
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$scripts_dir/lib/common.sh"

database_url="${DATABASE_URL:-postgres://nba:nba@127.0.0.1:5432/nba}"
shown_url="$(redact_url "$database_url")"
tsx="$REPO_ROOT/node_modules/.bin/tsx"
[ -x "$tsx" ] || die "node_modules is missing: run 'npm ci' first ('npm run setup' does it)"

# One decoded part of the URL (user|password|host|port|database); never echo the password.
url_part() {
  DATABASE_URL="$database_url" node -e '
    const u = new URL(process.env.DATABASE_URL);
    const parts = { user: u.username, password: u.password, host: u.hostname, port: u.port || "5432",
                    database: u.pathname.replace(/^\//, "") };
    process.stdout.write(decodeURIComponent(parts[process.argv[1]] ?? ""));' "$1"
}

probe() {
  DATABASE_URL="$database_url" "$tsx" "$scripts_dir/lib/postgres-probe.ts"
}

probe_status=0
probe || probe_status=$?
[ "$probe_status" = 0 ] && exit 0
[ "$probe_status" = 1 ] && die "cannot use DATABASE_URL=$shown_url (see above)"

host="$(url_part host)"
port="$(url_part port)"
role="$(url_part user)"
database="$(url_part database)"
[ -n "$role" ] || die "DATABASE_URL=$shown_url names no user"

case "$host" in 127.0.0.1 | localhost | '[::1]' | ::1) local_host=1 ;; *) local_host="" ;; esac
if [ -z "$local_host" ] || ! is_debian_family || ! is_root; then
  case "$probe_status" in
    10) problem="no PostgreSQL server answers at $host:$port" ;;
    11) problem="the server at $host:$port refused the login of role '$role' (missing role or wrong password)" ;;
    *) problem="role '$role' lacks CREATEDB or may not create database '$database'" ;;
  esac
  die "$problem. Provide a PostgreSQL server and set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DATABASE
  with a role that has LOGIN and CREATEDB (the tests create scratch databases), or run 'npm run setup' as root on
  Debian/Ubuntu with a local DATABASE_URL host so the script can install PostgreSQL. (DATABASE_URL=$shown_url)"
fi

run_as_postgres() {
  (cd / && runuser -u postgres -- "$@")
}

# A cluster serving $port: installed, created and started as needed.
ensure_local_cluster() {
  if ! command -v pg_lsclusters >/dev/null 2>&1 || ! command -v pg_isready >/dev/null 2>&1; then
    apt_install postgresql
  fi
  local version name status
  read -r version name status < <(pg_lsclusters --no-header | awk -v p="$port" '$3 == p { print $1, $2, $4; exit }') || true
  if [ -z "${version:-}" ]; then
    version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
    [ -n "$version" ] || die "the postgresql package is installed but /usr/lib/postgresql has no server version"
    name="main"
    if pg_lsclusters --no-header | awk '{ print $1, $2 }' | grep -qx "$version main"; then name="nba_$port"; fi
    info "creating PostgreSQL $version cluster '$name' on port $port"
    pg_createcluster "$version" "$name" --port "$port" >/dev/null
    status="down"
  fi
  if [[ "$status" != online* ]]; then
    info "starting PostgreSQL cluster $version/$name (port $port)"
    pg_ctlcluster "$version" "$name" start
  fi
  local deadline=$((SECONDS + 30))
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    [ "$SECONDS" -lt "$deadline" ] || die "PostgreSQL cluster $version/$name did not accept connections on port $port within 30s (see /var/log/postgresql/)"
    sleep 0.5
  done
}

# psql \set single-quoted value: backslashes and quotes escaped.
psql_quote() {
  local value="${1//\\/\\\\}"
  printf "'%s'" "${value//\'/\'\'}"
}

# Role (LOGIN CREATEDB, password from the URL when created) and database, as the postgres superuser.
# The statements travel on stdin, so the password never appears in a process list or in output.
ensure_role_and_database() {
  info "ensuring role '$role' (LOGIN CREATEDB) and database '$database' on port $port"
  {
    printf '\\set ON_ERROR_STOP on\n'
    printf '\\set role %s\n' "$(psql_quote "$role")"
    printf '\\set pw %s\n' "$(psql_quote "$(url_part password)")"
    printf '\\set db %s\n' "$(psql_quote "$database")"
    cat <<'SQL'
SELECT CASE WHEN :'pw' = '' THEN format('CREATE ROLE %I LOGIN CREATEDB', :'role')
            ELSE format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'pw') END
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB', :'role') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  } | run_as_postgres psql -X -q -p "$port" -d postgres >/dev/null ||
    die "could not create role '$role' / database '$database' as the postgres superuser"
}

ensure_local_cluster
ensure_role_and_database
probe_status=0
probe || probe_status=$?
case "$probe_status" in
  0) exit 0 ;;
  11) die "role '$role' exists but the server refused the password in DATABASE_URL=$shown_url; fix the URL or the role's password (ALTER ROLE … PASSWORD …)" ;;
  *) die "PostgreSQL at $shown_url is still not usable after setup (see above)" ;;
esac

#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The production Temporal engine on one machine, without Docker: start | stop | status | build.
# What temporal-compose.yml runs as containers, run here as processes from the same sources:
#   temporal-schema     deploy/temporal/setup-schema.sh with temporal-sql-tool
#   temporal            the official server binary, environment from deploy/temporal/server.env
#   temporal-namespace  deploy/temporal/create-namespace.sh with the Temporal CLI
#   temporal-ui         the Web UI server
# The binaries are built once per machine with `go install` at the versions in
# deploy/temporal/versions.env (the compose file's image tags) into .tools/temporal-cluster/.
# Persistence and SQL visibility live on the PostgreSQL server of the pipeline's DATABASE_URL.
#   start   builds what is missing, sets up the schemas, starts the server (or reuses the running one),
#           waits until ready, registers the namespace and search attributes, starts the UI
#   stop    SIGTERM to the UI and the server (by pid file), waits for them to exit
#   status  exit 0 when the server is ready (SERVING, and matching reachable), 1 otherwise
#   build   only builds what is missing (scripts/test.sh runs it in the background early)
# Env: TEMPORAL_ADDRESS (127.0.0.1:7233; its port is the frontend's), TEMPORAL_NAMESPACE (default),
#      TEMPORAL_CLUSTER_UI_PORT (frontend port + 847, i.e. 8080 for 7233; a free one if taken),
#      TEMPORAL_CLUSTER_STATE_DIR (.data/temporal-cluster: pid files, ports, logs),
#      TEMPORAL_CLUSTER_DB_USER (temporal), TEMPORAL_CLUSTER_DBNAME / TEMPORAL_CLUSTER_VISIBILITY_DBNAME
#      (server.env's DBNAME / VISIBILITY_DBNAME), TEMPORAL_CLUSTER_LOG_LEVEL (warn),
#      TEMPORAL_CLUSTER_START_TIMEOUT_SECONDS (120).
set -euo pipefail
log_tag="temporal-cluster"
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$scripts_dir/lib/common.sh"
# shellcheck source=lib/search-attributes.sh
source "$scripts_dir/lib/search-attributes.sh"
# shellcheck source=lib/go-tools.sh
source "$scripts_dir/lib/go-tools.sh"
# shellcheck source=lib/env-file.sh
source "$scripts_dir/lib/env-file.sh"

action="${1:-}"
case "$action" in
  start | stop | status | build) ;;
  *) die "usage: $0 start|stop|status|build" ;;
esac

deploy_dir="$REPO_ROOT/deploy/temporal"
address="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
port="$(port_of_address "$address")"
frontend="127.0.0.1:$port"
namespace="${TEMPORAL_NAMESPACE:-default}"
state_dir="${TEMPORAL_CLUSTER_STATE_DIR:-$REPO_ROOT/.data/temporal-cluster}"
case "$state_dir" in /*) ;; *) state_dir="$PWD/$state_dir" ;; esac
start_timeout="${TEMPORAL_CLUSTER_START_TIMEOUT_SECONDS:-120}"
tools_dir="$REPO_ROOT/.tools/temporal-cluster"

# The pipeline's PostgreSQL server; Temporal's databases go next to the pipeline's own. DATABASE_URL
# unset: the project's own embedded server (started if needed), through its superuser's URL.
pipeline_database_url() {
  if [ -n "${DATABASE_URL:-}" ]; then
    printf '%s' "$DATABASE_URL"
    return
  fi
  local postgres=("$REPO_ROOT/node_modules/.bin/tsx" "$REPO_ROOT/scripts/postgres.ts")
  "${postgres[@]}" start >&2 && "${postgres[@]}" url postgres
}

declare -A versions
read_env_file "$deploy_dir/versions.env" versions
server_version="v${versions[TEMPORAL_SERVER_VERSION]:?deploy/temporal/versions.env: TEMPORAL_SERVER_VERSION}"
ui_version="v${versions[TEMPORAL_UI_VERSION]:?deploy/temporal/versions.env: TEMPORAL_UI_VERSION}"
server_dir="$tools_dir/server-$server_version"
sql_tool_dir="$tools_dir/sql-$server_version"
ui_dir="$tools_dir/ui-server-$ui_version"

cli=""
temporal_cli() { [ -n "$cli" ] && "$cli" "$@"; }
# SERVING is the frontend's own word; a task-queue call also needs the frontend to see matching in
# the membership ring (when it cannot, calls fail with "Not enough hosts to serve the request").
is_healthy() {
  temporal_cli operator cluster health --address "$frontend" --command-timeout 5s 2>/dev/null | grep -q SERVING &&
    temporal_cli task-queue describe --address "$frontend" --namespace temporal-system \
      --task-queue temporal-sys-per-ns-tq --command-timeout 5s >/dev/null 2>&1
}

# Pid from $1 when that process still runs the binary $2; a stale pid file is removed.
running_pid() {
  local pid_file="$1" binary="$2" pid
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    [[ "$(ps -o args= -p "$pid" 2>/dev/null)" == "$binary "* ]]; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$pid_file"
  return 1
}
server_pid() { running_pid "$state_dir/server.pid" "$server_dir/server"; }
ui_pid() { running_pid "$state_dir/ui.pid" "$ui_dir/server"; }

# stop_pid PID NAME: SIGTERM, then SIGKILL after 30 s.
stop_pid() {
  local pid="$1" deadline=$((SECONDS + 30))
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      warn "$2 (pid $pid) ignored SIGTERM for 30s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  info "stopped $2 (pid $pid)"
}

log_tail() { tail -n 25 "$1" 2>/dev/null | sed 's/^/    /' >&2 || true; }

# N free ports below the ephemeral range, one a line (lib/free-ports.ts says why).
free_ports() { "$REPO_ROOT/node_modules/.bin/tsx" "$scripts_dir/lib/print-free-ports.ts" "$1"; }

# The internal ports for NAMES: the previous start's (ports.env) while they are all free, else new
# free ones. Why keep them: each service joins the membership ring through the addresses the
# cluster_membership table lists with a heartbeat in the last 20 s. A server restarted on new ports
# within those 20 s (a crash, a SIGKILL, stop then start) finds only its predecessor's dead addresses;
# the first of its services to start then never joins, and the server exits ("failed to start
# ringpop") about 80 s after it reported SERVING. On the same ports those addresses are its own.
internal_ports() {
  local -A previous=()
  local name port reuse=1
  [ -f "$state_dir/ports.env" ] && read_env_file "$state_dir/ports.env" previous
  for name in "$@"; do
    port="${previous[$name]:-}"
    if [ -z "$port" ] || port_in_use "$port"; then
      reuse=""
      break
    fi
  done
  if [ -n "$reuse" ]; then
    for name in "$@"; do printf '%s\n' "${previous[$name]}"; done
    return
  fi
  if [ "${#previous[@]}" -gt 0 ]; then
    # New addresses: let the old ones age out of the table first (its 20 s heartbeat window).
    warn "internal ports of the previous start are taken; new ones, after 20 s for the old membership to expire"
    sleep 20
  fi
  free_ports "$#"
}

build() {
  ensure_go_tool "$server_dir" go.temporal.io/server/cmd/server "$server_version"
  ensure_go_tool "$sql_tool_dir" go.temporal.io/server/cmd/tools/sql "$server_version"
  ln -sf sql "$sql_tool_dir/temporal-sql-tool" # the name setup-schema.sh (and admin-tools) uses
  ensure_go_tool "$ui_dir" github.com/temporalio/ui-server/v2/cmd/server "$ui_version"
  if [ ! -f "$ui_dir/config/docker.yaml" ]; then
    # The image's config: base.yaml plus the env-templated docker.yaml, both shipped in the module.
    local module
    module="$(go mod download -json "github.com/temporalio/ui-server/v2@$ui_version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
    [ -d "$module/config" ] || die "could not locate the ui-server $ui_version module source"
    mkdir -p "$ui_dir/config"
    cp "$module/config/base.yaml" "$module/config/docker.yaml" "$ui_dir/config/"
    chmod u+w "$ui_dir/config/"*.yaml
    # Loopback only, like the compose service's published port: the UI has no login.
    printf '\nhost: 127.0.0.1\n' >>"$ui_dir/config/docker.yaml"
  fi
}

# The server's environment: server.env (shared with temporal-compose.yml) plus this host's values.
declare -A server_env
compose_server_environment() {
  read_env_file "$deploy_dir/server.env" server_env
  server_env[DBNAME]="${TEMPORAL_CLUSTER_DBNAME:-${server_env[DBNAME]}}"
  server_env[VISIBILITY_DBNAME]="${TEMPORAL_CLUSTER_VISIBILITY_DBNAME:-${server_env[VISIBILITY_DBNAME]}}"
  local line admin_url
  admin_url="$(pipeline_database_url)" || die "the pipeline's PostgreSQL is not available (see above)"
  while IFS= read -r line; do server_env[${line%%=*}]="${line#*=}"; done < <(
    ADMIN_DATABASE_URL="$admin_url" TEMPORAL_DB_USER="${TEMPORAL_CLUSTER_DB_USER:-temporal}" \
      TEMPORAL_DB_PASSWORD_FILE="$state_dir/db-password" \
      "$REPO_ROOT/node_modules/.bin/tsx" "$scripts_dir/lib/temporal-cluster-role.ts" ||
      echo "FAILED=1"
  )
  [ -z "${server_env[FAILED]:-}" ] ||
    die "cannot prepare PostgreSQL for Temporal at $(redact_url "$admin_url") (see above)"
  unset 'server_env[FAILED]'
}

setup_schema() {
  info "schemas: ${server_env[DBNAME]} and ${server_env[VISIBILITY_DBNAME]} on ${server_env[SQL_HOST]}:${server_env[SQL_PORT]}"
  # What the compose schema job gets: server.env's plugin and database names, and SQL_* (exported,
  # not passed as arguments: the password must not show in the process list).
  (
    export PATH="$sql_tool_dir:$PATH" DB="${server_env[DB]}" DBNAME="${server_env[DBNAME]}" \
      VISIBILITY_DBNAME="${server_env[VISIBILITY_DBNAME]}" SQL_HOST="${server_env[SQL_HOST]}" \
      SQL_PORT="${server_env[SQL_PORT]}" SQL_USER="${server_env[SQL_USER]}" SQL_PASSWORD="${server_env[SQL_PASSWORD]}"
    exec sh "$deploy_dir/setup-schema.sh"
  ) >>"$state_dir/schema.log" 2>&1 || {
    log_tail "$state_dir/schema.log"
    die "the schema job failed (log: $state_dir/schema.log)"
  }
}

start_server() {
  local log_file="$state_dir/server.log" pid name i
  local -a env_args=()
  for name in "${!server_env[@]}"; do
    case "$name" in SQL_*) ;; *) env_args+=("$name=${server_env[$name]}") ;; esac
  done
  # The compose service's host-specific values, for this host: database endpoint and login, loopback,
  # and the ports. Internal ports are free ones; the membership table records them at each start.
  env_args+=(
    POSTGRES_SEEDS="${server_env[SQL_HOST]}" DB_PORT="${server_env[SQL_PORT]}"
    POSTGRES_USER="${server_env[SQL_USER]}" POSTGRES_PWD="${server_env[SQL_PASSWORD]}"
    BIND_ON_IP=127.0.0.1 LOG_LEVEL="${TEMPORAL_CLUSTER_LOG_LEVEL:-warn}" FRONTEND_GRPC_PORT="$port"
  )
  local -a names=(FRONTEND_HTTP_PORT FRONTEND_MEMBERSHIP_PORT HISTORY_GRPC_PORT HISTORY_MEMBERSHIP_PORT
    MATCHING_GRPC_PORT MATCHING_MEMBERSHIP_PORT WORKER_GRPC_PORT WORKER_MEMBERSHIP_PORT) ports
  mapfile -t ports < <(internal_ports "${names[@]}")
  [ "${#ports[@]}" -eq "${#names[@]}" ] || die "could not choose the server's internal ports"
  for i in "${!names[@]}"; do env_args+=("${names[$i]}=${ports[$i]}"); done
  printf '%s\n' "${env_args[@]}" | grep -E '_PORT=' >"$state_dir/ports.env"
  printf '\n--- %s server %s on %s ---\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server_version" "$frontend" >>"$log_file"
  # cwd = repository root: DYNAMIC_CONFIG_FILE_PATH is relative to it. setsid: no SIGINT from this
  # terminal; 9>&-: the server must not inherit the start lock.
  (cd "$REPO_ROOT" && export "${env_args[@]}" && exec nohup setsid "$server_dir/server" start) \
    >>"$log_file" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$state_dir/server.pid"
  info "starting Temporal server $server_version (pid $pid) …"
  local deadline=$((SECONDS + start_timeout))
  until is_healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$state_dir/server.pid"
      log_tail "$log_file"
      die "the Temporal server exited during startup (log: $log_file)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || {
      log_tail "$log_file"
      die "the Temporal server (pid $pid) is not SERVING at $frontend after ${start_timeout}s; 'npm run temporal:cluster:stop' stops it"
    }
    sleep 0.5
  done
}

create_namespace() {
  local specs
  specs="$(search_attribute_specs)" || die "could not read the search attributes (domain/search-attributes.ts)"
  env PATH="$(dirname "$cli"):$PATH" TEMPORAL_ADDRESS="$frontend" TEMPORAL_NAMESPACE="$namespace" \
    NBA_SEARCH_ATTRIBUTES="${specs//$'\n'/ }" sh "$deploy_dir/create-namespace.sh" \
    >>"$state_dir/namespace.log" 2>&1 || {
    log_tail "$state_dir/namespace.log"
    die "the namespace job failed (log: $state_dir/namespace.log)"
  }
}

start_ui() {
  local ui_port="${TEMPORAL_CLUSTER_UI_PORT:-$((port + 847))}" pid
  if [ -z "${TEMPORAL_CLUSTER_UI_PORT:-}" ] && port_in_use "$ui_port"; then ui_port="$(free_ports 1)"; fi
  port_in_use "$ui_port" && die "UI port $ui_port is in use; set TEMPORAL_CLUSTER_UI_PORT to a free port"
  # The compose temporal-ui service's variables, read by the image's config template (docker.yaml).
  (cd "$ui_dir" && exec nohup setsid env TEMPORAL_ADDRESS="$frontend" TEMPORAL_UI_PORT="$ui_port" \
    TEMPORAL_DEFAULT_NAMESPACE="$namespace" TEMPORAL_CORS_ORIGINS="http://127.0.0.1:$ui_port" \
    "$ui_dir/server" --env docker start) >>"$state_dir/ui.log" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$state_dir/ui.pid"
  printf '%s\n' "$ui_port" >"$state_dir/ui.port"
  local deadline=$((SECONDS + 30))
  until port_in_use "$ui_port"; do
    kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ] || {
      log_tail "$state_dir/ui.log"
      die "the Web UI server did not come up on port $ui_port (log: $state_dir/ui.log)"
    }
    sleep 0.2
  done
}

print_endpoints() {
  info "Temporal $server_version SERVING at $frontend (namespace $namespace), persistence and visibility on PostgreSQL"
  [ -f "$state_dir/ui.port" ] && info "Web UI: http://127.0.0.1:$(cat "$state_dir/ui.port")"
  info "internal ports: $(tr '\n' ' ' <"$state_dir/ports.env")"
  info "state and logs: $state_dir"
}

start() {
  mkdir -p "$state_dir"
  cli="$(bash "$scripts_dir/ensure-temporal-cli.sh" --print-path)"
  build
  take_lock "$state_dir/.lock" # two starts at once must not both launch a server
  if server_pid >/dev/null && is_healthy; then
    info "already running (pid $(server_pid)); reusing it"
  else
    if server_pid >/dev/null; then die "a server (pid $(server_pid)) runs from $state_dir but is not SERVING at $frontend; stop it first"; fi
    port_in_use "$port" && die "port $port is in use by another process; set TEMPORAL_ADDRESS=127.0.0.1:<free port>"
    compose_server_environment
    setup_schema
    start_server
  fi
  create_namespace
  ui_pid >/dev/null || start_ui
  print_endpoints
}

stop() {
  local pid
  if pid="$(ui_pid)"; then stop_pid "$pid" "Web UI server"; fi
  if pid="$(server_pid)"; then
    stop_pid "$pid" "Temporal server"
  else
    info "no Temporal server running from $state_dir"
  fi
  rm -f "$state_dir/server.pid" "$state_dir/ui.pid" "$state_dir/ui.port"
}

status() {
  cli="$(bash "$scripts_dir/ensure-temporal-cli.sh" --print-path --no-install 2>/dev/null)" || cli=""
  local pid
  if pid="$(server_pid)" && is_healthy; then
    info "running (pid $pid), SERVING at $frontend"
    return 0
  fi
  info "not running${pid:+ (pid $pid is not SERVING)}"
  return 1
}

"$action"

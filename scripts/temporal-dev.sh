#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local Temporal dev server with a persistent SQLite file: start | stop | status.
#   start   starts it in the background (or reuses a healthy running one), waits until SERVING,
#           makes sure the namespace and the project's search attributes exist
#   stop    SIGTERM, then waits for the process to exit
#   status  exit 0 when a healthy server answers, 1 otherwise
# Env: TEMPORAL_ADDRESS (127.0.0.1:7233; only its port is used, the server binds 127.0.0.1),
#      TEMPORAL_UI_PORT (8233), TEMPORAL_NAMESPACE (default), TEMPORAL_DEV_HEADLESS=1 (no Web UI),
#      TEMPORAL_DEV_STATE_DIR (.data/temporal: dev.sqlite, server.pid, server.log),
#      TEMPORAL_DEV_START_TIMEOUT_SECONDS (90).
set -euo pipefail
log_tag="temporal-dev"
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$scripts_dir/lib/common.sh"
# shellcheck source=lib/search-attributes.sh
source "$scripts_dir/lib/search-attributes.sh"
# shellcheck source=lib/dev-server-config.sh
source "$scripts_dir/lib/dev-server-config.sh"

action="${1:-}"
case "$action" in
  start | stop | status) ;;
  *) die "usage: $0 start|stop|status" ;;
esac

address="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
port="$(port_of_address "$address")"
case "${address%:*}" in
  127.0.0.1 | localhost | '') ;;
  *) warn "TEMPORAL_ADDRESS host '${address%:*}' is not local; this script manages a server on 127.0.0.1:$port" ;;
esac
health_address="127.0.0.1:$port"
ui_port="${TEMPORAL_UI_PORT:-8233}"
headless="${TEMPORAL_DEV_HEADLESS:-}"
namespace="${TEMPORAL_NAMESPACE:-default}"
state_dir="${TEMPORAL_DEV_STATE_DIR:-$REPO_ROOT/.data/temporal}"
case "$state_dir" in /*) ;; *) state_dir="$PWD/$state_dir" ;; esac # the pid check compares absolute paths
db_file="$state_dir/dev.sqlite"
pid_file="$state_dir/server.pid"
log_file="$state_dir/server.log"
start_timeout="${TEMPORAL_DEV_START_TIMEOUT_SECONDS:-90}"

cli=""
# start may install the CLI; stop/status only look (without a CLI nothing of ours can be running).
resolve_cli() {
  cli="$(bash "$scripts_dir/ensure-temporal-cli.sh" --print-path "$@")"
}
temporal_cli() {
  [ -n "$cli" ] || return 1
  "$cli" "$@"
}

process_args() {
  if [ -r "/proc/$1/cmdline" ]; then
    tr '\0' ' ' <"/proc/$1/cmdline"
  else
    ps -o args= -p "$1" 2>/dev/null
  fi
}

# Pid of the dev server started from this state dir, if it still runs. A stale pid file (process gone,
# or the pid reused by something else) is removed.
running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    [[ "$(process_args "$pid")" == *"start-dev"*"--db-filename $db_file "* ]]; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$pid_file"
  return 1
}

port_of_process() {
  process_args "$1" | sed -nE 's/.* --port ([0-9]+) .*/\1/p'
}

is_healthy() {
  temporal_cli operator cluster health --address "$1" --command-timeout 5s 2>/dev/null | grep -q SERVING
}

log_tail() {
  [ -f "$log_file" ] && tail -n 25 "$log_file" | sed 's/^/    /' >&2
  return 0
}

# Waits (bounded) for SERVING; dies with the log's tail if the process exits or time runs out.
wait_healthy() {
  local pid="$1" deadline=$((SECONDS + start_timeout))
  until is_healthy "$health_address"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      warn "the dev server exited during startup; last lines of $log_file:"
      log_tail
      die "Temporal dev server failed to start"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      warn "last lines of $log_file:"
      log_tail
      die "Temporal dev server (pid $pid) not SERVING at $health_address after ${start_timeout}s (still running; 'npm run temporal:dev:stop' stops it)"
    fi
    sleep 0.5
  done
}

# start-dev only registers namespaces/search attributes when it creates the SQLite file, so a server
# reused from an older file (or not started by us) is brought up to date here. Both calls are idempotent.
ensure_namespace_and_search_attributes() {
  if [ "$namespace" != default ] &&
    ! temporal_cli operator namespace describe --namespace "$namespace" --address "$health_address" >/dev/null 2>&1; then
    temporal_cli operator namespace create --namespace "$namespace" --address "$health_address" >/dev/null
  fi
  local spec
  while IFS= read -r spec; do
    temporal_cli operator search-attribute create --namespace "$namespace" --address "$health_address" \
      --name "${spec%%=*}" --type "${spec#*=}" >/dev/null ||
      die "could not register search attribute ${spec%%=*} (${spec#*=}) in namespace $namespace"
  done <<<"$sa_specs"
}

print_endpoints() {
  info "Temporal dev server SERVING at $health_address (namespace $namespace)"
  if [ -z "$headless" ]; then info "Web UI: http://127.0.0.1:$ui_port"; fi
  info "SQLite file: $db_file, log: $log_file"
}

start() {
  resolve_cli
  sa_specs="$(search_attribute_specs)" || die "could not read the search attributes (domain/search-attributes.ts)"
  local dc_values
  dc_values="$(dev_server_dynamic_config)" || die "could not read the dev server's dynamic config (lib/temporal-dev-server.ts)"
  mkdir -p "$state_dir"
  take_lock "$state_dir/.lock" # two starts at once must not both launch a server on one SQLite file
  local pid
  if pid="$(running_pid)"; then
    local running_port
    running_port="$(port_of_process "$pid")"
    [ "$running_port" = "$port" ] ||
      die "a dev server (pid $pid) already uses $db_file on port $running_port; stop it first ('npm run temporal:dev:stop' with TEMPORAL_ADDRESS=127.0.0.1:$running_port) or use that address"
    wait_healthy "$pid"
    info "already running (pid $pid); reusing it"
    ensure_namespace_and_search_attributes
    print_endpoints
    return 0
  fi
  if port_in_use "$port"; then
    if is_healthy "$health_address"; then
      warn "a Temporal server not started by this script already answers at $health_address; reusing it (its data is not in $db_file)"
      ensure_namespace_and_search_attributes
      return 0
    fi
    die "port $port is already in use by something that is not a Temporal server; free it or set TEMPORAL_ADDRESS=127.0.0.1:<port>"
  fi
  local ui_flags=(--ui-port "$ui_port" --ui-disable-news-fetch)
  if [ -n "$headless" ]; then
    ui_flags=(--headless)
  elif port_in_use "$ui_port"; then
    die "UI port $ui_port is already in use; set TEMPORAL_UI_PORT to a free port"
  fi
  local sa_flags=() dc_flags=() spec
  while IFS= read -r spec; do sa_flags+=(--search-attribute "$spec"); done <<<"$sa_specs"
  while IFS= read -r spec; do dc_flags+=(--dynamic-config-value "$spec"); done <<<"$dc_values"

  local detach=()
  if command -v setsid >/dev/null 2>&1; then detach=(setsid); fi # own session: no SIGINT/SIGHUP from this terminal
  printf '\n--- %s start-dev on %s ---\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$health_address" >>"$log_file"
  # Dynamic config (why each value: lib/temporal-dev-server.ts). 9>&-: the server must not inherit
  # the start lock. running_pid matches "--db-filename <file> ".
  nohup "${detach[@]}" "$cli" server start-dev --ip 127.0.0.1 --port "$port" --db-filename "$db_file" \
    --namespace "$namespace" "${ui_flags[@]}" "${sa_flags[@]}" "${dc_flags[@]}" \
    >>"$log_file" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$pid_file"
  info "starting Temporal dev server (pid $pid) …"
  wait_healthy "$pid"
  ensure_namespace_and_search_attributes
  print_endpoints
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    info "no dev server running from $db_file"
    if port_in_use "$port" && is_healthy "$health_address"; then
      info "(a Temporal server not started by this script answers at $health_address; left alone)"
    fi
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      warn "pid $pid ignored SIGTERM for 30s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.2
  done
  rm -f "$pid_file"
  info "stopped Temporal dev server (pid $pid); data kept in $db_file"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if is_healthy "$health_address"; then
      info "running (pid $pid), SERVING at $health_address"
      return 0
    fi
    info "running (pid $pid) but not SERVING at $health_address"
    return 1
  fi
  if port_in_use "$port" && is_healthy "$health_address"; then
    info "a Temporal server not started by this script is SERVING at $health_address"
    return 0
  fi
  info "not running"
  return 1
}

if [ "$action" != start ]; then resolve_cli --no-install 2>/dev/null || cli=""; fi
"$action"

# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Source it; it defines functions and REPO_ROOT, nothing runs.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT

# Every message goes to stderr so a script's stdout stays machine-readable (e.g. --print-path).
log_tag="${log_tag:-nba-ingest}"
info() { printf '[%s] %s\n' "$log_tag" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$log_tag" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$log_tag" "$*" >&2
  exit 1
}

is_root() { [ "$(id -u)" = 0 ]; }
is_debian_family() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

# apt-get install, quiet and non-interactive; `apt-get update` runs at most once per process.
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    info "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null || die "apt-get update failed"
    apt_updated=1
  fi
  info "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null ||
    die "apt-get install $* failed"
}

# Serialises concurrent runs of one step (e.g. two setups installing the same venv). Holds an exclusive
# lock on $1 for the rest of the calling (sub)shell; no-op where flock(1) is missing.
take_lock() {
  local lock_file="$1"
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$(dirname "$lock_file")"
  exec 9>"$lock_file"
  flock 9
}

# Port part of host:port (TEMPORAL_ADDRESS style); dies on anything else.
port_of_address() {
  local address="$1" port
  port="${address##*:}"
  case "$port" in
    '' | *[!0-9]*) die "expected host:port, got '$address'" ;;
  esac
  printf '%s' "$port"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The lines a TypeScript printer in scripts/lib writes (run through tsx, so it needs node_modules);
# fails when it writes nothing. $1: the printer's file name, $2: the source it prints (for the error).
tsx_lines() {
  local tsx="$REPO_ROOT/node_modules/.bin/tsx" lines
  [ -x "$tsx" ] || { echo "node_modules is missing: run 'npm run setup'" >&2; return 1; }
  lines="$("$tsx" "$REPO_ROOT/scripts/lib/$1")" || return 1
  [ -n "$lines" ] || { echo "$2 is empty" >&2; return 1; }
  printf '%s\n' "$lines"
}

# The one flag of the ensure-*.sh scripts: sets print_path_only=1 for --print-path (print only the
# path on stdout); --help prints the script's header comment (lines $1..$2 of it).
parse_print_path_flag() {
  local help_lines="$1"
  shift
  print_path_only=""
  for arg in "$@"; do
    case "$arg" in
      --print-path) print_path_only=1 ;;
      -h | --help)
        sed -n "${help_lines}p" "$0"
        exit 0
        ;;
      *) die "unknown argument '$arg' (expected --print-path)" ;;
    esac
  done
}

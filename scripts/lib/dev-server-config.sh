#!/usr/bin/env bash
# shellcheck shell=bash
# The dev server's dynamic config as `KEY=VALUE` lines. The single source of truth is
# DEV_SERVER_DYNAMIC_CONFIG in lib/temporal-dev-server.ts, read through tsx (needs node_modules).
# Source it for dev_server_dynamic_config, or run it to print the list.

dev_server_dynamic_config() {
  local root values
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  [ -x "$root/node_modules/.bin/tsx" ] || { echo "node_modules is missing: run 'npm run setup'" >&2; return 1; }
  values="$("$root/node_modules/.bin/tsx" "$root/scripts/lib/print-dev-server-config.ts")" || return 1
  [ -n "$values" ] || { echo "DEV_SERVER_DYNAMIC_CONFIG in lib/temporal-dev-server.ts is empty" >&2; return 1; }
  printf '%s\n' "$values"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  dev_server_dynamic_config
fi

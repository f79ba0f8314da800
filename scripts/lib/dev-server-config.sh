#!/usr/bin/env bash
# shellcheck shell=bash source-path=SCRIPTDIR
# The dev server's dynamic config as `KEY=VALUE` lines. The single source of truth is
# DEV_SERVER_DYNAMIC_CONFIG in lib/temporal-dev-server.ts, read through tsx (needs node_modules).
# Source it for dev_server_dynamic_config, or run it to print the list.
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dev_server_dynamic_config() {
  tsx_lines print-dev-server-config.ts 'DEV_SERVER_DYNAMIC_CONFIG in lib/temporal-dev-server.ts'
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  dev_server_dynamic_config
fi

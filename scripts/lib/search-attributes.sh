#!/usr/bin/env bash
# shellcheck shell=bash
# The project's search attributes as `Name=Type` lines. The single source of truth is
# SEARCH_ATTRIBUTE_TYPES in domain/search-attributes.ts, read through tsx (needs node_modules).
# Source it for search_attribute_specs, or run it to print the list.

search_attribute_specs() {
  local root specs
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  [ -x "$root/node_modules/.bin/tsx" ] || { echo "node_modules is missing: run 'npm run setup'" >&2; return 1; }
  specs="$("$root/node_modules/.bin/tsx" "$root/scripts/lib/print-search-attributes.ts")" || return 1
  [ -n "$specs" ] || { echo "SEARCH_ATTRIBUTE_TYPES in domain/search-attributes.ts is empty" >&2; return 1; }
  printf '%s\n' "$specs"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  search_attribute_specs
fi

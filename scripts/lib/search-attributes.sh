#!/usr/bin/env bash
# shellcheck shell=bash source-path=SCRIPTDIR
# The project's search attributes as `Name=Type` lines. The single source of truth is
# SEARCH_ATTRIBUTE_TYPES in domain/search-attributes.ts, read through tsx (needs node_modules).
# Source it for search_attribute_specs, or run it to print the list.
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

search_attribute_specs() {
  tsx_lines print-search-attributes.ts 'SEARCH_ATTRIBUTE_TYPES in domain/search-attributes.ts'
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  search_attribute_specs
fi

#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The whole test suite, from any state of the machine: setup (idempotent), lint, typecheck, vitest.
# Extra arguments go to `vitest run` (e.g. `npm test -- test/unit`).
set -euo pipefail
log_tag="test"
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$scripts_dir/lib/common.sh"
cd "$REPO_ROOT"

bash "$scripts_dir/setup.sh"
info "── lint ──"
npm run --silent lint
info "── typecheck ──"
npm run --silent typecheck
info "── vitest ──"
exec node_modules/.bin/vitest run "$@"

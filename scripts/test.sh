#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The whole test suite, from any state of the machine: setup (idempotent), lint, typecheck, vitest.
# Extra arguments go to `vitest run` (e.g. `npm test -- test/unit`).
# The `cluster` project runs with TEMPORAL_CLUSTER_TESTS=1, which CI=true sets here: CI always runs it,
# a developer asks for it. It needs the Temporal server built from source, minutes the first time on a
# machine: that build starts first, in the background at low priority, and overlaps setup, lint,
# typecheck and the unit and integration projects; the cluster project runs last, once it is done.
set -euo pipefail
log_tag="test"
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$scripts_dir/lib/common.sh"
cd "$REPO_ROOT"

case "${CI:-}" in true | 1) export TEMPORAL_CLUSTER_TESTS=1 ;; esac
build_pid=""
build_log="$REPO_ROOT/.data/temporal-cluster-build.log"
if [ $# -eq 0 ] && [ "${TEMPORAL_CLUSTER_TESTS:-}" = 1 ]; then
  mkdir -p "$(dirname "$build_log")"
  # Lowest priority: it takes only what the tests leave idle, so their timings stay what they are alone.
  # Its own process group (setsid), so that an early exit (a lint error, Ctrl-C) stops all of it.
  setsid nice -n 19 bash "$scripts_dir/temporal-cluster.sh" build >"$build_log" 2>&1 </dev/null &
  build_pid=$!
  trap '[ -z "$build_pid" ] || kill -- -"$build_pid" 2>/dev/null || kill "$build_pid" 2>/dev/null || true' EXIT
  info "building the Temporal cluster's binaries in the background when missing (log: ${build_log#"$REPO_ROOT"/})"
fi

bash "$scripts_dir/setup.sh"
# As in npm scripts: node_modules/.bin/node, when setup linked the project's Node there, comes first.
PATH="$REPO_ROOT/node_modules/.bin:$PATH"
info "── lint ──"
npm run --silent lint
info "── typecheck ──"
npm run --silent typecheck
info "── vitest ──"
if [ -z "$build_pid" ]; then
  [ "${TEMPORAL_CLUSTER_TESTS:-}" = 1 ] ||
    info "the cluster project is not run: TEMPORAL_CLUSTER_TESTS=1 npm test (or npm run test:cluster) runs it; CI always does"
  exec node_modules/.bin/vitest run "$@"
fi

failed=0
node_modules/.bin/vitest run --project unit --project integration || failed=1
info "── cluster: waiting for the Temporal build ──"
if wait "$build_pid"; then
  build_pid=""
  sed 's/^/  /' "$build_log" >&2
  node_modules/.bin/vitest run --project cluster || failed=1
else
  build_pid=""
  sed 's/^/  /' "$build_log" >&2
  warn "the Temporal cluster's binaries could not be built (above): the cluster project fails"
  failed=1
fi
exit "$failed"

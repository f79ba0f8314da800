#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# One-command setup, safe to run any number of times:
#   the project's Node.js (.node-version; fetched into .tools when the system's is older),
#   npm dependencies (only when node_modules is missing or older than package-lock.json),
#   Temporal CLI, PostgreSQL (DATABASE_URL unset: the project's own, started), Temporal's time-skipping
#   test server, Chromium for the Web UI test, database migrations.
# It does not start the Temporal dev server: `npm run temporal:dev` / `npm start` do.
set -euo pipefail
log_tag="setup"
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$scripts_dir/lib/common.sh"
cd "$REPO_ROOT"

step() { info "── $* ──"; }

step "Node.js"
node_path="$(bash "$scripts_dir/ensure-node.sh" --print-path)"
# The project's own (in .tools): npm itself (#!/usr/bin/env node) and every step below run on it.
case "$node_path" in "$REPO_ROOT"/*) PATH="$(dirname "$node_path"):$PATH" ;; esac

step "npm dependencies"
# npm rewrites node_modules/.package-lock.json on every install: older than package-lock.json = stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ package.json -nt package-lock.json ]; then
  if [ -n "${CI:-}" ] || [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
else
  info "node_modules is up to date with package-lock.json"
fi
# npm puts node_modules/.bin first on its scripts' PATH: this link makes `node`, and every tool started
# through `#!/usr/bin/env node`, the project's Node in all of them. After npm ci, which removes it.
case "$node_path" in
  "$REPO_ROOT"/*) ln -sfn "../../${node_path#"$REPO_ROOT"/}" node_modules/.bin/node ;;
  *) rm -f node_modules/.bin/node ;;
esac

step "Temporal CLI"
bash "$scripts_dir/ensure-temporal-cli.sh" | sed 's/^/  /' >&2

step "PostgreSQL"
node --import tsx scripts/postgres.ts ensure

step "Temporal test server (workflow unit tests)"
bash "$scripts_dir/ensure-test-server.sh"

step "Chromium (Web UI test)"
# Only the Web UI test needs it: a failed install warns here, and that test fails in CI / skips locally.
bash "$scripts_dir/ensure-chromium.sh" || warn "Chromium not installed: the Web UI test cannot run"

step "database migrations"
if [ -f db/migrate.ts ] && [ -f scripts/migrate.ts ]; then
  npm run --silent db:migrate
else
  info "db/migrate.ts or scripts/migrate.ts not written yet: skipping migrations"
fi

info "setup complete"

#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# One-command setup, safe to run any number of times:
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

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  die "Node.js >= 20 with npm is required (https://nodejs.org/); install it and rerun"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is required (found $(node --version))"

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

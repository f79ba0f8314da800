#!/usr/bin/env bash
# `npm start [-- --replay DIR] [-- --season 2023-24]`: set up, start the Temporal dev server,
# then run a worker and ingest one season, printing the summary and the Web UI link.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# As in npm scripts: node_modules/.bin/node, when setup linked the project's Node there, comes first.
PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/temporal-dev.sh start
exec node --import tsx scripts/main-job.ts "$@"

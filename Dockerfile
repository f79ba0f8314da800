# nba-ingest worker image (also runs the one-shot migrations). Used by temporal-compose.yml; on its own:
#   docker build -t nba-ingest-worker:local .
#   docker run --rm --env-file worker.env nba-ingest-worker:local                            # worker
#   docker run --rm --env-file worker.env nba-ingest-worker:local node dist/scripts/migrate.js
# Both stages use the same pinned base so native modules built or resolved in one run in the other.
# Node 26 (the LTS to 2029-04-30; .node-version pins the version, a unit test keeps this tag equal to it)
# on Debian 13 trixie, the current stable: bookworm's regular security support ended in June 2026.

# --- build: compile TypeScript to dist/ and prebuild the workflow bundle --------------------------------
FROM node:26.12.1-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# tsc -p tsconfig.build.json → dist/, then scripts/build-workflow-bundle.ts → dist/workflow-bundle.js
RUN npm run build

# --- runtime: production dependencies, compiled code, migrations; no compiler, no sources -------------
FROM node:26.12.1-trixie-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# db/migrate.ts looks for its migrations next to itself, i.e. dist/db/migrations once compiled.
COPY --from=build /app/db/migrations ./dist/db/migrations
# The prebuilt bundle: the worker then skips bundling workflows at start.
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    LOG_FORMAT=json
# Code stays root-owned and read-only to the process.
USER node
CMD ["node", "dist/scripts/worker.js"]

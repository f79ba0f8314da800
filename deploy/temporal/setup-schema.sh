#!/bin/sh
# One-shot schema job for temporal-compose.yml, run in temporalio/admin-tools (busybox sh).
# Creates Temporal's persistence and visibility databases and brings both schemas to the versions this
# image ships. Safe to re-run: `create` skips an existing database, `setup-schema -v 0.0` skips a schema
# that is already versioned, `update-schema` applies only the versions not yet applied.
# The password comes from SQL_PASSWORD, which temporal-sql-tool reads itself.
set -eu

: "${SQL_PLUGIN:?}" "${SQL_HOST:?}" "${SQL_PORT:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
TEMPORAL_DBNAME="${TEMPORAL_DBNAME:-temporal}"
TEMPORAL_VISIBILITY_DBNAME="${TEMPORAL_VISIBILITY_DBNAME:-temporal_visibility}"
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin "$SQL_PLUGIN" --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

# setup_database NAME SCHEMA_DIR
setup_database() {
  echo "temporal-schema: database $1 <- $2"
  sql_tool --db "$1" create
  sql_tool --db "$1" setup-schema -v 0.0
  sql_tool --db "$1" update-schema -d "$2"
}

setup_database "$TEMPORAL_DBNAME" "$SCHEMA_ROOT/temporal/versioned"
setup_database "$TEMPORAL_VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo 'temporal-schema: done'

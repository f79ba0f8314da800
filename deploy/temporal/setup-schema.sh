#!/bin/sh
# Schema job: creates Temporal's persistence and visibility databases and brings both schemas to the
# versions this temporal-sql-tool embeds. Runs as temporal-compose.yml's temporal-schema one-shot (in
# temporalio/admin-tools, busybox sh) and from scripts/temporal-cluster.sh (temporal-sql-tool on PATH).
# Safe to re-run: `create` skips an existing database, `setup-schema -v 0.0` skips a schema that is
# already versioned, `update-schema` applies only the versions not yet applied.
# DB, DBNAME and VISIBILITY_DBNAME come from deploy/temporal/server.env, as for the server itself.
# The password comes from SQL_PASSWORD, which temporal-sql-tool reads itself.
set -eu

: "${DB:?}" "${SQL_HOST:?}" "${SQL_PORT:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
# The schemas compiled into temporal-sql-tool: no schema files to mount or keep in step with the image.
SCHEMA_ROOT=postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin "$DB" --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

# setup_database NAME SCHEMA_NAME
setup_database() {
  echo "temporal-schema: database $1 <- $2"
  sql_tool --db "$1" create
  sql_tool --db "$1" setup-schema -v 0.0
  sql_tool --db "$1" update-schema --schema-name "$2"
}

setup_database "$DBNAME" "$SCHEMA_ROOT/temporal"
setup_database "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility"
echo 'temporal-schema: done'

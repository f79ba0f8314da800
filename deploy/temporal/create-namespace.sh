#!/bin/sh
# One-shot namespace job for temporal-compose.yml, run in temporalio/admin-tools (busybox sh).
# Waits for the cluster to serve, then registers TEMPORAL_NAMESPACE and the custom search attributes
# listed in NBA_SEARCH_ATTRIBUTES ("Name=Type Name=Type ..."). Safe to re-run: existing ones are kept.
# The temporal CLI reads TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE from the environment itself.
set -eu

: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}" "${NBA_SEARCH_ATTRIBUTES:?}"
NAMESPACE_RETENTION="${NAMESPACE_RETENTION:-720h}"

# retry ATTEMPTS COMMAND...: the frontend answers before every service has joined, and a new
# namespace reaches the frontend's cache only after a few seconds.
retry() {
  attempts=$1
  shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      echo "temporal-namespace: gave up after $n attempts: $*" >&2
      return 1
    fi
    n=$((n + 1))
    sleep 2
  done
}

namespace_exists() {
  temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1
}

ensure_namespace() {
  namespace_exists && return 0
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$NAMESPACE_RETENTION" \
    --description 'nba-ingest pipeline' || namespace_exists
}

# ensure_search_attribute NAME TYPE: creating one that already exists may fail; that is success.
ensure_search_attribute() {
  temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$1" --type "$2" ||
    temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" | grep -qw "$1"
}

echo "temporal-namespace: waiting for $TEMPORAL_ADDRESS to serve"
retry 60 temporal operator cluster health

echo "temporal-namespace: namespace $TEMPORAL_NAMESPACE (retention $NAMESPACE_RETENTION)"
retry 10 ensure_namespace

for spec in $NBA_SEARCH_ATTRIBUTES; do
  name="${spec%%=*}"
  type="${spec#*=}"
  echo "temporal-namespace: search attribute $name ($type)"
  retry 30 ensure_search_attribute "$name" "$type"
done
echo 'temporal-namespace: done'

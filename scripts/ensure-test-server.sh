#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Makes sure Temporal's time-skipping test server is available for the workflow unit tests
# (TestWorkflowEnvironment.createTimeSkipping): its jars from Maven Central (scripts/lib/
# temporal-test-server.pom.xml) in .tools/temporal-test-server/lib, and an executable wrapper
# .tools/temporal-test-server/temporal-test-server that @temporalio/testing starts instead of
# downloading its own (which needs internet). Needs Java >= 11 and Maven; installs Debian's
# openjdk-17-jre-headless and maven when missing and we are root on Debian/Ubuntu.
# Usage: ensure-test-server.sh [--print-path]
set -euo pipefail
log_tag="test-server"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly POM="$REPO_ROOT/scripts/lib/temporal-test-server.pom.xml"
readonly TARGET="$REPO_ROOT/.tools/temporal-test-server"
readonly WRAPPER="$TARGET/temporal-test-server"

parse_print_path_flag 3,9 "$@"

done_for() {
  if [ -n "$print_path_only" ]; then printf '%s\n' "$WRAPPER"; else info "$1: $WRAPPER"; fi
  exit 0
}

# The pom and this script stamp the install: a change to either (a version, the wrapper) installs again.
stamp="$(cat "$POM" "${BASH_SOURCE[0]}" | cksum | cut -d' ' -f1)"
[ -x "$WRAPPER" ] && [ "$(cat "$TARGET/.pom-stamp" 2>/dev/null)" = "$stamp" ] && done_for "ready"

take_lock "$REPO_ROOT/.tools/.test-server.lock"
[ -x "$WRAPPER" ] && [ "$(cat "$TARGET/.pom-stamp" 2>/dev/null)" = "$stamp" ] && done_for "ready"

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  if is_root && is_debian_family; then
    apt_install openjdk-17-jre-headless maven
  else
    die "Java (>= 11) and Maven are needed to fetch Temporal's test server for the workflow unit tests; install them and rerun"
  fi
fi

info "copying io.temporal:temporal-test-server and its dependencies from Maven Central (~33 MB, once)"
rm -rf "$TARGET.tmp"
mkdir -p "$TARGET.tmp/lib"
if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$TARGET.tmp/lib" >"$TARGET.tmp/maven.log" 2>&1; then
  cat "$TARGET.tmp/maven.log" >&2
  die "Maven could not fetch the test server (its output is above)"
fi
cat >"$TARGET.tmp/temporal-test-server" <<'WRAPPER_EOF'
#!/usr/bin/env bash
# Temporal's Java test server; arguments as @temporalio/testing passes them (port, --enable-time-skipping).
# The quick-starting JIT and the serial GC: a short-lived test server on a small machine starts faster.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$(dirname "$0")/lib/*" io.temporal.testserver.TestServer "$@"
WRAPPER_EOF
chmod +x "$TARGET.tmp/temporal-test-server"
printf '%s\n' "$stamp" >"$TARGET.tmp/.pom-stamp"
rm -rf "$TARGET"
mv "$TARGET.tmp" "$TARGET"
done_for "installed"

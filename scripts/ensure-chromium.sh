#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Makes sure a headless Chromium is available for the Web UI test (driven by playwright-core, which
# downloads no browser of its own). Uses CHROMIUM_PATH if set, else Debian's `chromium` package
# (/usr/bin/chromium), installed with apt when missing and we are root on Debian/Ubuntu.
# Otherwise it only prints a note: the Web UI test then skips locally and fails in CI.
# Usage: ensure-chromium.sh [--print-path]
set -euo pipefail
log_tag="chromium"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

readonly DEBIAN_CHROMIUM="/usr/bin/chromium"

parse_print_path_flag 3,7 "$@"

found() {
  local version
  version="$(timeout 30 "$1" --headless --no-sandbox --version 2>/dev/null || true)"
  if [ -n "$print_path_only" ]; then
    printf '%s\n' "$1"
  else
    info "using $1 (${version:-version unknown})"
  fi
  exit 0
}

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
  found "$CHROMIUM_PATH"
fi
[ -x "$DEBIAN_CHROMIUM" ] && found "$DEBIAN_CHROMIUM"

if is_root && is_debian_family; then
  apt_install chromium
  [ -x "$DEBIAN_CHROMIUM" ] || die "apt installed chromium but $DEBIAN_CHROMIUM is missing"
  found "$DEBIAN_CHROMIUM"
fi

info "no Chromium at $DEBIAN_CHROMIUM and cannot install it here (needs root on Debian/Ubuntu):" \
  "the Web UI test will skip (or fail with CI=true). Install Debian's 'chromium' or set CHROMIUM_PATH."
exit 0

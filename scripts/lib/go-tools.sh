# shellcheck shell=bash
# Go programs built once per machine from the Go module proxy (`go install`, reusing Go's module and
# build caches). Source it after common.sh.

# ensure_go_tool DIR PACKAGE VERSION: builds PACKAGE@VERSION into DIR (GOBIN) unless its binary (named
# after PACKAGE's last path element) is already there.
ensure_go_tool() {
  local dir="$1" package="$2" version="$3" binary="${2##*/}"
  [ -x "$dir/$binary" ] && return 0
  (
    take_lock "$dir.lock" # two starts at once build it once
    [ -x "$dir/$binary" ] && exit 0
    command -v go >/dev/null 2>&1 ||
      die "building $package needs Go ≥ 1.26.4 ('go version' must work), or its binary placed at $dir/$binary"
    info "building $package@$version into $dir"
    info "  first time on this machine only: Go compiles it and its modules from source, which takes minutes"
    info "  (server, temporal-sql-tool and UI server: about 9 CPU-minutes, so 5 to 10 min on 2 cores)"
    local started=$SECONDS
    GOBIN="$dir" go install "$package@$version" || die "go install $package@$version failed (see above)"
    info "  built in $((SECONDS - started)) s"
  ) || exit 1
}

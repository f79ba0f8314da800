# shellcheck shell=bash
# Reads a Compose env_file (KEY=VALUE lines, # comments; no quoting, no interpolation) without
# evaluating it. Source it after common.sh.

# read_env_file FILE ARRAY: the file's variables into the associative array named ARRAY (declared -A).
read_env_file() {
  local file="$1" line
  local -n into="$2"
  [ -r "$file" ] || die "cannot read $file"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    [[ "$line" == [A-Za-z_]*=* ]] || die "$file: expected KEY=VALUE, got: $line"
    into["${line%%=*}"]="${line#*=}"
  done <"$file"
}

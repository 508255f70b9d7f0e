#!/bin/sh
# Runs the Neovim tests headless: test/unit.lua (the plugin's own logic, no server)
# then test/e2e.lua (the real plugin against the real tm-ls). Installs nothing:
# `make install-nvim` provides nvim. Each run is bounded by `timeout`.
#   TM_LS_BIN   the tm-ls binary (default: <repo>/bin/tm-ls)
set -eu
plugin=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$plugin/../.." && pwd)
bin=${TM_LS_BIN:-$repo/bin/tm-ls}

if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim not found: run 'make install-nvim'" >&2
  exit 1
fi
if [ ! -x "$bin" ]; then
  echo "$bin not found or not executable: run 'make build'" >&2
  exit 1
fi
echo "$(nvim --version | head -n 1), $("$bin" version)"

log=$(mktemp -t tm-ls-e2e-log.XXXXXX)
trap 'rm -f "$log"' EXIT

start=$(date +%s)
TM_LS_PLUGIN=$plugin timeout 60 nvim --headless -u NONE -i NONE -c "luafile $plugin/test/unit.lua" </dev/null
echo
mid=$(date +%s)
TM_LS_BIN=$bin TM_LS_PLUGIN=$plugin TM_LS_LOG=$log timeout 180 \
  nvim --headless -u NONE -i NONE -c "luafile $plugin/test/e2e.lua" </dev/null
echo
end=$(date +%s)
echo "neovim tests passed (unit $((mid - start))s, e2e $((end - mid))s)"

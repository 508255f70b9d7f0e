#!/bin/sh
# Regenerates docs/editors/neovim-screen.txt: runs Neovim with the tm-ls plugin and
# bin/tm-ls inside tmux on a copy of the editor test fixture, and saves what the
# screen shows (diagnostics, hover, code actions, the applied quick fix, the risk
# summary). Needs nvim and tmux (Debian: apt-get install -y neovim tmux).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${TM_LS_BIN:-$repo/bin/tm-ls}
out=${1:-$repo/docs/editors/neovim-screen.txt}
tmp=$(mktemp -d)
session=tm-ls-capture-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$tmp"' EXIT

mkdir "$tmp/ws"
cp "$repo"/editors/neovim/test/fixture/* "$tmp/ws/"
cat > "$tmp/init.lua" <<LUA
vim.opt.runtimepath:prepend("$repo/editors/neovim")
vim.cmd("filetype plugin indent on")
vim.cmd("syntax on")
vim.o.number = true
vim.o.signcolumn = "yes"
vim.o.swapfile = false
vim.diagnostic.config({ virtual_text = { prefix = "●" } })
require("tm-ls").setup({
  cmd = { "$bin", "serve" },
  on_attach = function(_, bufnr)
    vim.keymap.set("n", "K", vim.lsp.buf.hover, { buffer = bufnr })
  end,
})
LUA

cap() { tmux capture-pane -p -t "$session" | sed -e 's/[[:space:]]*$//'; }
keys() { tmux send-keys -t "$session" "$@"; sleep "${PAUSE:-1}"; }

cd "$tmp/ws"
tmux new-session -d -s "$session" -x 120 -y 40 "nvim -u $tmp/init.lua -i NONE $tmp/ws/main.tf"
sleep 4
keys ':lua vim.diagnostic.setloclist()' Enter; cap > "$tmp/1"
keys ':lclose' Enter
keys '4G'; PAUSE=2 keys 'K'; cap > "$tmp/2"
keys 'j'; PAUSE=2 keys ':TmRiskSummary' Enter; keys ':only' Enter; cap > "$tmp/5"
keys ':buffer main.tf' Enter
keys '4G'
PAUSE=2 keys ':lua vim.lsp.buf.code_action()' Enter; cap > "$tmp/3"
PAUSE=2 keys '1' Enter; cap > "$tmp/4"

{
  echo "Neovim $(nvim --version | head -n 1 | cut -d' ' -f2) with editors/neovim and $("$bin" version), in tmux 120x40, captured"
  echo "with \`tmux capture-pane -p\` by docs/editors/capture-neovim-screen.sh. Workspace: editors/neovim/test/fixture."
  echo
  echo "=== 1. main.tf opened: tm-ls diagnostics (signs, virtual text) and :lua vim.diagnostic.setloclist() ==="
  cat "$tmp/1"
  echo
  echo "=== 2. K on line 4: hover of the findings on the aws_instance header ==="
  cat "$tmp/2"
  echo
  echo "=== 3. :lua vim.lsp.buf.code_action() on line 4 ==="
  sed -n '/^Code actions:/,$p' "$tmp/3"
  echo
  echo "=== 4. after choosing 1 (the preferred quick fix): metadata_options inserted, the IMDSv1 diagnostic gone ==="
  sed -e '/^~$/d' "$tmp/4"
  echo
  echo "=== 5. :TmRiskSummary (before the fix) ==="
  sed -n '/tm-ls risk summary/,$p' "$tmp/5" | sed -e '/^~$/d'
} > "$out"
echo "wrote $out"

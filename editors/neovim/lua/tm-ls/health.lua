-- :checkhealth tm-ls — is the binary there and runnable, which version, and which
-- client-start path this Neovim uses.
local M = {}

-- vim.health.start/ok/... (0.10+), vim.health.report_* (0.8–0.9), require("health") (0.7).
local function reporter()
  local h = vim.health
  if h and h.start then
    return h
  end
  if h and h.report_start then
    return { start = h.report_start, ok = h.report_ok, warn = h.report_warn, error = h.report_error, info = h.report_info }
  end
  local old = require("health")
  return { start = old.report_start, ok = old.report_ok, warn = old.report_warn, error = old.report_error, info = old.report_info }
end

function M.check()
  local h = reporter()
  local tmls = require("tm-ls")
  local cfg = tmls.active_config() or tmls.config()

  h.start("tm-ls: Neovim")
  local v = vim.version()
  local strategy = tmls.active_strategy() or tmls.strategy()
  h.info(string.format("Neovim %d.%d.%d: clients are started with %s", v.major, v.minor, v.patch, strategy))
  if tmls.active_strategy() then
    h.ok("require('tm-ls').setup() has been called")
  else
    h.warn("require('tm-ls').setup() has not been called", { "add require('tm-ls').setup({}) to your init.lua" })
  end

  h.start("tm-ls: server binary")
  local exe = cfg.cmd[1]
  local path = vim.fn.exepath(exe)
  if path == "" then
    h.error(string.format("%s not found or not executable", exe), {
      "build it with `make build` (bin/tm-ls) and put it on PATH",
      "or pass cmd = { '/path/to/tm-ls', 'serve' } to setup()",
    })
  else
    h.ok(string.format("%s is executable (%s)", exe, path))
    local out = vim.fn.system({ path, "version" })
    if vim.v.shell_error == 0 then
      h.ok("version: " .. vim.trim(out))
    else
      h.warn("`" .. path .. " version` failed: " .. vim.trim(out))
    end
  end
  h.info("command: " .. table.concat(cfg.cmd, " "))

  h.start("tm-ls: files")
  local ft
  if vim.fn.has("nvim-0.8") == 1 then -- 0.7's vim.filetype.match takes (name, bufnr)
    local ok, got = pcall(vim.filetype.match, { filename = "model.tm.hcl" })
    ft = ok and got or nil
  end
  if ft == "tm-hcl" then
    h.ok("*.tm.hcl files get filetype tm-hcl")
  elseif vim.fn.exists("#filetypedetect#BufRead#*.tm.hcl") == 1 or vim.fn.exists("#BufRead#*.tm.hcl") == 1 then
    h.ok("*.tm.hcl files get filetype tm-hcl (ftdetect)")
  else
    h.warn("no filetype detection for *.tm.hcl", { "is editors/neovim on your 'runtimepath'?" })
  end
  h.info("filetypes: " .. table.concat(cfg.filetypes, ", "))

  local client = tmls.get_client(nil)
  if client then
    h.ok(string.format("tm-ls is running (client %d, root %s)", client.id, tostring(client.config.root_dir)))
  else
    h.info("tm-ls is not running (it starts when a Terraform or *.tm.hcl buffer is opened)")
  end
end

return M

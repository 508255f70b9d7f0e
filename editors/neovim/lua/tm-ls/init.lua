-- tm-ls for Neovim: starts `tm-ls serve` for Terraform and *.tm.hcl buffers and adds
-- :TmExport, :TmRiskSummary and :TmAttackPaths.
--
-- The way the client is started is chosen by feature detection, so that one
-- plugin works from Neovim 0.7 to 0.11+:
--   vim.lsp.config + vim.lsp.enable        (0.11+)
--   vim.lsp.start on FileType               (0.8 - 0.10)
--   vim.lsp.start_client + buf_attach_client (0.7)
local M = {}

M.name = "tm-ls"

-- Server commands (workspace/executeCommand).
M.commands = {
  risk_summary = "tm-ls.riskSummary",
  export_model = "tm-ls.exportModel",
  attack_paths = "tm-ls.attackPaths",
  resource_findings = "tm-ls.resourceFindings",
}

M.defaults = {
  cmd = { "tm-ls", "serve" },
  filetypes = { "terraform", "terraform-vars", "tf", "hcl", "tm-hcl" },
  root_markers = { ".tm-ls.hcl", ".terraform", ".git" },
  -- root_dir: a string, or function(bufnr) -> string; overrides root_markers.
  root_dir = nil,
  -- settings: { minimumSeverity = "low", frameworks = {...}, ruleDirectories = {...} };
  -- sent as initializationOptions and answered to workspace/configuration.
  settings = {},
  -- Show code lenses ("2 threats · high" above each resource) and refresh them on
  -- BufEnter, InsertLeave, BufWritePost and CursorHold; run one with
  -- :lua vim.lsp.codelens.run() to list the resource's threats in the location list.
  codelens = true,
  -- Milliseconds a command waits for the server.
  timeout_ms = 10000,
  on_attach = nil,
  -- on_exit(code, signal, client_id): called when the server process ends.
  on_exit = nil,
}

-- State of one setup() call (a module-level table, reset by setup).
local state = {
  config = nil,
  strategy = nil,
  clients = {}, -- root_dir -> client id (0.7 path only)
}

--- Which way of starting clients this Neovim supports.
function M.strategy()
  if type(vim.lsp.config) == "table" or type(vim.lsp.config) == "function" then
    if type(vim.lsp.enable) == "function" then
      return "vim.lsp.config"
    end
  end
  if type(vim.lsp.start) == "function" then
    return "vim.lsp.start"
  end
  return "vim.lsp.start_client"
end

local function deep_copy_merge(base, over)
  return vim.tbl_deep_extend("force", vim.deepcopy(base), over or {})
end

--- The effective configuration for the given setup() options.
function M.config(opts)
  local cfg = deep_copy_merge(M.defaults, opts)
  if opts and opts.cmd then
    cfg.cmd = opts.cmd -- lists are replaced, not merged
  end
  if opts and opts.filetypes then
    cfg.filetypes = opts.filetypes
  end
  if type(cfg.cmd) == "string" then
    cfg.cmd = { cfg.cmd, "serve" }
  end
  return cfg
end

local function is_dir(p)
  local st = vim.loop.fs_stat(p)
  return st ~= nil and st.type == "directory"
end

local function exists(p)
  return vim.loop.fs_stat(p) ~= nil
end

--- The workspace root for a buffer: root_dir, else the nearest directory holding a
--- root marker, else the file's directory.
function M.root_dir(bufnr, cfg)
  cfg = cfg or state.config or M.defaults
  if type(cfg.root_dir) == "function" then
    return cfg.root_dir(bufnr)
  elseif type(cfg.root_dir) == "string" then
    return cfg.root_dir
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return nil
  end
  local dir = vim.fn.fnamemodify(name, ":p:h")
  local cur = dir
  while cur and cur ~= "" do
    for _, marker in ipairs(cfg.root_markers or {}) do
      if exists(cur .. "/" .. marker) then
        return cur
      end
    end
    local parent = vim.fn.fnamemodify(cur, ":h")
    if parent == cur then
      break
    end
    cur = parent
  end
  if is_dir(dir) then
    return dir
  end
  return nil
end

-- settings as a JSON object even when empty (an empty Lua table encodes as []).
local function settings_object(cfg)
  if type(cfg.settings) == "table" and next(cfg.settings) ~= nil then
    return cfg.settings
  end
  return vim.empty_dict()
end

local function handlers(cfg)
  return {
    -- Answer workspace/configuration with our settings (section "tm-ls" or all).
    ["workspace/configuration"] = function(_, result)
      local out = {}
      for i, item in ipairs((result and result.items) or {}) do
        if item.section == nil or item.section == "" or item.section == "tm-ls" then
          out[i] = settings_object(cfg)
        else
          out[i] = vim.NIL
        end
      end
      return out
    end,
  }
end

local function client_config(cfg, root)
  return {
    name = M.name,
    cmd = cfg.cmd,
    root_dir = root,
    workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil,
    init_options = settings_object(cfg),
    settings = settings_object(cfg),
    handlers = handlers(cfg),
    on_attach = function(client, bufnr)
      if cfg.codelens and (client.server_capabilities or {}).codeLensProvider and vim.api.nvim_get_current_buf() == bufnr then
        pcall(vim.lsp.codelens.refresh)
      end
      if cfg.on_attach then
        cfg.on_attach(client, bufnr)
      end
    end,
    on_exit = cfg.on_exit,
    flags = { debounce_text_changes = 150 },
  }
end

--- Starts (or reuses) the client for this buffer on 0.7 and attaches it.
local function attach_07(bufnr, cfg)
  local root = M.root_dir(bufnr, cfg)
  if not root then
    return nil
  end
  local id = state.clients[root]
  if id then
    -- not client_is_stopped(): on 0.7 it is also true while the client initializes
    local c = vim.lsp.get_client_by_id(id)
    if c == nil or (c.is_stopped and c.is_stopped()) then
      id = nil
    end
  end
  if not id then
    id = vim.lsp.start_client(client_config(cfg, root))
    if not id then
      vim.notify("tm-ls: could not start " .. table.concat(cfg.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    state.clients[root] = id
  end
  if not vim.lsp.buf_is_attached(bufnr, id) then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local function attach_08(bufnr, cfg)
  local root = M.root_dir(bufnr, cfg)
  if not root then
    return nil
  end
  return vim.lsp.start(client_config(cfg, root), { bufnr = bufnr })
end

local function wants(bufnr, cfg)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= "" then
    return false
  end
  return vim.tbl_contains(cfg.filetypes, vim.bo[bufnr].filetype)
end

--- Attaches tm-ls to a buffer if its filetype is one of ours (0.7–0.10 paths).
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local cfg = state.config
  if not cfg or not wants(bufnr, cfg) then
    return nil
  end
  if state.strategy == "vim.lsp.start" then
    return attach_08(bufnr, cfg)
  end
  return attach_07(bufnr, cfg)
end

--- The running tm-ls client for a buffer (or any tm-ls client), or nil.
function M.get_client(bufnr)
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ name = M.name })
  else
    all = vim.tbl_filter(function(c)
      return c.name == M.name
    end, vim.lsp.get_active_clients())
  end
  if bufnr then
    for _, c in ipairs(all) do
      if vim.lsp.buf_is_attached(bufnr, c.id) then
        return c
      end
    end
  end
  return all[1]
end

local function request(client, method, params, handler, bufnr)
  if vim.fn.has("nvim-0.11") == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- Runs a server command; calls cb(err, result) on the main loop.
function M.execute(command, arguments, cb, bufnr)
  local client = M.get_client(bufnr or vim.api.nvim_get_current_buf())
  if not client then
    cb("tm-ls is not running (open a Terraform file, or see :checkhealth tm-ls)")
    return
  end
  request(client, "workspace/executeCommand", { command = command, arguments = arguments or {} }, function(err, result)
    vim.schedule(function()
      if err then
        cb(type(err) == "table" and (err.message or vim.inspect(err)) or tostring(err))
      else
        cb(nil, result)
      end
    end)
  end, bufnr)
end

--- Whether the server advertised a command in initialize.
function M.server_has_command(client, command)
  local caps = client and (client.server_capabilities or client.resolved_capabilities) or {}
  local p = caps.executeCommandProvider
  return type(p) == "table" and vim.tbl_contains(p.commands or {}, command)
end

-- ---------------------------------------------------------------------------
-- Summary and attack path formatting (pure; unit-tested in test/unit.lua)

local SEVERITIES = { "critical", "high", "medium", "low", "info" }

local function pick(t, ...)
  if type(t) ~= "table" then
    return nil
  end
  for _, k in ipairs({ ... }) do
    if t[k] ~= nil and t[k] ~= vim.NIL then
      return t[k]
    end
  end
  return nil
end

local function num(v)
  if type(v) == "number" then
    return v
  end
  if type(v) == "table" then
    return num(pick(v, "count", "total", "findings", "open"))
  end
  return nil
end

local function fmt_num(n)
  if n == math.floor(n) then
    return string.format("%d", n)
  end
  return string.format("%.1f", n)
end

local function location(t)
  local src = pick(t, "location") or t
  local uri = pick(src, "uri", "file")
  if type(uri) ~= "string" or uri == "" then
    return nil
  end
  local range = pick(src, "range") or {}
  local start = pick(range, "start") or {}
  return {
    uri = uri,
    line = tonumber(pick(start, "line")) or 0,
    character = tonumber(pick(start, "character", "column")) or 0,
  }
end

local function filename(uri)
  if uri:match("^file:") then
    return vim.uri_to_fname(uri)
  end
  return uri
end

--- Normalises the result of tm-ls.riskSummary (camelCase or snake_case keys).
function M.parse_summary(raw)
  if type(raw) == "string" then
    raw = vim.fn.json_decode(raw)
  end
  if type(raw) ~= "table" or (vim.islist or vim.tbl_islist)(raw) and #raw > 0 then
    error("tm-ls.riskSummary returned no summary object")
  end
  local counts = {}
  for k, v in pairs(pick(raw, "counts", "bySeverity", "by_severity") or {}) do
    counts[k] = num(v)
  end
  local totals = {}
  local t = pick(raw, "totals")
  for k, v in pairs(type(t) == "table" and t or {}) do
    totals[k] = num(v)
  end
  -- tm-ls reports its totals at the top level: total, totalInherent, totalResidual
  for _, k in ipairs({ "total", "totalInherent", "totalResidual" }) do
    if type(raw[k]) == "number" then
      totals[k] = raw[k]
    end
  end
  local statuses = {}
  for k, v in pairs(pick(raw, "statuses", "byStatus", "by_status") or {}) do
    statuses[k] = num(v)
  end
  local frameworks = {}
  for k, v in pairs(pick(raw, "frameworks", "byFramework", "by_framework") or {}) do
    frameworks[k] = num(v)
  end
  local top = {}
  for _, r in ipairs(pick(raw, "topRisks", "top_risks", "top", "risks") or {}) do
    if type(r) == "table" then
      table.insert(top, {
        rule_id = pick(r, "ruleId", "rule_id", "rule") or "",
        title = pick(r, "title", "message") or "",
        resource = pick(r, "resource", "address") or "",
        severity = pick(r, "severity") or "info",
        residual = tonumber(pick(r, "residual", "residualRisk", "residual_risk", "risk")) or 0,
        location = location(r),
      })
    end
  end
  return { counts = counts, totals = totals, statuses = statuses, frameworks = frameworks, top = top }
end

--- The open residual risk: the server's total, else the sum of the top risks.
function M.open_risk(s)
  local t = s.totals.totalResidual or s.totals.residual or s.totals.residualRisk or s.totals.residual_risk
  if t then
    return t
  end
  local sum = 0
  for _, r in ipairs(s.top) do
    sum = sum + r.residual
  end
  return sum
end

--- Lines of the :TmRiskSummary buffer and the quickfix items of the top risks.
function M.format_summary(s)
  local lines = { "tm-ls risk summary", "" }
  local total = 0
  for _, n in pairs(s.counts) do
    total = total + (n or 0)
  end
  table.insert(lines, string.format("Findings: %d   Open residual risk: %s", total, fmt_num(M.open_risk(s))))
  table.insert(lines, "")
  table.insert(lines, "By severity")
  for _, sev in ipairs(SEVERITIES) do
    table.insert(lines, string.format("  %-9s %4d", sev, s.counts[sev] or 0))
  end
  local st = {}
  for name, n in pairs(s.statuses or {}) do
    if (n or 0) > 0 then
      table.insert(st, string.format("%d %s", n, name))
    end
  end
  table.sort(st)
  if #st > 0 then
    table.insert(lines, "")
    table.insert(lines, "By status: " .. table.concat(st, ", "))
  end
  local fw = {}
  for name, n in pairs(s.frameworks) do
    table.insert(fw, { name = name, n = n or 0 })
  end
  table.sort(fw, function(a, b)
    if a.n ~= b.n then
      return a.n > b.n
    end
    return a.name < b.name
  end)
  if #fw > 0 then
    table.insert(lines, "")
    table.insert(lines, "By framework")
    for _, f in ipairs(fw) do
      table.insert(lines, string.format("  %-14s %4d", f.name, f.n))
    end
  end
  table.insert(lines, "")
  table.insert(lines, "Top risks")
  local qf = {}
  if #s.top == 0 then
    table.insert(lines, "  (no open risks)")
  end
  for i, r in ipairs(s.top) do
    local where = ""
    if r.location then
      local fname = filename(r.location.uri)
      where = string.format("  %s:%d", vim.fn.fnamemodify(fname, ":t"), r.location.line + 1)
      table.insert(qf, {
        filename = fname,
        lnum = r.location.line + 1,
        col = r.location.character + 1,
        text = string.format("[%s] %s %s (%s, residual %s)", r.severity, r.rule_id, r.title, r.resource, fmt_num(r.residual)),
        type = (r.severity == "critical" or r.severity == "high") and "E" or "W",
      })
    end
    table.insert(lines, string.format("  %2d. %6s  %-8s %s  %s", i, fmt_num(r.residual), r.severity, r.rule_id, r.title))
    table.insert(lines, string.format("               %s%s", r.resource, where))
  end
  if #qf > 0 then
    table.insert(lines, "")
    table.insert(lines, "The top risks are in the quickfix list (:copen).")
  end
  -- buffer lines cannot hold newlines
  for i, l in ipairs(lines) do
    lines[i] = l:gsub("[\r\n]", " ")
  end
  return lines, qf
end

--- The level of a risk score (1–25), as tm-ls ranks risk.
function M.risk_level(risk)
  if risk >= 20 then
    return "critical"
  elseif risk >= 12 then
    return "high"
  elseif risk >= 6 then
    return "medium"
  end
  return "low"
end

--- Normalises the result of tm-ls.attackPaths and formats it as lines. Accepts
--- {paths|attackPaths|attack_paths = [...]} or a list; a path has nodes (or steps)
--- and, as tm-ls writes them, source, target, flows (flows[i] joins nodes[i] and
--- nodes[i+1]), classification and risk.
function M.format_attack_paths(raw)
  if type(raw) == "string" then
    raw = vim.fn.json_decode(raw)
  end
  local list = raw
  if type(raw) == "table" and next(raw) ~= nil and not (vim.islist or vim.tbl_islist)(raw) then
    list = pick(raw, "paths", "attackPaths", "attack_paths")
  end
  if type(list) ~= "table" then
    error("tm-ls.attackPaths returned no list of paths")
  end
  local lines = { "tm-ls attack paths", "" }
  if #list == 0 then
    table.insert(lines, "  (no attack paths)")
  end
  for i, p in ipairs(list) do
    local steps = pick(p, "steps", "nodes", "path", "hops") or {}
    local flows = pick(p, "flows") or {}
    local labels = {}
    for _, st in ipairs(steps) do
      if type(st) == "string" then
        table.insert(labels, st)
      else
        table.insert(labels, pick(st, "label", "resource", "address", "name", "id") or "?")
      end
    end
    local source, target = pick(p, "source"), pick(p, "target")
    local title = pick(p, "title", "name", "id")
    if not title and type(source) == "string" and type(target) == "string" then
      title = source .. " -> " .. target
    end
    title = title or table.concat(labels, " -> ")
    local score = tonumber(pick(p, "score", "risk", "residual"))
    local severity = pick(p, "severity") or (score and M.risk_level(score)) or "info"
    local data = pick(p, "classification")
    table.insert(lines, string.format("%d. [%s] %s%s%s", i, severity, title, type(data) == "string" and (" (" .. data .. " data)") or "", score and (" (risk " .. fmt_num(score) .. ")") or ""))
    for j, l in ipairs(labels) do
      local via = j > 1 and type(flows[j - 1]) == "string" and ("   via " .. flows[j - 1]) or ""
      table.insert(lines, string.format("   %s %s%s", j == 1 and " " or "->", l, via))
    end
  end
  for i, l in ipairs(lines) do
    lines[i] = l:gsub("[\r\n]", " ")
  end
  return lines
end

--- Location-list items for a list of findings as tm-ls exports them
--- ({rule, title, severity, residual, resource, uri, range}).
function M.findings_to_items(list)
  local items = {}
  for _, f in ipairs(type(list) == "table" and list or {}) do
    local loc = type(f) == "table" and location(f) or nil
    if loc then
      local sev = pick(f, "severity") or "info"
      table.insert(items, {
        filename = filename(loc.uri),
        lnum = loc.line + 1,
        col = loc.character + 1,
        text = (string.format("[%s] %s %s (residual %s)", sev, pick(f, "rule", "ruleId", "rule_id") or "", pick(f, "title", "message") or "", fmt_num(tonumber(pick(f, "residual")) or 0)):gsub("[\r\n]", " ")),
        type = (sev == "critical" or sev == "high") and "E" or "W",
      })
    end
  end
  return items
end

--- Runs a tm-ls.resourceFindings code lens: the resource's threats go to the
--- location list. done(err, items) is called when finished (tests).
function M.resource_findings(command, ctx, done)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if not client then
    if done then
      done("no client")
    end
    return
  end
  local params = { command = command.command, arguments = command.arguments }
  request(client, "workspace/executeCommand", params, function(err, result)
    vim.schedule(function()
      if err then
        vim.notify("tm-ls: " .. (type(err) == "table" and (err.message or vim.inspect(err)) or tostring(err)), vim.log.levels.ERROR)
        if done then
          done(err)
        end
        return
      end
      local items = M.findings_to_items(result)
      local address = type(command.arguments) == "table" and command.arguments[2] or "resource"
      vim.fn.setloclist(0, {}, " ", { title = "tm-ls: " .. tostring(address), items = items })
      if #items > 0 then
        vim.cmd("lopen")
      else
        vim.notify("tm-ls: no threats on " .. tostring(address), vim.log.levels.INFO)
      end
      if done then
        done(nil, items)
      end
    end)
  end, ctx.bufnr)
end

local function refresh_codelens(bufnr)
  local client = M.get_client(bufnr)
  if not client or vim.api.nvim_get_current_buf() ~= bufnr then
    return
  end
  local caps = client.server_capabilities or {}
  if caps.codeLensProvider then
    pcall(vim.lsp.codelens.refresh)
  end
end

-- ---------------------------------------------------------------------------
-- Commands

--- Opens (or reuses) a scratch buffer named `name` in a split and fills it.
local function scratch(name, lines, filetype)
  local bufnr = vim.fn.bufnr(name)
  if bufnr == -1 or not vim.api.nvim_buf_is_valid(bufnr) then
    bufnr = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(bufnr, name)
  end
  vim.bo[bufnr].buftype = "nofile"
  vim.bo[bufnr].bufhidden = "hide"
  vim.bo[bufnr].swapfile = false
  vim.bo[bufnr].modifiable = true
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, lines)
  vim.bo[bufnr].modifiable = false
  vim.bo[bufnr].filetype = filetype
  local win = vim.fn.bufwinid(bufnr)
  if win == -1 then
    vim.cmd("botright split")
    vim.api.nvim_win_set_buf(0, bufnr)
  else
    vim.api.nvim_set_current_win(win)
  end
  return bufnr
end

local function notify_error(msg)
  vim.notify("tm-ls: " .. msg, vim.log.levels.ERROR)
end

--- :TmRiskSummary — a scratch buffer with the summary; the top risks in the quickfix list.
function M.risk_summary(done)
  local origin = vim.api.nvim_get_current_buf()
  M.execute(M.commands.risk_summary, {}, function(err, result)
    if err then
      notify_error(err)
      if done then
        done(err)
      end
      return
    end
    local ok, s = pcall(M.parse_summary, result)
    if not ok then
      notify_error(tostring(s))
      if done then
        done(s)
      end
      return
    end
    local lines, qf = M.format_summary(s)
    vim.fn.setqflist({}, " ", { title = "tm-ls top risks", items = qf })
    local bufnr = scratch("tm-ls://risk-summary", lines, "tmls-summary")
    if done then
      done(nil, bufnr, qf)
    end
  end, origin)
end

--- :TmExport [path] — writes the model (resources and findings) as JSON.
function M.export(path, done)
  local origin = vim.api.nvim_get_current_buf()
  if path == nil or path == "" then
    local root = M.root_dir(origin) or vim.fn.getcwd()
    path = root .. "/threat-model.json"
  end
  path = vim.fn.fnamemodify(vim.fn.expand(path), ":p")
  M.execute(M.commands.export_model, { path }, function(err, result)
    if err then
      notify_error("export failed: " .. err)
      if done then
        done(err)
      end
      return
    end
    local extra = ""
    if type(result) == "table" and type(result.resources) == "table" and type(result.findings) == "table" then
      extra = string.format(" (%d resources, %d findings)", #result.resources, #result.findings)
    end
    vim.notify("tm-ls: threat model exported to " .. path .. extra, vim.log.levels.INFO)
    if done then
      done(nil, path, result)
    end
  end, origin)
end

--- :TmAttackPaths — attack paths in a scratch buffer (servers that provide them).
function M.attack_paths(done)
  local origin = vim.api.nvim_get_current_buf()
  local client = M.get_client(origin)
  if client and not M.server_has_command(client, M.commands.attack_paths) then
    notify_error("this tm-ls server does not provide attack paths (tm-ls.attackPaths); update tm-ls")
    if done then
      done("unsupported")
    end
    return
  end
  M.execute(M.commands.attack_paths, {}, function(err, result)
    if err then
      notify_error(err)
      if done then
        done(err)
      end
      return
    end
    local ok, lines = pcall(M.format_attack_paths, result)
    if not ok then
      notify_error(tostring(lines))
      if done then
        done(lines)
      end
      return
    end
    local bufnr = scratch("tm-ls://attack-paths", lines, "tmls-paths")
    if done then
      done(nil, bufnr)
    end
  end, origin)
end

local function create_commands()
  vim.api.nvim_create_user_command("TmExport", function(a)
    M.export(a.args)
  end, { nargs = "?", complete = "file", desc = "tm-ls: export the threat model as JSON" })
  vim.api.nvim_create_user_command("TmRiskSummary", function()
    M.risk_summary()
  end, { nargs = 0, desc = "tm-ls: risk summary and top risks (quickfix)" })
  vim.api.nvim_create_user_command("TmAttackPaths", function()
    M.attack_paths()
  end, { nargs = 0, desc = "tm-ls: attack paths" })
end

--- Sets tm-ls up. opts: cmd, filetypes, root_markers, root_dir, settings, on_attach.
function M.setup(opts)
  local cfg = M.config(opts)
  state.config = cfg
  state.strategy = (opts and opts.strategy) or M.strategy()
  create_commands()
  vim.lsp.commands[M.commands.resource_findings] = function(command, ctx)
    M.resource_findings(command, ctx)
  end
  local lens_group = vim.api.nvim_create_augroup("tm-ls-codelens", { clear = true })
  if cfg.codelens then
    vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost", "CursorHold" }, {
      group = lens_group,
      callback = function(a)
        if wants(a.buf, cfg) then
          refresh_codelens(a.buf)
        end
      end,
    })
  end

  if state.strategy == "vim.lsp.config" then
    local c = client_config(cfg, nil)
    c.root_dir = nil
    c.workspace_folders = nil
    c.filetypes = cfg.filetypes
    if cfg.root_dir then
      c.root_dir = function(bufnr, on_dir)
        on_dir(M.root_dir(bufnr, cfg))
      end
    else
      c.root_markers = cfg.root_markers
    end
    vim.lsp.config(M.name, c)
    vim.lsp.enable(M.name)
    return state.strategy
  end

  local group = vim.api.nvim_create_augroup("tm-ls", { clear = true })
  vim.api.nvim_create_autocmd({ "FileType", "BufEnter" }, {
    group = group,
    callback = function(a)
      M.attach(a.buf)
    end,
  })
  -- buffers already open before setup()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      M.attach(b)
    end
  end
  return state.strategy
end

--- The strategy chosen by the last setup(), or nil.
function M.active_strategy()
  return state.strategy
end

--- The configuration of the last setup(), or nil.
function M.active_config()
  return state.config
end

return M

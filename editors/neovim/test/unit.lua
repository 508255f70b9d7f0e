-- Unit tests of the plugin's own logic (no server): configuration, client-start path
-- detection, root detection, summary and attack path formatting, filetype detection.
--   timeout 60 nvim --headless -u NONE -i NONE -c 'luafile test/unit.lua'
local plugin = os.getenv("TM_LS_PLUGIN") or vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h")
vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype plugin indent on")

local tmls = require("tm-ls")
local passed, failed = 0, 0

local function test(name, f)
  local ok, err = pcall(f)
  if ok then
    passed = passed + 1
    io.stderr:write("ok   " .. name .. "\n")
  else
    failed = failed + 1
    io.stderr:write("FAIL " .. name .. ": " .. tostring(err) .. "\n")
  end
end

local function eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(string.format("%s: got %s, want %s", what or "value", vim.inspect(got), vim.inspect(want)), 2)
  end
end

local function has(text, needle)
  if not text:find(needle, 1, true) then
    error(string.format("%q not found in:\n%s", needle, text), 2)
  end
end

test("config: defaults, list options replaced, string cmd gets serve", function()
  local c = tmls.config({})
  eq(c.cmd, { "tm-ls", "serve" }, "default cmd")
  eq(c.filetypes, { "terraform", "terraform-vars", "tf", "hcl", "tm-hcl" }, "default filetypes")
  eq(tmls.config({ cmd = "/opt/tm-ls" }).cmd, { "/opt/tm-ls", "serve" }, "string cmd")
  eq(tmls.config({ filetypes = { "tm-hcl" } }).filetypes, { "tm-hcl" }, "filetypes replaced, not merged")
  eq(tmls.config({ settings = { frameworks = { "dora" } } }).settings, { frameworks = { "dora" } }, "settings")
  eq(tmls.defaults.cmd, { "tm-ls", "serve" }, "defaults untouched")
end)

test("strategy: feature detection picks config/enable, start, or start_client", function()
  local saved = { config = vim.lsp.config, enable = vim.lsp.enable, start = vim.lsp.start }
  local function with(config, enable, start)
    vim.lsp.config, vim.lsp.enable, vim.lsp.start = config, enable, start
    local s = tmls.strategy()
    vim.lsp.config, vim.lsp.enable, vim.lsp.start = saved.config, saved.enable, saved.start
    return s
  end
  local f = function() end
  eq(with(setmetatable({}, { __call = f }), f, f), "vim.lsp.config", "0.11+")
  eq(with(nil, nil, f), "vim.lsp.start", "0.8-0.10")
  eq(with(nil, nil, nil), "vim.lsp.start_client", "0.7")
  eq(with({}, nil, f), "vim.lsp.start", "config table without enable")
end)

test("root_dir: nearest marker upward, else the file's directory; explicit root wins", function()
  local top = vim.fn.tempname()
  vim.fn.mkdir(top .. "/ws/envs/prod", "p")
  vim.fn.writefile({}, top .. "/ws/.tm-ls.hcl")
  vim.fn.writefile({}, top .. "/ws/envs/prod/main.tf")
  vim.fn.mkdir(top .. "/loose", "p")
  vim.fn.writefile({}, top .. "/loose/a.tf")
  local b1 = vim.fn.bufadd(top .. "/ws/envs/prod/main.tf")
  local b2 = vim.fn.bufadd(top .. "/loose/a.tf")
  local cfg = tmls.config({ root_markers = { ".tm-ls.hcl" } })
  eq(tmls.root_dir(b1, cfg), vim.fn.fnamemodify(top .. "/ws", ":p:h"), "marker")
  eq(tmls.root_dir(b2, cfg), vim.fn.fnamemodify(top .. "/loose", ":p:h"), "fallback")
  eq(tmls.root_dir(b1, tmls.config({ root_dir = "/x" })), "/x", "string root")
  eq(tmls.root_dir(b1, tmls.config({ root_dir = function(b) return "/buf/" .. b end })), "/buf/" .. b1, "function root")
  eq(tmls.root_dir(vim.api.nvim_create_buf(false, true), cfg), nil, "unnamed buffer")
  vim.fn.delete(top, "rf")
end)

local SUMMARY = {
  counts = { critical = 1, high = 2, low = 3 },
  totals = { residual = 61.5 },
  byFramework = { ["pci-dss-4.0"] = 4, dora = 1 },
  topRisks = {
    { ruleId = "TM-AWS-S3-PUBLIC-ACCESS", title = "S3 bucket can be made public", resource = "aws_s3_bucket.logs", uri = "file:///ws/storage/main.tf", range = { start = { line = 11, character = 2 } }, residual = 20, severity = "critical" },
    { ruleId = "TM-AWS-EC2-IMDSV1", title = "EC2 instance allows IMDSv1\nsecond line", resource = "aws_instance.web", location = { uri = "file:///ws/main.tf", range = { start = { line = 0, character = 0 } } }, residual = 16, severity = "high" },
    { ruleId = "TM-X", title = "no location", resource = "x.y", residual = 1.25, severity = "low" },
  },
}

test("format_summary: totals, severities in order, frameworks, top risks and quickfix items", function()
  local lines, qf = tmls.format_summary(tmls.parse_summary(SUMMARY))
  local text = table.concat(lines, "\n")
  eq(lines[1], "tm-ls risk summary", "title")
  has(text, "Findings: 6   Open residual risk: 61.5")
  assert(text:find("critical%s+1") < text:find("high%s+2"), "critical before high")
  has(text, "  info         0")
  has(text, "By framework\n  pci-dss-4.0       4\n  dora              1")
  has(text, " 1.     20  critical TM-AWS-S3-PUBLIC-ACCESS  S3 bucket can be made public")
  has(text, "aws_s3_bucket.logs  main.tf:12")
  has(text, "EC2 instance allows IMDSv1 second line")
  has(text, "(:copen)")
  for _, l in ipairs(lines) do
    assert(not l:find("\n"), "newline in a buffer line")
  end
  eq(#qf, 2, "only located risks go to the quickfix list")
  eq(qf[1].filename, "/ws/storage/main.tf", "filename")
  eq({ qf[1].lnum, qf[1].col, qf[1].type }, { 12, 3, "E" }, "position (1-based) and type")
  has(qf[2].text, "[high] TM-AWS-EC2-IMDSV1")
end)

test("parse_summary reads the tm-ls server's shape (server/command.go)", function()
  local s = tmls.parse_summary({
    counts = { info = 0, low = 1, medium = 0, high = 1, critical = 0 },
    statuses = { open = 2, suppressed = 1 },
    total = 2,
    totalInherent = 20,
    totalResidual = 19.5,
    top = { { id = "TM-AWS-EC2-IMDSV1@aws_instance.web", rule = "TM-AWS-EC2-IMDSV1", title = "EC2 instance allows IMDSv1", severity = "high", status = "open", resource = "aws_instance.web", inherent = 16, residual = 16, uri = "file:///ws/main.tf", range = { start = { line = 3, character = 0 }, ["end"] = { line = 3, character = 30 } } } },
  })
  eq(tmls.open_risk(s), 19.5, "open risk from totalResidual")
  local lines, qf = tmls.format_summary(s)
  local text = table.concat(lines, "\n")
  has(text, "Findings: 2   Open residual risk: 19.5")
  has(text, "By status: 1 suppressed, 2 open")
  has(text, "TM-AWS-EC2-IMDSV1  EC2 instance allows IMDSv1")
  eq({ qf[1].filename, qf[1].lnum }, { "/ws/main.tf", 4 }, "quickfix item")
end)

test("parse_summary: snake_case, JSON strings, JSON nulls, no totals", function()
  local s = tmls.parse_summary(vim.fn.json_encode({ by_severity = { high = { count = 2 } }, top_risks = { { rule_id = "R", residual_risk = 9, severity = "high", title = vim.NIL } } }))
  eq(s.counts.high, 2, "nested count")
  eq(s.top[1].rule_id, "R", "rule id")
  eq(s.top[1].title, "", "null title")
  eq(tmls.open_risk(s), 9, "open risk from top risks")
  local lines = tmls.format_summary(tmls.parse_summary({ counts = {}, topRisks = {} }))
  has(table.concat(lines, "\n"), "(no open risks)")
  assert(not pcall(tmls.parse_summary, { 1, 2 }), "a list is not a summary")
  assert(not pcall(tmls.parse_summary, "null"), "null is not a summary")
end)

test("format_attack_paths: steps, scores, empty and invalid", function()
  local lines = tmls.format_attack_paths({ paths = { { title = "internet to cards", severity = "critical", score = 20, steps = { "internet", { resource = "aws_lb.api" }, { label = "aws_db_instance.cards" } } }, { nodes = { "a", "b" } } } })
  local text = table.concat(lines, "\n")
  has(text, "1. [critical] internet to cards (risk 20)")
  has(text, "     internet\n   -> aws_lb.api\n   -> aws_db_instance.cards")
  has(text, "2. [info] a -> b")
  has(table.concat(tmls.format_attack_paths({ paths = {} }), "\n"), "(no attack paths)")
  has(table.concat(tmls.format_attack_paths({}), "\n"), "(no attack paths)")
  assert(not pcall(tmls.format_attack_paths, { other = 1 }), "no paths key is an error")
end)

test("format_attack_paths: the tm-ls shape (source, target, nodes, flows, classification, risk)", function()
  local lines = tmls.format_attack_paths({
    attack_paths = {
      { source = "actor.customer", target = "component.db", nodes = { "actor.customer", "component.api", "component.db" }, flows = { "flow.checkout", "flow.query" }, classification = "restricted", likelihood = 4, impact = 5, risk = 14.4 },
    },
  })
  local text = table.concat(lines, "\n")
  has(text, "1. [high] actor.customer -> component.db (restricted data) (risk 14.4)")
  has(text, "     actor.customer\n   -> component.api   via flow.checkout\n   -> component.db   via flow.query")
  eq({ tmls.risk_level(20), tmls.risk_level(12), tmls.risk_level(6), tmls.risk_level(5.9) }, { "critical", "high", "medium", "low" }, "levels")
end)

test("findings_to_items: tm-ls findings become location-list items", function()
  local items = tmls.findings_to_items({
    { id = "TM-AWS-EC2-IMDSV1@aws_instance.web", rule = "TM-AWS-EC2-IMDSV1", title = "EC2 instance allows IMDSv1", severity = "high", residual = 16, uri = "file:///ws/main.tf", range = { start = { line = 3, character = 0 } } },
    { rule = "TM-X", title = "two\nlines", severity = "low", residual = 2.5, uri = "file:///ws/b.tf", range = { start = { line = 0, character = 4 } } },
    { rule = "TM-NOLOC", title = "no location" },
  })
  eq(#items, 2, "findings without a location are left out")
  eq({ items[1].filename, items[1].lnum, items[1].col, items[1].type }, { "/ws/main.tf", 4, 1, "E" }, "first item")
  eq(items[1].text, "[high] TM-AWS-EC2-IMDSV1 EC2 instance allows IMDSv1 (residual 16)", "text")
  eq({ items[2].text, items[2].type }, { "[low] TM-X two lines (residual 2.5)", "W" }, "second item")
  eq(tmls.findings_to_items(vim.NIL), {}, "null result")
end)

test("ftdetect: *.tm.hcl is tm-hcl, other *.hcl stay hcl", function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  vim.cmd("edit " .. dir .. "/payments.tm.hcl")
  eq(vim.bo.filetype, "tm-hcl", "tm.hcl")
  vim.cmd("edit " .. dir .. "/.tm-ls.hcl")
  eq(vim.bo.filetype, "hcl", ".tm-ls.hcl")
  vim.cmd("edit " .. dir .. "/main.tf")
  vim.cmd("bwipeout!")
  vim.fn.delete(dir, "rf")
end)

test("server_has_command reads executeCommandProvider", function()
  local c = { server_capabilities = { executeCommandProvider = { commands = { "tm-ls.riskSummary" } } } }
  eq(tmls.server_has_command(c, "tm-ls.riskSummary"), true, "present")
  eq(tmls.server_has_command(c, "tm-ls.attackPaths"), false, "absent")
  eq(tmls.server_has_command({ server_capabilities = {} }, "x"), false, "no provider")
end)

test("setup on 0.11+: vim.lsp.config gets cmd, filetypes, markers, settings; vim.lsp.enable is called", function()
  local saved = { config = vim.lsp.config, enable = vim.lsp.enable }
  local got, enabled = {}, {}
  vim.lsp.config = setmetatable({}, { __call = function(_, name, c) got[name] = c end })
  vim.lsp.enable = function(name) table.insert(enabled, name) end
  local ok, err = pcall(function()
    eq(tmls.setup({ cmd = { "/opt/tm-ls", "serve" }, settings = { frameworks = { "dora" } } }), "vim.lsp.config", "strategy")
    local c = got["tm-ls"]
    assert(c, "vim.lsp.config('tm-ls', ...) not called")
    eq(c.cmd, { "/opt/tm-ls", "serve" }, "cmd")
    eq(c.filetypes, tmls.defaults.filetypes, "filetypes")
    eq(c.root_markers, tmls.defaults.root_markers, "root markers")
    eq(c.init_options, { frameworks = { "dora" } }, "init_options")
    eq(c.handlers["workspace/configuration"](nil, { items = { { section = "tm-ls" }, { section = "other" } } }), { { frameworks = { "dora" } }, vim.NIL }, "workspace/configuration")
    eq(enabled, { "tm-ls" }, "enabled")
    tmls.setup({})
    eq(vim.fn.json_encode(got["tm-ls"].init_options), "{}", "empty settings are sent as an object")
    tmls.setup({ root_dir = "/fixed" })
    local seen
    got["tm-ls"].root_dir(0, function(d) seen = d end)
    eq(seen, "/fixed", "root_dir callback form")
  end)
  vim.lsp.config, vim.lsp.enable = saved.config, saved.enable
  assert(ok, err)
end)

test("setup on 0.8-0.10: vim.lsp.start per buffer of a wanted filetype", function()
  local saved = { config = vim.lsp.config, enable = vim.lsp.enable, start = vim.lsp.start }
  local calls = {}
  vim.lsp.config, vim.lsp.enable = nil, nil
  vim.lsp.start = function(c, o) table.insert(calls, { c = c, o = o }) return 42 end
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local ok, err = pcall(function()
    eq(tmls.setup({ root_dir = dir }), "vim.lsp.start", "strategy")
    vim.cmd("edit " .. dir .. "/main.tf")
    local b = vim.api.nvim_get_current_buf()
    local call
    for _, c in ipairs(calls) do
      if c.o.bufnr == b then
        call = c
      end
    end
    assert(call, "vim.lsp.start not called for main.tf")
    eq(call.c.name, "tm-ls", "name")
    eq(call.c.root_dir, dir, "root")
    eq(call.c.cmd, { "tm-ls", "serve" }, "cmd")
    local n = #calls
    vim.cmd("edit " .. dir .. "/notes.txt")
    eq(#calls, n, "no start for a text file")
  end)
  vim.lsp.config, vim.lsp.enable, vim.lsp.start = saved.config, saved.enable, saved.start
  vim.cmd("silent! %bwipeout!")
  vim.fn.delete(dir, "rf")
  assert(ok, err)
end)

test("commands without a running server report an error instead of failing", function()
  tmls.setup({ cmd = { "/nonexistent/tm-ls", "serve" }, filetypes = { "none" } })
  eq(vim.fn.exists(":TmRiskSummary"), 2, ":TmRiskSummary defined")
  local got, notified
  local notify = vim.notify
  vim.notify = function(msg, level)
    notified = { msg, level }
  end
  tmls.risk_summary(function(err)
    got = err
  end)
  vim.wait(1000, function()
    return got ~= nil
  end)
  vim.notify = notify
  has(tostring(got), "tm-ls is not running")
  assert(notified and notified[2] == vim.log.levels.ERROR, "the user is told: " .. vim.inspect(notified))
  has(notified[1], "tm-ls: tm-ls is not running")
end)

io.stderr:write(string.format("unit: %d passed, %d failed\n", passed, failed))
if failed > 0 then
  vim.cmd("cquit 1")
end
vim.cmd("qall!")

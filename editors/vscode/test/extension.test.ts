// Drives the extension's activation and commands against the fake vscode module
// and a fake language client that records what the extension asks of the server.
import { afterEach, beforeEach, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import * as fake from "./fake-vscode";
import { activateWith, ClientHooks, COMMANDS, deactivate, ServerCommand, TmLsClient, TmLsExtension } from "../src/extension";
import { InitializationOptions } from "../src/settings";

class FakeClient implements TmLsClient {
  hooks: ClientHooks | undefined;
  started = 0;
  stopped = 0;
  calls: { command: string; args: unknown[] }[] = [];
  constructor(
    readonly server: ServerCommand,
    readonly init: InitializationOptions,
    private readonly results: Record<string, unknown>,
    private readonly advertised: string[],
  ) {}
  async start() {
    this.started++;
  }
  async stop() {
    this.stopped++;
  }
  async executeCommand(command: string, args: unknown[]) {
    this.calls.push({ command, args });
    if (!(command in this.results)) {
      throw new Error(`unknown command ${command}`);
    }
    return this.results[command];
  }
  serverCommands() {
    return this.advertised;
  }
}

const SUMMARY = {
  counts: { high: 1 },
  totals: { residual: 16 },
  topRisks: [
    {
      ruleId: "TM-AWS-EC2-IMDSV1",
      title: "EC2 instance allows IMDSv1",
      resource: "aws_instance.web",
      uri: "file:///ws/main.tf",
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } },
      residual: 16,
      severity: "high",
    },
  ],
};

let tmp: string;
let binDir: string;
let clients: FakeClient[];
let results: Record<string, unknown>;
let advertised: string[];
let ext: TmLsExtension | undefined;
let context: { subscriptions: { dispose(): unknown }[]; extensionPath: string };

beforeEach(() => {
  fake.reset();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tm-ls-vscode-"));
  binDir = path.join(tmp, "bin");
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, "tm-ls"), "#!/bin/sh\n", { mode: 0o755 });
  clients = [];
  results = { "tm-ls.riskSummary": SUMMARY, "tm-ls.exportModel": { resources: [1, 2, 3], findings: [1] } };
  advertised = ["tm-ls.riskSummary", "tm-ls.exportModel"];
  context = { subscriptions: [], extensionPath: path.join(tmp, "ext") };
  fake.recorded.workspaceFolders = [{ uri: fake.Uri.file(path.join(tmp, "ws")), name: "ws", index: 0 }];
});

afterEach(async () => {
  for (const d of context.subscriptions) {
    d.dispose();
  }
  await deactivate();
  ext = undefined;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function activate(env: NodeJS.ProcessEnv = { PATH: binDir }): Promise<TmLsExtension> {
  ext = await activateWith(context as unknown as vscode.ExtensionContext, {
    env,
    statusDelayMs: 1,
    nonce: () => "NONCE",
    createClient: (server, init, _output, hooks) => {
      const c = new FakeClient(server, init, results, advertised);
      c.hooks = hooks;
      clients.push(c);
      return c;
    },
  });
  return ext;
}

test("activation registers every contributed command and starts tm-ls serve from PATH", async () => {
  fake.recorded.config = { "tm-ls.frameworks": ["pci-dss-4.0"], "tm-ls.logLevel": "debug", "tm-ls.ruleDirectories": ["rules"] };
  const e = await activate();
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual([...fake.recorded.commands.keys()].sort(), contributed);
  assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
  assert.equal(clients.length, 1);
  assert.equal(clients[0].started, 1);
  assert.deepEqual(clients[0].server, { command: path.join(binDir, "tm-ls"), args: ["serve", "--log-level", "debug"], cwd: path.join(tmp, "ws") });
  assert.deepEqual(clients[0].init, { minimumSeverity: "low", frameworks: ["pci-dss-4.0"], ruleDirectories: [path.join(tmp, "ws", "rules")] });
  assert.equal(e.binary?.source, "path");
  assert.equal(fake.recorded.statusItems[0].visible, true);
  assert.ok(fake.recorded.output.some((l) => l.includes(`starting ${path.join(binDir, "tm-ls")} (from path)`)));
});

test("the bundled binary is used when tm-ls is not on PATH", async () => {
  const bundled = path.join(context.extensionPath, "bin", `${process.platform}-${process.arch}`, "tm-ls");
  fs.mkdirSync(path.dirname(bundled), { recursive: true });
  fs.writeFileSync(bundled, "#!/bin/sh\n", { mode: 0o755 });
  const e = await activate({ PATH: path.join(tmp, "empty") });
  assert.equal(e.binary?.source, "bundled");
  assert.equal(clients[0].server.command, bundled);
});

test("a non-executable file on PATH is not taken for the binary", async () => {
  fs.chmodSync(path.join(binDir, "tm-ls"), 0o644);
  await activate();
  assert.equal(clients.length, 0);
});

test("no binary: an error is shown, no client; restart picks up tm-ls.path", async () => {
  const e = await activate({ PATH: path.join(tmp, "empty") });
  assert.equal(clients.length, 0);
  assert.equal(fake.recorded.messages[0].level, "error");
  assert.match(fake.recorded.messages[0].text, /tm-ls was not found/);
  assert.equal(fake.recorded.statusItems[0].text, "$(error) tm-ls");

  await vscode.commands.executeCommand(COMMANDS.showRiskSummary);
  assert.match(fake.recorded.messages[1].text, /not running/);

  fake.recorded.config = { "tm-ls.path": path.join(binDir, "tm-ls") };
  assert.equal(await e.restart(), true);
  assert.equal(clients.length, 1);
  assert.equal(e.binary?.source, "setting");
});

test("a client that fails to start is reported and dropped", async () => {
  ext = await activateWith(context as unknown as vscode.ExtensionContext, {
    env: { PATH: binDir },
    statusDelayMs: 1,
    createClient: () => ({
      start: async () => {
        throw new Error("exec format error");
      },
      stop: async () => undefined,
      executeCommand: async () => undefined,
      serverCommands: () => [],
    }),
  });
  assert.equal(ext.client, undefined);
  assert.match(fake.recorded.messages[0].text, /tm-ls failed to start: exec format error/);
});

test("Show risk summary renders the server's summary and its links open locations", async () => {
  await activate();
  await vscode.commands.executeCommand(COMMANDS.showRiskSummary);
  assert.deepEqual(clients[0].calls.at(-1), { command: "tm-ls.riskSummary", args: [] });
  const panel = fake.recorded.panels[0];
  assert.equal(panel.title, "tm-ls: Risk summary");
  assert.match(panel.webview.html, /EC2 instance allows IMDSv1/);
  assert.match(panel.webview.html, /data-uri="file:\/\/\/ws\/main.tf" data-line="3" data-character="2"/);
  assert.match(panel.webview.html, /<script nonce="NONCE">/);

  await panel.webview.post({ type: "open", uri: "file:///ws/main.tf", line: 3, character: 2 });
  await new Promise((r) => setImmediate(r));
  assert.equal(fake.recorded.shownDocuments.length, 1);
  assert.equal(fake.recorded.shownDocuments[0].uri, "file:///ws/main.tf");
  assert.deepEqual({ ...fake.recorded.shownDocuments[0].options.selection.start }, { line: 3, character: 2 });

  // a second call reuses the panel; junk messages are ignored
  await vscode.commands.executeCommand(COMMANDS.showRiskSummary);
  assert.equal(fake.recorded.panels.length, 1);
  assert.equal(panel.revealed, 1);
  await panel.webview.post({ type: "run", uri: "file:///x" });
  await panel.webview.post(null);
  assert.equal(fake.recorded.shownDocuments.length, 1);
});

test("a server error in the risk summary is shown, not thrown", async () => {
  results = {};
  await activate();
  assert.equal(await vscode.commands.executeCommand(COMMANDS.showRiskSummary), undefined);
  assert.match(fake.recorded.messages.at(-1)!.text, /risk summary failed: unknown command tm-ls.riskSummary/);
});

test("Export threat model asks for a path and passes it to tm-ls.exportModel", async () => {
  await activate();
  const target = path.join(tmp, "out", "model.json");
  fake.recorded.saveDialogAnswer = fake.Uri.file(target);
  fake.recorded.messageAnswer = "Open";
  const got = await vscode.commands.executeCommand(COMMANDS.exportModel);
  assert.equal(got, target);
  assert.equal(fake.recorded.saveDialogOptions[0].defaultUri.fsPath, path.join(tmp, "ws", "threat-model.json"));
  assert.deepEqual(clients[0].calls.at(-1), { command: "tm-ls.exportModel", args: [target] });
  assert.match(fake.recorded.messages.at(-1)!.text, /exported to .*model.json \(3 resources, 1 findings\)/);
  assert.equal(fake.recorded.shownDocuments[0].uri, fake.Uri.file(target).toString());
});

test("Export cancelled in the dialog sends nothing", async () => {
  await activate();
  const before = clients[0].calls.length;
  assert.equal(await vscode.commands.executeCommand(COMMANDS.exportModel), undefined);
  assert.equal(clients[0].calls.length, before);
});

test("the status bar shows the open risk after diagnostics change", async () => {
  const e = await activate();
  await e.statusRefresh;
  results["tm-ls.riskSummary"] = { counts: { critical: 1, high: 1 }, totals: { residual: 36 }, topRisks: [] };
  fake.onDidChangeDiagnosticsEmitter.fire({});
  fake.onDidChangeDiagnosticsEmitter.fire({});
  await e.statusRefresh;
  assert.equal(fake.recorded.statusItems[0].text, "$(shield) tm-ls: 2 threats, risk 36");
  assert.equal(fake.recorded.statusItems[0].command, COMMANDS.showRiskSummary);
  const summaryCalls = clients[0].calls.filter((c) => c.command === "tm-ls.riskSummary").length;
  assert.equal(summaryCalls, 2, "one call after start, one for the two debounced changes");
});

test("Show attack paths: a warning when the server lacks it, a panel when it has it", async () => {
  await activate();
  await vscode.commands.executeCommand(COMMANDS.showAttackPaths);
  assert.match(fake.recorded.messages.at(-1)!.text, /does not provide attack paths/);
  assert.equal(fake.recorded.panels.length, 0);

  advertised.push("tm-ls.attackPaths");
  results["tm-ls.attackPaths"] = { paths: [{ title: "internet → db", severity: "high", steps: ["internet", "aws_db_instance.main"] }] };
  await vscode.commands.executeCommand(COMMANDS.showAttackPaths);
  assert.equal(fake.recorded.panels[0].title, "tm-ls: Attack paths");
  assert.match(fake.recorded.panels[0].webview.html, /<li>aws_db_instance.main<\/li>/);
});

test("Restart server stops the old client and starts a new one with new settings", async () => {
  await activate();
  fake.recorded.config = { "tm-ls.minimumSeverity": "high" };
  await vscode.commands.executeCommand(COMMANDS.restartServer);
  assert.equal(clients.length, 2);
  assert.equal(clients[0].stopped, 1);
  assert.equal(clients[1].started, 1);
  assert.equal(clients[1].init.minimumSeverity, "high");
});

test("changing a server setting restarts; other settings do not", async () => {
  const e = await activate();
  fake.onDidChangeConfigurationEmitter.fire({ affectsConfiguration: (s) => s === "editor.tabSize" });
  assert.equal(clients.length, 1);
  fake.onDidChangeConfigurationEmitter.fire({ affectsConfiguration: (s) => s === "tm-ls.ruleDirectories" || s === "tm-ls" });
  await new Promise((r) => setImmediate(r));
  assert.equal(clients.length, 2);
  assert.equal(clients[0].stopped, 1);
  assert.equal(e.client, clients[1]);
});

test("deactivate stops the server", async () => {
  await activate();
  await deactivate();
  assert.equal(clients[0].stopped, 1);
});

test("a code lens's tm-ls.resourceFindings answer becomes a quick pick that opens the finding", async () => {
  await activate();
  const findings = [
    { rule: "TM-AWS-EC2-IMDSV1", title: "EC2 instance allows IMDSv1", severity: "high", residual: 16, resource: "aws_instance.web", uri: "file:///ws/main.tf", range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } } },
    { rule: "TM-AWS-EC2-PUBLIC-IP", title: "EC2 instance has a public IP", severity: "medium", residual: 7.25, resource: "aws_instance.web", uri: "file:///ws/main.tf", range: { start: { line: 5, character: 2 }, end: { line: 5, character: 9 } } },
  ];
  fake.recorded.quickPickAnswer = (items) => items[1];
  await clients[0].hooks!.onResourceFindings(findings);
  const qp = fake.recorded.quickPicks[0];
  assert.equal(qp.options.title, "tm-ls: threats on aws_instance.web");
  assert.deepEqual(
    qp.items.map((i: { label: string; description: string; detail: string }) => [i.label, i.description, i.detail]),
    [
      ["$(error) EC2 instance allows IMDSv1", "TM-AWS-EC2-IMDSV1 · high · residual 16", "aws_instance.web — main.tf:4"],
      ["$(warning) EC2 instance has a public IP", "TM-AWS-EC2-PUBLIC-IP · medium · residual 7.3", "aws_instance.web — main.tf:6"],
    ],
  );
  assert.equal(fake.recorded.shownDocuments[0].uri, "file:///ws/main.tf");
  assert.deepEqual({ ...fake.recorded.shownDocuments[0].options.selection.start }, { line: 5, character: 2 });

  await clients[0].hooks!.onResourceFindings([]);
  assert.match(fake.recorded.messages.at(-1)!.text, /no threats on this resource/);
  await clients[0].hooks!.onResourceFindings({ not: "a list" });
  assert.ok(fake.recorded.output.some((l) => l.includes("resource findings: tm-ls.resourceFindings returned no list")));
  assert.equal(fake.recorded.quickPicks.length, 1, "no quick pick for empty or invalid answers");
});

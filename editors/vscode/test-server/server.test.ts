// The extension's commands against the real tm-ls: the same TmLsExtension as in
// VS Code, with the fake vscode module, and a small JSON-RPC client in place of
// vscode-languageclient (which needs a running VS Code). Checks that what the
// extension shows (status bar, risk summary panel, export) is built from the real
// server's answers. Needs TM_LS_BIN (make test-vscode sets it to bin/tm-ls).
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import * as rpc from "vscode-jsonrpc/node";
import * as vscode from "vscode";
import * as fake from "../test/fake-vscode";
import { activateWith, ClientHooks, COMMANDS, deactivate, ServerCommand, TmLsClient, TmLsExtension } from "../src/extension";
import { InitializationOptions } from "../src/settings";

const MAIN_TF = `# editor integration fixture
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-app-logs"
}
`;

/** A minimal LSP client over the server process's stdio. */
class RpcClient implements TmLsClient {
  hooks: ClientHooks | undefined;
  proc: cp.ChildProcess | undefined;
  conn: rpc.MessageConnection | undefined;
  commands: string[] = [];
  exit: Promise<number | null> = Promise.resolve(null);
  stderr = "";
  diagnostics = new Map<string, { code?: string | number }[]>();
  progress: { kind: string; token: unknown }[] = [];

  constructor(
    readonly server: ServerCommand,
    readonly init: InitializationOptions,
    readonly root: string,
  ) {}

  async start(): Promise<void> {
    const proc = cp.spawn(this.server.command, this.server.args, { cwd: this.server.cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.proc = proc;
    proc.stderr!.on("data", (d) => (this.stderr += d.toString()));
    this.exit = new Promise((resolve) => proc.on("exit", (code) => resolve(code)));
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout!), new rpc.StreamMessageWriter(proc.stdin!));
    this.conn = conn;
    conn.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: { code?: string | number }[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      fake.onDidChangeDiagnosticsEmitter.fire({});
    });
    conn.onRequest("window/workDoneProgress/create", (p: { token: unknown }) => {
      this.progress.push({ kind: "create", token: p.token });
      return null;
    });
    conn.onNotification("$/progress", (p: { token: unknown; value: { kind?: string } }) => {
      this.progress.push({ kind: p.value?.kind ?? "?", token: p.token });
    });
    conn.onRequest("client/registerCapability", () => null);
    conn.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => this.init));
    conn.onNotification(() => undefined);
    conn.listen();
    const folder = pathToFileURL(this.root).href;
    const res = (await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(this.root) }],
      capabilities: { window: { workDoneProgress: true } },
      initializationOptions: this.init,
    })) as { capabilities: { executeCommandProvider?: { commands: string[] } } };
    this.commands = res.capabilities.executeCommandProvider?.commands ?? [];
    await conn.sendNotification("initialized", {});
  }

  open(file: string): Promise<void> {
    return this.conn!.sendNotification("textDocument/didOpen", {
      textDocument: { uri: pathToFileURL(file).href, languageId: "terraform", version: 1, text: fs.readFileSync(file, "utf8") },
    });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.conn!.sendRequest("workspace/executeCommand", { command, arguments: args });
  }

  serverCommands(): string[] {
    return this.commands;
  }

  /** shutdown, exit, then close stdin as VS Code's client does when it disposes. */
  async stop(): Promise<void> {
    const conn = this.conn!;
    await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
    conn.dispose();
    this.proc!.stdin!.end();
  }
}

let tmp: string;
let ws: string;
const clients: RpcClient[] = [];
let ext: TmLsExtension;
const bin = process.env.TM_LS_BIN ?? "";

before(async () => {
  assert.ok(bin && fs.existsSync(bin), `TM_LS_BIN must name the tm-ls binary (got "${bin}"): run via make test-vscode`);
  fake.reset();
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tm-ls-vscode-server-")));
  ws = path.join(tmp, "ws");
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, "main.tf"), MAIN_TF);
  fake.recorded.workspaceFolders = [{ uri: fake.Uri.file(ws), name: "ws", index: 0 }];
  fake.recorded.config = { "tm-ls.logLevel": "debug" };
  const context = { subscriptions: [] as { dispose(): unknown }[], extensionPath: path.join(tmp, "ext") };
  ext = await activateWith(context as unknown as vscode.ExtensionContext, {
    env: { PATH: path.dirname(path.resolve(bin)) },
    statusDelayMs: 50,
    createClient: (server, init, _output, hooks) => {
      const c = new RpcClient(server, init, ws);
      c.hooks = hooks;
      clients.push(c);
      return c;
    },
  });
});

after(async () => {
  await deactivate();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function eventually(what: string, f: () => boolean, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) {
      throw new Error(`${what} within ${ms} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("the extension finds tm-ls on PATH and starts `tm-ls serve`", async () => {
  assert.equal(ext.binary?.source, "path");
  assert.equal(clients.length, 1);
  assert.deepEqual(clients[0].server.args, ["serve", "--log-level", "debug"]);
  assert.ok(clients[0].serverCommands().includes("tm-ls.riskSummary"), `server commands: ${clients[0].serverCommands()}`);
});

test("the server's diagnostics carry the rule ID; the status bar shows the open risk", async () => {
  await clients[0].open(path.join(ws, "main.tf"));
  const uri = pathToFileURL(path.join(ws, "main.tf")).href;
  await eventually("no TM-AWS-EC2-IMDSV1 diagnostic", () => (clients[0].diagnostics.get(uri) ?? []).some((d) => d.code === "TM-AWS-EC2-IMDSV1"));
  await eventually(`status bar still "${fake.recorded.statusItems[0].text}"`, () => /tm-ls: \d+ threats?, risk [\d.]+$/.test(fake.recorded.statusItems[0].text));
  assert.match(fake.recorded.statusItems[0].tooltip, /\d+ high/);
});

test("work-done progress: tokens are strings or numbers, and every begin is ended with the same token", async () => {
  const events = clients[0].progress;
  await eventually("no progress end for the first analysis", () => events.some((e) => e.kind === "end"));
  for (const e of events) {
    assert.ok(typeof e.token === "string" || typeof e.token === "number", `progress token ${JSON.stringify(e.token)} (${e.kind}) is not a string or number`);
  }
  const open = new Set<unknown>();
  for (const e of events) {
    if (e.kind === "begin") {
      open.add(e.token);
    } else if (e.kind === "end") {
      assert.ok(open.delete(e.token), `end without begin for ${JSON.stringify(e.token)}`);
    }
  }
  assert.equal(open.size, 0, "a progress was never ended");
});

test("Show risk summary renders the real summary with links that open main.tf", async () => {
  await vscode.commands.executeCommand(COMMANDS.showRiskSummary);
  const panel = fake.recorded.panels.at(-1)!;
  const html = panel.webview.html;
  assert.match(html, /<code>TM-AWS-EC2-IMDSV1<\/code>/);
  assert.match(html, /EC2 instance allows IMDSv1/);
  assert.match(html, /<code>aws_s3_bucket.logs<\/code>/);
  const link = /data-uri="([^"]*main.tf)" data-line="(\d+)" data-character="(\d+)"/.exec(html);
  assert.ok(link, "a link to main.tf");
  await panel.webview.post({ type: "open", uri: link[1], line: Number(link[2]), character: Number(link[3]) });
  await eventually("no document shown", () => fake.recorded.shownDocuments.length > 0);
  assert.equal(fake.recorded.shownDocuments[0].uri, pathToFileURL(path.join(ws, "main.tf")).href);
});

test("Export threat model writes the server's JSON at the chosen path", async () => {
  const target = path.join(ws, "threat-model.json");
  fake.recorded.saveDialogAnswer = fake.Uri.file(target);
  assert.equal(await vscode.commands.executeCommand(COMMANDS.exportModel), target);
  const model = JSON.parse(fs.readFileSync(target, "utf8"));
  const addresses = model.resources.map((r: { address: string }) => r.address).sort();
  assert.deepEqual(addresses, ["aws_instance.web", "aws_s3_bucket.logs"]);
  assert.ok(model.findings.some((f: { rule?: string; ruleId?: string }) => (f.rule ?? f.ruleId) === "TM-AWS-EC2-IMDSV1"));
  assert.match(fake.recorded.messages.at(-1)!.text, /exported to .*threat-model.json/);
});

test("the code lens command's real answer lists the instance's threats in a quick pick", async () => {
  const uri = pathToFileURL(path.join(ws, "main.tf")).href;
  const result = await clients[0].executeCommand("tm-ls.resourceFindings", [uri, "aws_instance.web"]);
  fake.recorded.quickPickAnswer = (items) => items.find((i: { description: string }) => i.description.startsWith("TM-AWS-EC2-IMDSV1"));
  const shown = fake.recorded.shownDocuments.length;
  await clients[0].hooks!.onResourceFindings(result);
  const qp = fake.recorded.quickPicks.at(-1)!;
  assert.equal(qp.options.title, "tm-ls: threats on aws_instance.web");
  assert.ok(qp.items.some((i: { label: string }) => i.label === "$(error) EC2 instance allows IMDSv1"), JSON.stringify(qp.items));
  assert.equal(fake.recorded.shownDocuments.length, shown + 1);
  assert.equal(fake.recorded.shownDocuments.at(-1)!.uri, uri);
  assert.equal(fake.recorded.shownDocuments.at(-1)!.options.selection.start.line, 1, "the aws_instance header (line 2)");
});

test("Show attack paths follows what the server advertises", async () => {
  const before = fake.recorded.panels.length;
  await vscode.commands.executeCommand(COMMANDS.showAttackPaths);
  if (clients[0].serverCommands().includes("tm-ls.attackPaths")) {
    assert.equal(fake.recorded.panels.length, before + 1, "an attack paths panel");
    assert.match(fake.recorded.panels.at(-1)!.webview.html, /<h1>Attack paths<\/h1>/);
  } else {
    assert.match(fake.recorded.messages.at(-1)!.text, /does not provide attack paths/);
  }
});

test("Restart server: the old process exits cleanly and a new one answers", async () => {
  const old = clients[0];
  await vscode.commands.executeCommand(COMMANDS.restartServer);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const code = await Promise.race([old.exit, new Promise((r) => (timer = setTimeout(() => r("timeout"), 10000)))]);
  clearTimeout(timer);
  assert.equal(code, 0, `old server exit: ${code}; stderr:\n${old.stderr.slice(-2000)}`);
  assert.equal(clients.length, 2);
  const summary = (await clients[1].executeCommand("tm-ls.riskSummary", [])) as { counts: Record<string, number> };
  assert.ok(summary.counts.high >= 1, JSON.stringify(summary));
});

// The tm-ls VS Code extension: starts `tm-ls serve`, wires its commands (export,
// risk summary, attack paths, restart) and keeps a status bar item with the
// workspace's open risk. All outside effects go through `vscode` and an injected
// client factory so that tests drive activation with fakes.
import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import { findServerBinary, FoundBinary } from "./binary";
import { initializationOptions, InitializationOptions, needsRestart, readSettings, serverArgs } from "./settings";
import { parseAttackPaths, parseFindings, parseRiskSummary, renderAttackPathsBody, renderPage, renderRiskSummaryBody, shortLocation, statusBarText } from "./summary";

/** The server commands the extension calls (executeCommand). */
export const SERVER_COMMANDS = {
  riskSummary: "tm-ls.riskSummary",
  exportModel: "tm-ls.exportModel",
  attackPaths: "tm-ls.attackPaths",
} as const;

/** The commands the extension contributes (distinct from the server's, which the client registers). */
export const COMMANDS = {
  exportModel: "tm-ls.exportThreatModel",
  showRiskSummary: "tm-ls.showRiskSummary",
  showAttackPaths: "tm-ls.showAttackPaths",
  restartServer: "tm-ls.restartServer",
} as const;

/** How to start the server process. */
export interface ServerCommand {
  command: string;
  args: string[];
  cwd?: string;
}

/** The part of a language client the extension uses. */
export interface TmLsClient {
  start(): Promise<void>;
  stop(): Promise<void>;
  executeCommand(command: string, args: unknown[]): Promise<unknown>;
  /** The commands the server advertised in initialize (empty before start). */
  serverCommands(): string[];
}

/** What the client calls back into the extension for. */
export interface ClientHooks {
  /** The answer of tm-ls.resourceFindings (run by a code lens). */
  onResourceFindings(result: unknown): Promise<void>;
}

/** Creates (but does not start) a client. */
export type ClientFactory = (server: ServerCommand, init: InitializationOptions, output: vscode.LogOutputChannel, hooks: ClientHooks) => TmLsClient;

/** Outside effects, injected for tests. */
export interface Deps {
  createClient: ClientFactory;
  isExecutable(p: string): boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  /** Delay between a diagnostics change and the status bar refresh (ms). */
  statusDelayMs: number;
  nonce(): string;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function defaultDeps(): Deps {
  return {
    // Loaded lazily: vscode-languageclient needs the real vscode module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    createClient: (...a) => (require("./client") as typeof import("./client")).createLanguageClient(...a),
    isExecutable: isExecutableFile,
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    statusDelayMs: 750,
    nonce: () => {
      const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      let s = "";
      for (let i = 0; i < 32; i++) {
        s += chars.charAt(Math.floor(Math.random() * chars.length));
      }
      return s;
    },
  };
}

/** One activation: the client, its output, the status bar and the panels. */
export class TmLsExtension implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly status: vscode.StatusBarItem;
  client: TmLsClient | undefined;
  binary: FoundBinary | undefined;
  private panels = new Map<string, vscode.WebviewPanel>();
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private disposables: vscode.Disposable[] = [];
  /** Resolves when the pending status refresh (if any) has finished; for tests. */
  statusRefresh: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: Deps,
  ) {
    this.output = vscode.window.createOutputChannel("tm-ls", { log: true });
    this.status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
    this.status.name = "tm-ls risk";
    this.status.command = COMMANDS.showRiskSummary;
    this.status.text = "$(shield) tm-ls";
    this.status.tooltip = "tm-ls: starting";
  }

  private workspaceFolder(): string | undefined {
    const f = vscode.workspace.workspaceFolders;
    return f && f.length > 0 ? f[0].uri.fsPath : undefined;
  }

  /** Registers commands and listeners and starts the server. */
  async activate(): Promise<void> {
    const reg = (id: string, f: (...args: unknown[]) => unknown) => this.disposables.push(vscode.commands.registerCommand(id, f));
    reg(COMMANDS.exportModel, () => this.exportModel());
    reg(COMMANDS.showRiskSummary, () => this.showRiskSummary());
    reg(COMMANDS.showAttackPaths, () => this.showAttackPaths());
    reg(COMMANDS.restartServer, () => this.restart());
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleStatus()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (needsRestart((s) => e.affectsConfiguration(s))) {
          void this.restart();
        }
      }),
    );
    this.status.show();
    await this.start();
  }

  /** Finds the binary, creates the client and starts it; errors are shown, not thrown. */
  async start(): Promise<boolean> {
    const settings = readSettings((key, def) => vscode.workspace.getConfiguration("tm-ls").get(key, def));
    const folder = this.workspaceFolder();
    try {
      this.binary = findServerBinary({
        configuredPath: settings.path,
        extensionPath: this.context.extensionPath,
        workspaceFolder: folder,
        platform: this.deps.platform,
        arch: this.deps.arch,
        envPath: this.deps.env.PATH ?? this.deps.env.Path ?? "",
        envPathExt: this.deps.env.PATHEXT,
        homeDir: os.homedir(),
        isExecutable: (p) => this.deps.isExecutable(p),
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.output.appendLine(msg);
      this.status.text = "$(error) tm-ls";
      this.status.tooltip = msg;
      void vscode.window.showErrorMessage(msg);
      return false;
    }
    this.output.appendLine(`starting ${this.binary.path} (from ${this.binary.source})`);
    const client = this.deps.createClient({ command: this.binary.path, args: serverArgs(settings), cwd: folder }, initializationOptions(settings, folder), this.output, {
      onResourceFindings: (r) => this.showResourceFindings(r),
    });
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      const msg = `tm-ls failed to start: ${e instanceof Error ? e.message : String(e)}`;
      this.output.appendLine(msg);
      this.status.text = "$(error) tm-ls";
      this.status.tooltip = msg;
      void vscode.window.showErrorMessage(msg);
      this.client = undefined;
      return false;
    }
    this.status.tooltip = "tm-ls: analysing";
    this.scheduleStatus();
    return true;
  }

  /** Stops the server (if running) and starts it again with the current settings. */
  async restart(): Promise<boolean> {
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        await old.stop();
      } catch (e) {
        this.output.appendLine(`stopping tm-ls: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return this.start();
  }

  private running(): TmLsClient | undefined {
    if (!this.client) {
      void vscode.window.showErrorMessage("tm-ls is not running (see the tm-ls output).");
    }
    return this.client;
  }

  /** Debounces diagnostics changes into one riskSummary call. */
  scheduleStatus(): void {
    if (this.statusTimer) {
      clearTimeout(this.statusTimer);
    }
    let done: () => void = () => undefined;
    this.statusRefresh = new Promise((r) => (done = r));
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      void this.refreshStatus().finally(done);
    }, this.deps.statusDelayMs);
  }

  /** Asks the server for the risk summary and shows it in the status bar. */
  async refreshStatus(): Promise<void> {
    const client = this.client;
    if (!client) {
      return;
    }
    try {
      const s = parseRiskSummary(await client.executeCommand(SERVER_COMMANDS.riskSummary, []));
      const { text, tooltip } = statusBarText(s);
      this.status.text = text;
      this.status.tooltip = tooltip;
    } catch (e) {
      this.output.appendLine(`risk summary: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Asks for a path and exports the model there through the server. */
  async exportModel(): Promise<string | undefined> {
    const client = this.running();
    if (!client) {
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: "Export threat model",
      defaultUri: folder ? vscode.Uri.joinPath(folder, "threat-model.json") : undefined,
      filters: { JSON: ["json"] },
      saveLabel: "Export",
    });
    if (!target) {
      return undefined;
    }
    try {
      const res = await client.executeCommand(SERVER_COMMANDS.exportModel, [target.fsPath]);
      const o = res !== null && typeof res === "object" ? (res as { resources?: unknown[]; findings?: unknown[] }) : {};
      const counts = Array.isArray(o.resources) && Array.isArray(o.findings) ? ` (${o.resources.length} resources, ${o.findings.length} findings)` : "";
      const pick = await vscode.window.showInformationMessage(`Threat model exported to ${target.fsPath}${counts}.`, "Open");
      if (pick === "Open") {
        await vscode.window.showTextDocument(target);
      }
      return target.fsPath;
    } catch (e) {
      void vscode.window.showErrorMessage(`tm-ls export failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Shows (or refreshes) a webview with the given body; its links open locations. */
  private showPanel(id: string, title: string, body: string): vscode.WebviewPanel {
    let panel = this.panels.get(id);
    if (!panel) {
      panel = vscode.window.createWebviewPanel(id, title, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      const p = panel;
      this.panels.set(id, p);
      p.onDidDispose(() => this.panels.delete(id));
      p.webview.onDidReceiveMessage((m: unknown) => this.openLocation(m));
    } else {
      panel.reveal(vscode.ViewColumn.Beside);
    }
    panel.webview.html = renderPage(title, body, this.deps.nonce(), panel.webview.cspSource);
    return panel;
  }

  /** Handles {type: "open", uri, line, character} from a webview. */
  async openLocation(m: unknown): Promise<void> {
    const msg = m as { type?: unknown; uri?: unknown; line?: unknown; character?: unknown };
    if (msg?.type !== "open" || typeof msg.uri !== "string") {
      return;
    }
    const line = typeof msg.line === "number" && msg.line >= 0 ? msg.line : 0;
    const ch = typeof msg.character === "number" && msg.character >= 0 ? msg.character : 0;
    const pos = new vscode.Position(line, ch);
    await vscode.window.showTextDocument(vscode.Uri.parse(msg.uri), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
  }

  /** tm-ls: Show risk summary. */
  async showRiskSummary(): Promise<vscode.WebviewPanel | undefined> {
    const client = this.running();
    if (!client) {
      return undefined;
    }
    try {
      const s = parseRiskSummary(await client.executeCommand(SERVER_COMMANDS.riskSummary, []));
      const { text, tooltip } = statusBarText(s);
      this.status.text = text;
      this.status.tooltip = tooltip;
      return this.showPanel("tm-ls.riskSummary", "tm-ls: Risk summary", renderRiskSummaryBody(s));
    } catch (e) {
      void vscode.window.showErrorMessage(`tm-ls risk summary failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Lists a resource's findings (from a code lens) in a quick pick; the chosen one is opened. */
  async showResourceFindings(result: unknown): Promise<void> {
    let findings;
    try {
      findings = parseFindings(result);
    } catch (e) {
      this.output.appendLine(`resource findings: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (findings.length === 0) {
      void vscode.window.showInformationMessage("tm-ls: no threats on this resource.");
      return;
    }
    const items = findings.map((f) => ({
      label: `${f.severity === "critical" || f.severity === "high" ? "$(error)" : "$(warning)"} ${f.title}`,
      description: `${f.ruleId} · ${f.severity} · residual ${Math.round(f.residual * 10) / 10}`,
      detail: f.location ? `${f.resource} — ${shortLocation(f.location)}` : f.resource,
      finding: f,
    }));
    const pick = await vscode.window.showQuickPick(items, { title: `tm-ls: threats on ${findings[0].resource}`, matchOnDescription: true });
    const loc = pick?.finding.location;
    if (loc) {
      await this.openLocation({ type: "open", uri: loc.uri, line: loc.range.start.line, character: loc.range.start.character });
    }
  }

  /** tm-ls: Show attack paths (when the server provides them). */
  async showAttackPaths(): Promise<vscode.WebviewPanel | undefined> {
    const client = this.running();
    if (!client) {
      return undefined;
    }
    if (!client.serverCommands().includes(SERVER_COMMANDS.attackPaths)) {
      void vscode.window.showWarningMessage("This tm-ls server does not provide attack paths (tm-ls.attackPaths); update tm-ls.");
      return undefined;
    }
    try {
      const paths = parseAttackPaths(await client.executeCommand(SERVER_COMMANDS.attackPaths, []));
      return this.showPanel("tm-ls.attackPaths", "tm-ls: Attack paths", renderAttackPathsBody(paths));
    } catch (e) {
      void vscode.window.showErrorMessage(`tm-ls attack paths failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Stops the server and releases everything. */
  async stop(): Promise<void> {
    if (this.statusTimer) {
      clearTimeout(this.statusTimer);
      this.statusTimer = undefined;
    }
    const c = this.client;
    this.client = undefined;
    if (c) {
      await c.stop();
    }
  }

  dispose(): void {
    void this.stop();
    for (const p of this.panels.values()) {
      p.dispose();
    }
    for (const d of this.disposables) {
      d.dispose();
    }
    this.status.dispose();
    this.output.dispose();
  }
}

let current: TmLsExtension | undefined;

/** Activates with injected effects (tests) or the real ones. */
export async function activateWith(context: vscode.ExtensionContext, deps: Partial<Deps> = {}): Promise<TmLsExtension> {
  const ext = new TmLsExtension(context, { ...defaultDeps(), ...deps });
  context.subscriptions.push(ext);
  current = ext;
  await ext.activate();
  return ext;
}

/** VS Code entry point. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await activateWith(context);
}

/** VS Code entry point: stops the server. */
export async function deactivate(): Promise<void> {
  const c = current;
  current = undefined;
  if (c) {
    await c.stop();
  }
}

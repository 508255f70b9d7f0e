// A small stand-in for the parts of the `vscode` API the extension uses. It records
// what the extension does (commands registered, messages shown, documents opened,
// webview HTML) so that tests can assert on it. Loaded in place of "vscode" by
// register-fake-vscode.ts.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as path from "path";
import { pathToFileURL, fileURLToPath } from "url";

export class Disposable {
  constructor(private readonly f: () => void = () => undefined) {}
  dispose(): void {
    this.f();
  }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  event = (l: (e: T) => unknown): Disposable => {
    this.listeners.push(l);
    return new Disposable(() => (this.listeners = this.listeners.filter((x) => x !== l)));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) {
      l(e);
    }
  }
  get count(): number {
    return this.listeners.length;
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
    private readonly raw: string,
  ) {}
  static file(p: string): Uri {
    return new Uri("file", path.resolve(p), pathToFileURL(path.resolve(p)).href);
  }
  static parse(s: string): Uri {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ""), u.protocol === "file:" ? fileURLToPath(u) : "", s);
  }
  static joinPath(base: Uri, ...segs: string[]): Uri {
    return Uri.file(path.join(base.fsPath, ...segs));
  }
  toString(): string {
    return this.raw;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}

export interface FakePanel {
  viewType: string;
  title: string;
  webview: { html: string; cspSource: string; onDidReceiveMessage: (l: (m: unknown) => unknown) => Disposable; post(m: unknown): Promise<void> };
  reveal(): void;
  revealed: number;
  onDidDispose: (l: () => void) => Disposable;
  dispose(): void;
  disposed: boolean;
}

/** Everything the fake records, reset between tests. */
export const recorded = {
  commands: new Map<string, (...args: any[]) => any>(),
  messages: [] as { level: "info" | "warning" | "error"; text: string; items: string[] }[],
  /** What showInformationMessage & co. answer (an item label or undefined). */
  messageAnswer: undefined as string | undefined,
  /** What showSaveDialog answers. */
  saveDialogAnswer: undefined as Uri | undefined,
  saveDialogOptions: [] as any[],
  quickPicks: [] as { items: any[]; options: any }[],
  /** Chooses from a quick pick (default: cancels). */
  quickPickAnswer: ((_items: any[]) => undefined) as (items: any[]) => any,
  shownDocuments: [] as { uri: string; options: any }[],
  panels: [] as FakePanel[],
  statusItems: [] as any[],
  output: [] as string[],
  config: {} as Record<string, unknown>,
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
};

export const onDidChangeDiagnosticsEmitter = new EventEmitter<unknown>();
export const onDidChangeConfigurationEmitter = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();

/** Clears the recordings between tests. */
export function reset(): void {
  recorded.commands.clear();
  recorded.messages.length = 0;
  recorded.messageAnswer = undefined;
  recorded.saveDialogAnswer = undefined;
  recorded.saveDialogOptions.length = 0;
  recorded.quickPicks.length = 0;
  recorded.quickPickAnswer = () => undefined;
  recorded.shownDocuments.length = 0;
  recorded.panels.length = 0;
  recorded.statusItems.length = 0;
  recorded.output.length = 0;
  recorded.config = {};
  recorded.workspaceFolders = undefined;
}

function message(level: "info" | "warning" | "error") {
  return async (text: string, ...items: string[]): Promise<string | undefined> => {
    recorded.messages.push({ level, text, items });
    return recorded.messageAnswer;
  };
}

export const window = {
  createOutputChannel(name: string) {
    const line = (s: string) => recorded.output.push(s);
    return { name, appendLine: line, append: line, info: line, warn: line, error: line, debug: line, trace: line, show() {}, clear() {}, dispose() {} };
  },
  createStatusBarItem(alignment: StatusBarAlignment, priority: number) {
    const item = { alignment, priority, text: "", tooltip: "", command: undefined as unknown, name: "", visible: false, show() { item.visible = true; }, hide() { item.visible = false; }, dispose() { item.visible = false; } };
    recorded.statusItems.push(item);
    return item;
  },
  showInformationMessage: message("info"),
  showWarningMessage: message("warning"),
  showErrorMessage: message("error"),
  async showSaveDialog(options: any): Promise<Uri | undefined> {
    recorded.saveDialogOptions.push(options);
    return recorded.saveDialogAnswer;
  },
  async showQuickPick(items: any[], options?: any): Promise<any> {
    recorded.quickPicks.push({ items, options });
    return recorded.quickPickAnswer(items);
  },
  async showTextDocument(uri: Uri, options?: any): Promise<unknown> {
    recorded.shownDocuments.push({ uri: uri.toString(), options });
    return {};
  },
  createWebviewPanel(viewType: string, title: string): FakePanel {
    const messages = new EventEmitter<unknown>();
    const disposed = new EventEmitter<void>();
    const panel: FakePanel = {
      viewType,
      title,
      webview: {
        html: "",
        cspSource: "vscode-webview://fake",
        onDidReceiveMessage: messages.event,
        async post(m: unknown) {
          messages.fire(m);
        },
      },
      revealed: 0,
      reveal() {
        panel.revealed++;
      },
      onDidDispose: disposed.event,
      disposed: false,
      dispose() {
        panel.disposed = true;
        disposed.fire();
      },
    };
    recorded.panels.push(panel);
    return panel;
  },
};

export const commands = {
  registerCommand(id: string, f: (...args: any[]) => any): Disposable {
    if (recorded.commands.has(id)) {
      throw new Error(`command '${id}' already exists`);
    }
    recorded.commands.set(id, f);
    return new Disposable(() => recorded.commands.delete(id));
  },
  async executeCommand(id: string, ...args: any[]): Promise<any> {
    const f = recorded.commands.get(id);
    if (!f) {
      throw new Error(`command '${id}' not found`);
    }
    return f(...args);
  },
};

export const workspace = {
  get workspaceFolders() {
    return recorded.workspaceFolders;
  },
  getConfiguration(section: string) {
    return {
      get<T>(key: string, def: T): T {
        const k = `${section}.${key}`;
        return k in recorded.config ? (recorded.config[k] as T) : def;
      },
    };
  },
  onDidChangeConfiguration: onDidChangeConfigurationEmitter.event,
};

export const languages = {
  onDidChangeDiagnostics: onDidChangeDiagnosticsEmitter.event,
};

// Finding the tm-ls binary: the `tm-ls.path` setting, else `tm-ls` on PATH, else
// the binary bundled in the extension at bin/<platform>-<arch>/tm-ls. Kept free of
// the vscode API so that every branch is unit-tested with a fake file system.
import * as path from "path";
import * as os from "os";

/** Where the binary that will be started came from (shown in the output channel). */
export type BinarySource = "setting" | "path" | "bundled";

/** The result of a successful lookup. */
export interface FoundBinary {
  path: string;
  source: BinarySource;
}

/** Everything the lookup reads from the outside world, injected for tests. */
export interface BinaryLookup {
  /** Value of the `tm-ls.path` setting ("" when unset). */
  configuredPath: string;
  /** The extension's install folder (context.extensionPath). */
  extensionPath: string;
  /** First workspace folder, used to resolve a relative `tm-ls.path`. */
  workspaceFolder?: string;
  platform: NodeJS.Platform;
  arch: string;
  /** The PATH environment variable. */
  envPath: string;
  /** PATHEXT on Windows (".EXE;.CMD;..."). */
  envPathExt?: string;
  /** The user's home directory, for `~/` in the setting. */
  homeDir?: string;
  /** True when the path is an existing regular file the user may execute. */
  isExecutable(p: string): boolean;
}

/** The binary's file name on this platform. */
export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "tm-ls.exe" : "tm-ls";
}

/** The folder name for a bundled binary, e.g. "linux-x64" or "darwin-arm64". */
export function platformDir(platform: NodeJS.Platform, arch: string): string {
  return `${platform}-${arch}`;
}

/** Where `npm run package` places the bundled binary inside the extension. */
export function bundledBinaryPath(extensionPath: string, platform: NodeJS.Platform, arch: string): string {
  return path.join(extensionPath, "bin", platformDir(platform, arch), binaryName(platform));
}

/** Resolves `~` and relative paths of the `tm-ls.path` setting. */
export function expandConfiguredPath(configured: string, workspaceFolder: string | undefined, homeDir: string | undefined): string {
  let p = configured.trim();
  const home = homeDir ?? os.homedir();
  if (p === "~") {
    p = home;
  } else if (p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(home, p.slice(2));
  }
  if (!path.isAbsolute(p) && workspaceFolder) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

/**
 * Finds the binary to start. A set but unusable `tm-ls.path` is an error rather
 * than a silent fall back to another binary: the user asked for that one.
 */
export function findServerBinary(l: BinaryLookup): FoundBinary {
  if (l.configuredPath.trim() !== "") {
    const p = expandConfiguredPath(l.configuredPath, l.workspaceFolder, l.homeDir);
    if (l.isExecutable(p)) {
      return { path: p, source: "setting" };
    }
    throw new Error(`tm-ls.path is set to "${l.configuredPath}" but ${p} is not an executable file`);
  }
  const onPath = searchPath(l);
  if (onPath) {
    return { path: onPath, source: "path" };
  }
  const bundled = bundledBinaryPath(l.extensionPath, l.platform, l.arch);
  if (l.isExecutable(bundled)) {
    return { path: bundled, source: "bundled" };
  }
  throw new Error(
    `tm-ls was not found: set "tm-ls.path", put tm-ls on PATH, or install the extension build for ${platformDir(l.platform, l.arch)} (no ${bundled})`,
  );
}

function searchPath(l: BinaryLookup): string | undefined {
  const sep = l.platform === "win32" ? ";" : ":";
  const exts = l.platform === "win32" ? (l.envPathExt || ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e !== "") : [""];
  const join = l.platform === "win32" ? path.win32.join : path.posix.join;
  for (const dir of l.envPath.split(sep)) {
    if (dir === "") {
      continue; // an empty entry means the current directory, which an editor should never trust
    }
    for (const ext of exts) {
      const candidate = join(dir, "tm-ls" + ext.toLowerCase());
      if (l.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

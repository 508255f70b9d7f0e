// The extension's settings and how they become the server's command line and
// initializationOptions. Pure functions: the vscode API is read in extension.ts.
import * as path from "path";

/** Severities in increasing order, as the server names them. */
export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Log levels the server accepts for --log-level. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The `tm-ls.*` settings after validation. */
export interface TmLsSettings {
  path: string;
  minimumSeverity: Severity;
  frameworks: string[];
  ruleDirectories: string[];
  logLevel: LogLevel;
  traceServer: "off" | "messages" | "verbose";
}

/** Reads one setting; mirrors WorkspaceConfiguration.get(section, default). */
export type SettingGetter = <T>(key: string, defaultValue: T) => T;

/** The options sent to the server in initialize.initializationOptions. */
export interface InitializationOptions {
  minimumSeverity: Severity;
  frameworks: string[];
  ruleDirectories: string[];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/** Reads and validates the settings; a wrong type falls back to the default. */
export function readSettings(get: SettingGetter): TmLsSettings {
  const p = get<unknown>("path", "");
  return {
    path: typeof p === "string" ? p : "",
    minimumSeverity: oneOf(get<unknown>("minimumSeverity", "low"), SEVERITIES, "low"),
    frameworks: stringList(get<unknown>("frameworks", [])),
    ruleDirectories: stringList(get<unknown>("ruleDirectories", [])),
    logLevel: oneOf(get<unknown>("logLevel", "info"), LOG_LEVELS, "info"),
    traceServer: oneOf(get<unknown>("trace.server", "off"), ["off", "messages", "verbose"] as const, "off"),
  };
}

/** The arguments of `tm-ls serve`. */
export function serverArgs(s: TmLsSettings, logFile?: string): string[] {
  const args = ["serve", "--log-level", s.logLevel];
  if (logFile) {
    args.push("--log-file", logFile);
  }
  return args;
}

/** initializationOptions, with rule directories made absolute from the workspace folder. */
export function initializationOptions(s: TmLsSettings, workspaceFolder: string | undefined): InitializationOptions {
  return {
    minimumSeverity: s.minimumSeverity,
    frameworks: [...s.frameworks],
    ruleDirectories: s.ruleDirectories.map((d) => (path.isAbsolute(d) || !workspaceFolder ? d : path.join(workspaceFolder, d))),
  };
}

/** Settings whose change needs a server restart (the rest are read per request). */
export function needsRestart(changed: (section: string) => boolean): boolean {
  return ["tm-ls.path", "tm-ls.minimumSeverity", "tm-ls.frameworks", "tm-ls.ruleDirectories", "tm-ls.logLevel"].some(changed);
}

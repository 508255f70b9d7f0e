import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { initializationOptions, needsRestart, readSettings, serverArgs, SettingGetter } from "../src/settings";

function getter(values: Record<string, unknown>): SettingGetter {
  return <T>(key: string, def: T): T => (key in values ? (values[key] as T) : def);
}

test("defaults when nothing is set", () => {
  const s = readSettings(getter({}));
  assert.deepEqual(s, { path: "", minimumSeverity: "low", frameworks: [], ruleDirectories: [], logLevel: "info", traceServer: "off" });
  assert.deepEqual(serverArgs(s), ["serve", "--log-level", "info"]);
});

test("settings become server args and initializationOptions", () => {
  const s = readSettings(
    getter({ minimumSeverity: "high", frameworks: ["pci-dss-4.0", " dora ", 7, ""], ruleDirectories: ["rules/org", "/abs/pack"], logLevel: "debug", "trace.server": "verbose" }),
  );
  assert.equal(s.traceServer, "verbose");
  assert.deepEqual(serverArgs(s, "/tmp/tm-ls.log"), ["serve", "--log-level", "debug", "--log-file", "/tmp/tm-ls.log"]);
  assert.deepEqual(initializationOptions(s, "/ws"), {
    minimumSeverity: "high",
    frameworks: ["pci-dss-4.0", "dora"],
    ruleDirectories: [path.join("/ws", "rules/org"), "/abs/pack"],
  });
});

test("invalid values fall back to defaults instead of reaching the server", () => {
  const s = readSettings(getter({ minimumSeverity: "urgent", logLevel: 3, frameworks: "pci", path: 42 }));
  assert.equal(s.minimumSeverity, "low");
  assert.equal(s.logLevel, "info");
  assert.deepEqual(s.frameworks, []);
  assert.equal(s.path, "");
});

test("only server-relevant settings restart the server", () => {
  assert.equal(needsRestart((s) => s === "tm-ls.frameworks"), true);
  assert.equal(needsRestart((s) => s === "tm-ls.path"), true);
  assert.equal(needsRestart((s) => s === "tm-ls.trace.server"), false);
  assert.equal(needsRestart((s) => s === "editor.fontSize"), false);
});

import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { BinaryLookup, bundledBinaryPath, expandConfiguredPath, findServerBinary } from "../src/binary";

function lookup(executables: string[], over: Partial<BinaryLookup> = {}): BinaryLookup {
  const set = new Set(executables);
  return {
    configuredPath: "",
    extensionPath: "/ext",
    platform: "linux",
    arch: "x64",
    envPath: "/usr/local/bin:/usr/bin",
    homeDir: "/home/u",
    isExecutable: (p) => set.has(p),
    ...over,
  };
}

test("the tm-ls.path setting wins over PATH and the bundled binary", () => {
  const found = findServerBinary(lookup(["/opt/tm-ls", "/usr/bin/tm-ls", "/ext/bin/linux-x64/tm-ls"], { configuredPath: "/opt/tm-ls" }));
  assert.deepEqual(found, { path: "/opt/tm-ls", source: "setting" });
});

test("a relative or ~ setting is resolved from the workspace folder or home", () => {
  assert.equal(expandConfiguredPath("bin/tm-ls", "/ws", "/home/u"), path.join("/ws", "bin/tm-ls"));
  assert.equal(expandConfiguredPath("~/go/bin/tm-ls", "/ws", "/home/u"), path.join("/home/u", "go/bin/tm-ls"));
  const found = findServerBinary(lookup(["/ws/bin/tm-ls"], { configuredPath: "bin/tm-ls", workspaceFolder: "/ws" }));
  assert.equal(found.path, "/ws/bin/tm-ls");
});

test("a set but missing tm-ls.path is an error naming it, not a silent fallback", () => {
  assert.throws(() => findServerBinary(lookup(["/usr/bin/tm-ls"], { configuredPath: "/nope/tm-ls" })), /tm-ls\.path is set to "\/nope\/tm-ls"/);
});

test("PATH is searched in order, skipping empty entries", () => {
  assert.deepEqual(findServerBinary(lookup(["/usr/bin/tm-ls", "/usr/local/bin/tm-ls"])), { path: "/usr/local/bin/tm-ls", source: "path" });
  assert.deepEqual(findServerBinary(lookup(["tm-ls", "/usr/bin/tm-ls"], { envPath: ":/usr/bin" })), { path: "/usr/bin/tm-ls", source: "path" });
});

test("the bundled binary is used when nothing else is found", () => {
  const bundled = bundledBinaryPath("/ext", "linux", "x64");
  assert.equal(bundled, path.join("/ext", "bin", "linux-x64", "tm-ls"));
  assert.deepEqual(findServerBinary(lookup([bundled])), { path: bundled, source: "bundled" });
});

test("windows: PATHEXT and tm-ls.exe in the bundle", () => {
  const found = findServerBinary(lookup(["C:\\tools\\tm-ls.exe"], { platform: "win32", envPath: "C:\\Windows;C:\\tools", envPathExt: ".COM;.EXE" }));
  assert.deepEqual(found, { path: "C:\\tools\\tm-ls.exe", source: "path" });
  assert.match(bundledBinaryPath("/ext", "win32", "x64"), /win32-x64[\\/]tm-ls\.exe$/);
});

test("nothing found: the error says what to do", () => {
  assert.throws(() => findServerBinary(lookup([])), /set "tm-ls.path", put tm-ls on PATH.*linux-x64/);
});

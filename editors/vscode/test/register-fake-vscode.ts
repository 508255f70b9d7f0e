// Preloaded with `node --require`: makes require("vscode") load the fake module.
import Module from "module";
import * as path from "path";

const fake = path.join(__dirname, "fake-vscode.js");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const m = Module as any;
const original = m._resolveFilename;
m._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === "vscode") {
    return fake;
  }
  return original.call(this, request, ...rest);
};

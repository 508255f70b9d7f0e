// Loads the esbuild bundle (dist/extension.js) with the fake vscode module and checks
// that it exports activate/deactivate: catches bundling mistakes that unit tests on
// the compiled sources cannot see. Run with --require ./out/test/register-fake-vscode.js.
const path = require("path");
const ext = require(path.resolve(__dirname, "..", "dist", "extension.js"));
for (const name of ["activate", "deactivate"]) {
  if (typeof ext[name] !== "function") {
    console.error(`dist/extension.js does not export ${name}()`);
    process.exit(1);
  }
}
console.log("dist/extension.js loads and exports activate/deactivate");

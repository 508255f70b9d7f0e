// npm run package: bundles bin/tm-ls for this platform (when built) and runs vsce.
// With a bundled server the .vsix is marked for this platform (--target linux-x64 …),
// since the binary only runs there; without one it is universal and uses tm-ls on PATH.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, [path.join(root, "scripts", "bundle-binary.mjs")], { stdio: "inherit", cwd: root });
const target = `${process.platform}-${process.arch}`;
const bundled = fs.existsSync(path.join(root, "bin", target));
const args = ["package", "--no-dependencies", "--skip-license", "--out", "tm-ls.vsix"];
if (bundled) {
  args.push("--target", target);
}
const vsce = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
execFileSync(vsce, args, { stdio: "inherit", cwd: root });

// Copies the repository's bin/tm-ls (built by `make build`) into
// bin/<platform>-<arch>/ so that the .vsix carries a server for this platform.
// Without a built binary the package still builds and finds tm-ls on PATH.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const exe = process.platform === "win32" ? "tm-ls.exe" : "tm-ls";
const src = process.env.TM_LS_BINARY || path.resolve(here, "..", "..", "..", "bin", exe);
const dstDir = path.resolve(here, "..", "bin", `${process.platform}-${process.arch}`);

fs.rmSync(path.resolve(here, "..", "bin"), { recursive: true, force: true });
if (!fs.existsSync(src)) {
  console.log(`bundle-binary: ${src} not found; packaging without a bundled server`);
  process.exit(0);
}
fs.mkdirSync(dstDir, { recursive: true });
fs.copyFileSync(src, path.join(dstDir, exe));
fs.chmodSync(path.join(dstDir, exe), 0o755);
console.log(`bundle-binary: ${src} -> ${path.relative(process.cwd(), path.join(dstDir, exe))}`);

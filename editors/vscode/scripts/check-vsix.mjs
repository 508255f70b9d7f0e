// Checks the packaged .vsix: the bundled extension and its contributions are in it,
// no sources, tests or node_modules are, and the tm-ls binary for this platform is
// bundled when the repository's bin/tm-ls exists. Reads the zip's central directory.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const vsix = process.argv[2] || path.resolve(here, "..", "tm-ls.vsix");
const buf = fs.readFileSync(vsix);

const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (eocd < 0) {
  throw new Error(`${vsix}: not a zip file`);
}
const count = buf.readUInt16LE(eocd + 10);
let off = buf.readUInt32LE(eocd + 16);
const names = [];
for (let i = 0; i < count; i++) {
  if (buf.readUInt32LE(off) !== 0x02014b50) {
    throw new Error(`${vsix}: bad central directory entry ${i}`);
  }
  const n = buf.readUInt16LE(off + 28);
  const x = buf.readUInt16LE(off + 30);
  const c = buf.readUInt16LE(off + 32);
  names.push(buf.toString("utf8", off + 46, off + 46 + n));
  off += 46 + n + x + c;
}

const problems = [];
for (const need of ["extension/package.json", "extension/dist/extension.js", "extension/syntaxes/tm-hcl.tmLanguage.json", "extension/snippets/tm-hcl.json", "extension/language-configuration.json"]) {
  if (!names.includes(need)) {
    problems.push(`missing ${need}`);
  }
}
for (const n of names) {
  if (/node_modules\/|\/src\/|\/test\/|\/out\/|\.ts$|\.map$/.test(n)) {
    problems.push(`should not be packaged: ${n}`);
  }
}
const exe = process.platform === "win32" ? "tm-ls.exe" : "tm-ls";
const repoBin = path.resolve(here, "..", "..", "..", "bin", exe);
const bundled = `extension/bin/${process.platform}-${process.arch}/${exe}`;
if (fs.existsSync(repoBin) && !names.includes(bundled)) {
  problems.push(`missing the bundled server ${bundled}`);
}
if (problems.length > 0) {
  console.error(`${vsix}:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${path.basename(vsix)}: ${names.length} files, ${(buf.length / 1024).toFixed(0)} KiB${names.includes(bundled) ? `, bundles ${bundled}` : ""}`);

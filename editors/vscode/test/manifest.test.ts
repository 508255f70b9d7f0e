// The package manifest, grammar and snippets: what VS Code reads without running
// our code. The grammar is tokenised with the same TextMate engine VS Code uses.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const root = path.join(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

test("activates on Terraform and threat-model files", () => {
  for (const ev of ["onLanguage:terraform", "onLanguage:tm-hcl", "workspaceContains:**/*.tf", "workspaceContains:**/*.tm.hcl"]) {
    assert.ok(manifest.activationEvents.includes(ev), ev);
  }
  const lang = manifest.contributes.languages.find((l: { id: string }) => l.id === "tm-hcl");
  assert.deepEqual(lang.extensions, [".tm.hcl"]);
  assert.ok(fs.existsSync(path.join(root, lang.configuration)));
});

test("engines.vscode satisfies vscode-languageclient 11 and matches @types/vscode", () => {
  assert.equal(manifest.engines.vscode, "^1.91.0");
  assert.equal(manifest.dependencies["vscode-languageclient"], "11.0.0");
  assert.equal(manifest.devDependencies["@types/vscode"], "1.91.0");
});

test("every setting the extension reads is contributed", () => {
  const props = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(props, ["tm-ls.frameworks", "tm-ls.logLevel", "tm-ls.minimumSeverity", "tm-ls.path", "tm-ls.ruleDirectories", "tm-ls.trace.server"]);
});

test("snippets exist for every DSL block", () => {
  const file = manifest.contributes.snippets[0].path;
  const snippets = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
  const prefixes = Object.values(snippets).map((s) => (s as { prefix: string }).prefix);
  for (const b of ["model", "data", "boundary", "actor", "component", "flow", "control", "accept"]) {
    assert.ok(prefixes.includes(b), b);
    const body = (snippets[b] as { body: string[] }).body.join("\n");
    assert.match(body, new RegExp(`^${b} "\\$\\{1:`), `${b} snippet starts with the block and a label placeholder`);
    assert.equal((body.match(/\{/g) ?? []).length - (body.match(/\$\{/g) ?? []).length, (body.match(/\}/g) ?? []).length - (body.match(/\$\{[^}]*\}/g) ?? []).length, `${b}: braces balance`);
  }
});

async function grammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const reg = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope !== "source.tm-hcl") {
        return null;
      }
      const g = manifest.contributes.grammars[0];
      return vsctm.parseRawGrammar(fs.readFileSync(path.join(root, g.path), "utf8"), path.join(root, g.path));
    },
  });
  const g = await reg.loadGrammar("source.tm-hcl");
  assert.ok(g, "grammar loads");
  return g;
}

function tokens(g: vsctm.IGrammar, text: string): { text: string; scopes: string[] }[] {
  let stack = vsctm.INITIAL;
  const out: { text: string; scopes: string[] }[] = [];
  for (const line of text.split("\n")) {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
  }
  return out;
}

function scopeOf(toks: { text: string; scopes: string[] }[], text: string, nth = 0): string[] {
  const t = toks.filter((x) => x.text === text).at(nth);
  assert.ok(t, `token ${JSON.stringify(text)} found in ${JSON.stringify(toks.map((x) => x.text))}`);
  return t.scopes;
}

test("the grammar tokenises a threat model", async () => {
  const g = await grammar();
  const toks = tokens(
    g,
    [
      "# tm:ignore:TM-AWS-S3-LOGGING logs bucket",
      'component "api" {',
      '  kind      = "service"',
      "  boundary  = boundary.vpc",
      "  terraform = [aws_lb.api]",
      '  note      = "id ${var.x}"',
      "  count     = 3",
      "  public    = true",
      "}",
    ].join("\n"),
  );
  assert.ok(scopeOf(toks, "component").includes("keyword.other.block.tm-hcl"));
  assert.ok(scopeOf(toks, '"api"').includes("entity.name.label.tm-hcl"));
  assert.ok(scopeOf(toks, "kind").includes("variable.other.property.tm-hcl"));
  assert.ok(scopeOf(toks, "service").includes("string.quoted.double.tm-hcl"));
  assert.ok(scopeOf(toks, "boundary").includes("variable.other.property.tm-hcl"));
  assert.ok(scopeOf(toks, "boundary", 1).includes("keyword.other.reference.tm-hcl"));
  assert.ok(scopeOf(toks, "vpc").includes("variable.other.reference.tm-hcl"));
  assert.ok(scopeOf(toks, "aws_lb").includes("support.type.terraform-resource.tm-hcl"));
  assert.ok(scopeOf(toks, "${").includes("punctuation.section.interpolation.begin.tm-hcl"));
  assert.ok(scopeOf(toks, "3").includes("constant.numeric.tm-hcl"));
  assert.ok(scopeOf(toks, "true").includes("constant.language.tm-hcl"));
  assert.ok(scopeOf(toks, "tm:ignore:TM-AWS-S3-LOGGING").includes("keyword.other.suppression.tm-hcl"));
  assert.ok(scopeOf(toks, "}", -1).includes("punctuation.section.block.end.tm-hcl"));
});

test("the grammar handles heredocs and block comments without leaking state", async () => {
  const g = await grammar();
  const toks = tokens(g, ['accept "R" {', "  reason = <<-EOT", "    multi ${x}", "  EOT", "  /* c */", '  until = "2027-01-01"', "}"].join("\n"));
  assert.ok(scopeOf(toks, "    multi ").includes("string.unquoted.heredoc.tm-hcl"));
  assert.ok(scopeOf(toks, " c ").includes("comment.block.tm-hcl"));
  assert.ok(scopeOf(toks, "until").includes("variable.other.property.tm-hcl"), "heredoc closed");
  assert.ok(!scopeOf(toks, "until").includes("string.unquoted.heredoc.tm-hcl"));
});

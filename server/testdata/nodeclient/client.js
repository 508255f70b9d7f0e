// An independent LSP client for tm-ls, built on the npm packages VS Code itself
// uses (vscode-jsonrpc, vscode-languageserver-protocol). It drives the real binary:
// open → diagnostics → hover → code action → apply the edit → diagnostics cleared
// → shutdown/exit, and exits non-zero on the first failed expectation.
//
// Usage: node client.js path/to/tm-ls
'use strict';

const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const url = require('url');
const rpc = require('vscode-jsonrpc/node');
const P = require('vscode-languageserver-protocol');

const bin = path.resolve(process.argv[2] || '../../../bin/tm-ls');
const TIMEOUT_MS = 30000;

function fail(msg) {
  console.error(`FAIL: ${msg}`);
  process.exit(1);
}

function check(cond, msg) {
  if (!cond) fail(msg);
  console.log(`ok - ${msg}`);
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS); }),
  ]).finally(() => clearTimeout(timer));
}

// Offsets in JS strings are UTF-16 code units, exactly LSP's positions.
function offsetAt(text, pos) {
  let off = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  let end = text.indexOf('\n', off);
  if (end < 0) end = text.length;
  if (end > off && text[end - 1] === '\r') end--;
  return Math.min(off + pos.character, end);
}

function applyEdits(text, edits) {
  const spans = edits.map((e, i) => ({ s: offsetAt(text, e.range.start), e: offsetAt(text, e.range.end), t: e.newText, i }));
  spans.sort((a, b) => b.s - a.s || b.i - a.i);
  for (const sp of spans) text = text.slice(0, sp.s) + sp.t + text.slice(sp.e);
  return text;
}

async function main() {
  if (!fs.existsSync(bin)) fail(`no tm-ls binary at ${bin} (run make build)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-ls-node-'));
  const file = path.join(root, 'main.tf');
  const uri = url.pathToFileURL(file).href;
  const text0 = [
    '# é and 🔒 make UTF-16 columns differ from bytes',
    'resource "aws_instance" "web" {',
    '  ami           = "ami-123"',
    '  instance_type = "t3.micro"',
    '  tags = { Name = "wéb 🔒" }',
    '}',
    '',
  ].join('\n');
  fs.writeFileSync(file, text0);

  const proc = cp.spawn(bin, ['serve', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));

  const latest = new Map();
  const waiters = [];
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    latest.set(p.uri, p);
    for (const w of waiters.slice()) {
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  conn.onRequest(P.RegistrationRequest.type, () => null);
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onNotification(P.WorkDoneProgress.type, () => {});
  conn.listen();

  function waitDiagnostics(pred, what) {
    const cur = latest.get(uri);
    if (cur && pred(cur)) return Promise.resolve(cur);
    return withTimeout(new Promise((resolve) => waiters.push({ uri, pred, resolve })), what);
  }
  const has = (code) => (p) => p.diagnostics.some((d) => d.code === code);

  const init = await withTimeout(conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    rootUri: url.pathToFileURL(root).href,
    workspaceFolders: [{ uri: url.pathToFileURL(root).href, name: 'node' }],
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
    },
  }), 'initialize');
  check(init.capabilities.textDocumentSync.change === P.TextDocumentSyncKind.Incremental, 'incremental sync advertised');
  check(init.capabilities.hoverProvider === true, 'hover advertised');
  await conn.sendNotification(P.InitializedNotification.type, {});

  let version = 1;
  let text = text0;
  await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version, text } });

  const pub = await waitDiagnostics(has('TM-AWS-EC2-IMDSV1'), 'IMDSv1 diagnostic');
  const diag = pub.diagnostics.find((d) => d.code === 'TM-AWS-EC2-IMDSV1');
  check(diag.severity === P.DiagnosticSeverity.Error, 'IMDSv1 is an error (high severity)');
  check(diag.source === 'tm-ls' && diag.codeDescription && diag.codeDescription.href.endsWith('#tm-aws-ec2-imdsv1'), 'source and rule link');
  check(diag.range.start.line === 1, 'diagnostic on the resource header');
  check(pub.version === 1, 'diagnostics carry the document version');

  const hover = await withTimeout(conn.sendRequest(P.HoverRequest.type, { textDocument: { uri }, position: diag.range.start }), 'hover');
  check(hover && hover.contents.kind === 'markdown' && hover.contents.value.includes('EC2 instance allows IMDSv1'), 'hover shows the rule title');
  check(hover.contents.value.includes('Recommended control'), 'hover shows the recommended control');

  const actions = await withTimeout(conn.sendRequest(P.CodeActionRequest.type, {
    textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] },
  }), 'codeAction');
  const fix = actions.find((a) => a.isPreferred && a.kind === 'quickfix');
  check(fix && fix.edit && fix.edit.documentChanges && fix.edit.documentChanges.length === 1, 'a preferred quick fix with a versioned edit');
  const dc = fix.edit.documentChanges[0];
  check(dc.textDocument.uri === uri && dc.textDocument.version === version, 'the edit targets this version of the document');
  check(actions.some((a) => a.title === 'Suppress TM-AWS-EC2-IMDSV1 with a reason'), 'a suppress action is offered');

  text = applyEdits(text, dc.edits);
  check(text.includes('http_tokens = "required"') && text.includes('Name = "wéb 🔒"'), 'the fix inserts http_tokens and keeps the rest');
  version++;
  // Send the edits incrementally, last first, as an editor does.
  const changes = dc.edits.slice().sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((e) => ({ range: e.range, text: e.newText }));
  await conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });

  const after = await waitDiagnostics((p) => !has('TM-AWS-EC2-IMDSV1')(p), 'IMDSv1 cleared');
  check(after.version === version, 'cleared diagnostics carry the new version');

  const summary = await withTimeout(conn.sendRequest(P.ExecuteCommandRequest.type, { command: 'tm-ls.riskSummary', arguments: [] }), 'riskSummary');
  check(summary && typeof summary.total === 'number' && summary.counts, 'risk summary command answers');

  await withTimeout(conn.sendRequest(P.ShutdownRequest.type), 'shutdown');
  await conn.sendNotification(P.ExitNotification.type);
  const code = await withTimeout(exited, 'server exit');
  check(code === 0, 'server exits with status 0 after shutdown/exit');
  conn.dispose();
  fs.rmSync(root, { recursive: true, force: true });
  console.log('node LSP client: all checks passed');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));

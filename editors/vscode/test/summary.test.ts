import { test } from "node:test";
import * as assert from "node:assert/strict";
import {
  escapeHtml,
  openRisk,
  parseAttackPaths,
  parseRiskSummary,
  renderAttackPathsBody,
  renderPage,
  renderRiskSummaryBody,
  shortLocation,
  statusBarText,
} from "../src/summary";

const SAMPLE = {
  counts: { critical: 1, high: 2, medium: 0, low: 3 },
  totals: { findings: 6, open: 5, residual: 61.5 },
  byFramework: { "pci-dss-4.0": 4, dora: 1 },
  topRisks: [
    {
      ruleId: "TM-AWS-S3-PUBLIC-ACCESS",
      title: "S3 bucket can be made public",
      resource: "aws_s3_bucket.logs",
      uri: "file:///ws/storage/main.tf",
      range: { start: { line: 11, character: 2 }, end: { line: 11, character: 30 } },
      residual: 20,
      severity: "critical",
    },
    {
      ruleId: "TM-AWS-EC2-IMDSV1",
      title: "EC2 instance allows IMDSv1",
      resource: "aws_instance.web",
      uri: "file:///ws/main.tf",
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 30 } },
      residual: 16,
      severity: "high",
    },
  ],
};

test("parseRiskSummary keeps counts, totals, frameworks and top risks", () => {
  const s = parseRiskSummary(SAMPLE);
  assert.deepEqual(s.counts, { info: 0, low: 3, medium: 0, high: 2, critical: 1 });
  assert.equal(s.totals.residual, 61.5);
  assert.deepEqual(s.frameworks, { "pci-dss-4.0": 4, dora: 1 });
  assert.equal(s.topRisks.length, 2);
  assert.deepEqual(s.topRisks[0].location, { uri: "file:///ws/storage/main.tf", range: SAMPLE.topRisks[0].range });
  assert.equal(s.topRisks[1].ruleId, "TM-AWS-EC2-IMDSV1");
});

// The answer of tm-ls.riskSummary as server/command.go writes it.
const SERVER_SHAPE = {
  counts: { info: 0, low: 1, medium: 0, high: 1, critical: 0 },
  statuses: { open: 2, suppressed: 1 },
  total: 2,
  totalInherent: 20,
  totalResidual: 19.5,
  top: [
    {
      id: "TM-AWS-EC2-IMDSV1@aws_instance.web",
      rule: "TM-AWS-EC2-IMDSV1",
      title: "EC2 instance allows IMDSv1",
      severity: "high",
      status: "open",
      resource: "aws_instance.web",
      message: "The instance metadata service accepts IMDSv1 requests without a session token.",
      inherent: 16,
      residual: 16,
      fixable: true,
      uri: "file:///ws/main.tf",
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 30 } },
    },
  ],
};

test("parseRiskSummary reads the tm-ls server's shape", () => {
  const s = parseRiskSummary(SERVER_SHAPE);
  assert.equal(s.counts.high, 1);
  assert.deepEqual(s.statuses, { open: 2, suppressed: 1 });
  assert.equal(s.totals.totalResidual, 19.5);
  assert.equal(openRisk(s), 19.5);
  assert.equal(s.topRisks[0].ruleId, "TM-AWS-EC2-IMDSV1");
  assert.equal(s.topRisks[0].residual, 16);
  assert.equal(s.topRisks[0].location?.uri, "file:///ws/main.tf");
  const html = renderRiskSummaryBody(s);
  assert.match(html, /<td>open<\/td><td class="num">2<\/td>/);
  assert.match(html, /2 finding\(s\), open residual risk <b>19.5<\/b>/);
  assert.equal(statusBarText(s).text, "$(shield) tm-ls: 2 threats, risk 19.5");
});

test("parseRiskSummary accepts snake_case, a JSON string and nested locations", () => {
  const s = parseRiskSummary(
    JSON.stringify({
      by_severity: { high: { count: 1 } },
      top_risks: [{ rule_id: "R1", title: "t", resource: "a.b", residual_risk: 9.6, severity: "high", location: { uri: "file:///x.tf", range: { start: { line: 2, character: 4 } } } }],
    }),
  );
  assert.equal(s.counts.high, 1);
  assert.equal(s.topRisks[0].ruleId, "R1");
  assert.equal(s.topRisks[0].residual, 9.6);
  assert.deepEqual(s.topRisks[0].location?.range.start, { line: 2, character: 4 });
  assert.equal(openRisk(s), 9.6, "without a total, open risk is the sum of the top risks");
});

test("parseRiskSummary rejects a non-object", () => {
  assert.throws(() => parseRiskSummary(null), /no summary object/);
  assert.throws(() => parseRiskSummary([1, 2]), /no summary object/);
});

test("the rendered summary shows counts, frameworks and links to locations", () => {
  const html = renderRiskSummaryBody(parseRiskSummary(SAMPLE));
  assert.match(html, /6 finding\(s\), open residual risk <b>61.5<\/b>/);
  assert.match(html, /<td class="sev sev-critical">critical<\/td><td class="num">1<\/td>/);
  assert.match(html, /<td>pci-dss-4.0<\/td><td class="num">4<\/td>/);
  assert.ok(html.indexOf("critical</td>") < html.indexOf("high</td>"), "severities from worst to least");
  assert.match(html, /<a href="#" class="loc" data-uri="file:\/\/\/ws\/storage\/main.tf" data-line="11" data-character="2">main.tf:12<\/a>/);
  assert.match(html, /<code>TM-AWS-EC2-IMDSV1<\/code>/);
});

test("frameworks are derived from top risks' compliance IDs when not given", () => {
  const html = renderRiskSummaryBody(
    parseRiskSummary({ counts: { high: 1 }, topRisks: [{ ruleId: "R", title: "T", severity: "high", residual: 3, compliance: ["pci-dss-4.0:2.2.1", "pci-dss-4.0:1.4.4", "dora:9"] }] }),
  );
  assert.match(html, /By framework \(top risks\)/);
  assert.match(html, /<td>pci-dss-4.0<\/td><td class="num">1<\/td>/, "one risk counted once per framework");
  assert.match(html, /<td>dora<\/td><td class="num">1<\/td>/);
});

test("hostile text from the workspace is HTML-escaped everywhere", () => {
  const evil = '<img src=x onerror="alert(1)">';
  const html = renderRiskSummaryBody(
    parseRiskSummary({
      counts: { [evil]: 1 },
      byFramework: { [evil]: 1 },
      topRisks: [{ ruleId: evil, title: evil, resource: evil, severity: evil, residual: 1, uri: 'file:///a"><script>x</script>.tf', range: { start: { line: 0, character: 0 } } }],
    }),
  );
  assert.doesNotMatch(html, /<img/);
  assert.doesNotMatch(html, /<script>/);
  assert.doesNotMatch(html, /onerror="/);
  assert.match(html, /&#60;img src=x onerror=&#34;alert\(1\)&#34;&#62;/);
  assert.equal(escapeHtml(`&<>"'\``), "&#38;&#60;&#62;&#34;&#39;&#96;");
});

test("an empty summary says so", () => {
  const s = parseRiskSummary({ counts: {}, topRisks: [] });
  assert.match(renderRiskSummaryBody(s), /No open risks/);
  assert.deepEqual(statusBarText(s).text, "$(pass) tm-ls: no threats");
});

test("status bar text counts threats and the open risk", () => {
  const t = statusBarText(parseRiskSummary(SAMPLE));
  assert.equal(t.text, "$(shield) tm-ls: 6 threats, risk 61.5");
  assert.match(t.tooltip, /1 critical, 2 high, 3 low/);
  const low = statusBarText(parseRiskSummary({ counts: { low: 1 }, totals: { residual: 2 } }));
  assert.equal(low.text, "$(pass) tm-ls: 1 threat, risk 2");
});

test("the page has a nonce'd CSP and script and escapes its title", () => {
  const page = renderPage("a<b", "<p>x</p>", "N0NCE", "vscode-resource:");
  assert.match(page, /script-src 'nonce-N0NCE'/);
  assert.match(page, /<script nonce="N0NCE">/);
  assert.match(page, /<title>a&#60;b<\/title>/);
  assert.match(page, /postMessage\(\{ type: "open"/);
  assert.match(page, /default-src 'none'/);
});

test("attack paths render as ordered steps with links", () => {
  const paths = parseAttackPaths({
    paths: [
      {
        title: "Internet to card data",
        severity: "critical",
        score: 20,
        steps: ["internet", { resource: "aws_lb.api", uri: "file:///ws/lb.tf", range: { start: { line: 4, character: 0 } } }, { label: "aws_db_instance.cards" }],
      },
      { nodes: ["a", "b"] },
    ],
  });
  assert.equal(paths.length, 2);
  assert.equal(paths[1].title, "a → b");
  const html = renderAttackPathsBody(paths);
  assert.match(html, /Internet to card data — risk 20/);
  assert.match(html, /<li>internet<\/li>\n<li><a href="#" class="loc" data-uri="file:\/\/\/ws\/lb.tf" data-line="4" data-character="0">aws_lb.api<\/a><\/li>/);
  assert.match(renderAttackPathsBody([]), /No attack paths found/);
  assert.throws(() => parseAttackPaths({ nope: 1 }), /no list of paths/);
});

test("attack paths in the tm-ls shape: source → target, flows between nodes, level from risk", () => {
  const paths = parseAttackPaths({
    attack_paths: [
      {
        source: "actor.customer",
        target: "component.db",
        nodes: ["actor.customer", "component.api", "component.db"],
        flows: ["flow.checkout", "flow.query"],
        classification: "restricted",
        likelihood: 4,
        impact: 5,
        risk: 14.4,
      },
    ],
  });
  assert.equal(paths[0].title, "actor.customer → component.db");
  assert.equal(paths[0].severity, "high");
  assert.deepEqual(
    paths[0].steps.map((s) => [s.label, s.via]),
    [
      ["actor.customer", undefined],
      ["component.api", "flow.checkout"],
      ["component.db", "flow.query"],
    ],
  );
  const html = renderAttackPathsBody(paths);
  assert.match(html, /actor.customer → component.db \(restricted data\) — risk 14.4/);
  assert.match(html, /<li>component.api <span class="via">via <code>flow.checkout<\/code><\/span><\/li>/);
});

test("shortLocation is file:line, 1-based", () => {
  assert.equal(shortLocation({ uri: "file:///ws/a%20b/main.tf", range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } } }), "main.tf:10");
});

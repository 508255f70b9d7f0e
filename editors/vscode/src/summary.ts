// The risk summary and attack paths returned by the server's commands, normalised
// from JSON, and rendered to HTML for a webview. Pure functions with no vscode
// import, so that rendering and escaping are unit-tested under Node.

import { SEVERITIES } from "./settings";

/** A zero-based LSP position. */
export interface Position {
  line: number;
  character: number;
}

/** A location a webview link opens. */
export interface Location {
  uri: string;
  range: { start: Position; end: Position };
}

/** One of the top risks of tm-ls.riskSummary. */
export interface TopRisk {
  ruleId: string;
  title: string;
  resource: string;
  severity: string;
  residual: number;
  location?: Location;
  compliance: string[];
}

/** tm-ls.riskSummary after normalisation. */
export interface RiskSummary {
  /** Findings per severity, every severity present (0 when absent). */
  counts: Record<string, number>;
  /** Other totals the server reports (total, totalInherent, totalResidual, ...). */
  totals: Record<string, number>;
  /** Findings per status (open, mitigated, accepted, suppressed), when reported. */
  statuses: Record<string, number>;
  /** Findings per compliance framework, when the server reports them. */
  frameworks: Record<string, number>;
  topRisks: TopRisk[];
}

/** One step of an attack path. */
export interface PathStep {
  label: string;
  location?: Location;
  /** The flow that reaches this step from the previous one. */
  via?: string;
}

/** One attack path of tm-ls.attackPaths. */
export interface AttackPath {
  title: string;
  severity: string;
  score?: number;
  /** The most sensitive data at the target. */
  classification?: string;
  steps: PathStep[];
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

/** The first of several spellings (camelCase, snake_case) that is present. */
function pick(o: Json, ...keys: string[]): unknown {
  for (const k of keys) {
    if (o[k] !== undefined && o[k] !== null) {
      return o[k];
    }
  }
  return undefined;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function numberMap(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const o = obj(v);
  if (!o) {
    return out;
  }
  for (const [k, val] of Object.entries(o)) {
    const n = num(val);
    if (n !== undefined) {
      out[k] = n;
    } else {
      // {"pci-dss-4.0": {"open": 3, ...}} or {"high": {"count": 2}}: sum / take count
      const inner = obj(val);
      if (inner) {
        const c = num(pick(inner, "count", "total", "findings", "open"));
        out[k] = c ?? Object.values(inner).reduce<number>((a, x) => a + (num(x) ?? 0), 0);
      }
    }
  }
  return out;
}

function position(v: unknown): Position | undefined {
  const o = obj(v);
  const line = o && num(o.line);
  const character = o && num(pick(o, "character", "column"));
  return line !== undefined && character !== undefined ? { line, character } : undefined;
}

function location(o: Json): Location | undefined {
  const inner = obj(pick(o, "location"));
  const src = inner ?? o;
  const uri = str(pick(src, "uri", "file"));
  const r = obj(pick(src, "range"));
  if (!uri) {
    return undefined;
  }
  const start = (r && position(r.start)) ?? { line: 0, character: 0 };
  const end = (r && position(r.end)) ?? start;
  return { uri, range: { start, end } };
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Normalises the JSON result of tm-ls.riskSummary; throws on a non-object. */
export function parseRiskSummary(raw: unknown): RiskSummary {
  const o = obj(typeof raw === "string" ? JSON.parse(raw) : raw);
  if (!o) {
    throw new Error("tm-ls.riskSummary returned no summary object");
  }
  const counts: Record<string, number> = {};
  const rawCounts = numberMap(pick(o, "counts", "bySeverity", "by_severity", "severity"));
  for (const s of SEVERITIES) {
    counts[s] = rawCounts[s] ?? 0;
  }
  for (const [k, v] of Object.entries(rawCounts)) {
    counts[k] ??= v;
  }
  const totals = numberMap(pick(o, "totals"));
  // tm-ls reports its totals at the top level: total, totalInherent, totalResidual
  for (const k of ["total", "totalInherent", "totalResidual"]) {
    const n = num(o[k]);
    if (n !== undefined) {
      totals[k] = n;
    }
  }
  const statuses = numberMap(pick(o, "statuses", "byStatus", "by_status"));
  const frameworks = numberMap(pick(o, "frameworks", "byFramework", "by_framework", "compliance"));
  const list = pick(o, "topRisks", "top_risks", "top", "risks");
  const topRisks: TopRisk[] = [];
  if (Array.isArray(list)) {
    for (const item of list) {
      const r = obj(item);
      if (!r) {
        continue;
      }
      topRisks.push({
        ruleId: str(pick(r, "ruleId", "rule_id", "rule")),
        title: str(pick(r, "title", "message")),
        resource: str(pick(r, "resource", "address")),
        severity: str(pick(r, "severity")) || "info",
        residual: num(pick(r, "residual", "residualRisk", "residual_risk", "risk")) ?? 0,
        location: location(r),
        compliance: stringList(pick(r, "compliance", "frameworks")),
      });
    }
  }
  return { counts, totals, statuses, frameworks, topRisks };
}

/** Normalises a list of findings as tm-ls exports them (tm-ls.resourceFindings). */
export function parseFindings(raw: unknown): TopRisk[] {
  const v = typeof raw === "string" ? JSON.parse(raw) : raw;
  if (v === null || v === undefined) {
    return [];
  }
  if (!Array.isArray(v)) {
    throw new Error("tm-ls.resourceFindings returned no list of findings");
  }
  return parseRiskSummary({ topRisks: v }).topRisks;
}

/** Normalises the JSON result of tm-ls.attackPaths ({paths: [...]} or a list). */
export function parseAttackPaths(raw: unknown): AttackPath[] {
  const v = typeof raw === "string" ? JSON.parse(raw) : raw;
  const o = obj(v);
  const list = Array.isArray(v) ? v : o ? pick(o, "paths", "attackPaths", "attack_paths") : undefined;
  if (!Array.isArray(list)) {
    throw new Error("tm-ls.attackPaths returned no list of paths");
  }
  const out: AttackPath[] = [];
  for (const item of list) {
    const p = obj(item);
    if (!p) {
      continue;
    }
    const steps: PathStep[] = [];
    const rawSteps = pick(p, "steps", "nodes", "path", "hops");
    // tm-ls paths: nodes[i] reaches nodes[i+1] through flows[i]
    const flows = pick(p, "flows");
    if (Array.isArray(rawSteps)) {
      rawSteps.forEach((s, i) => {
        const so = obj(s);
        const via = i > 0 && Array.isArray(flows) && typeof flows[i - 1] === "string" ? (flows[i - 1] as string) : undefined;
        if (typeof s === "string") {
          steps.push({ label: s, via });
        } else if (so) {
          steps.push({ label: str(pick(so, "label", "resource", "address", "name", "id")), location: location(so), via });
        }
      });
    }
    const score = num(pick(p, "score", "risk", "residual"));
    const source = str(pick(p, "source"));
    const target = str(pick(p, "target"));
    out.push({
      title: str(pick(p, "title", "name", "id")) || (source && target ? `${source} → ${target}` : steps.map((s) => s.label).join(" → ")),
      severity: str(pick(p, "severity")) || (score !== undefined ? riskLevel(score) : "info"),
      score,
      classification: str(pick(p, "classification")) || undefined,
      steps,
    });
  }
  return out;
}

/** The level of a risk score (1–25), as tm-ls ranks risk: ≥20 critical, ≥12 high, ≥6 medium. */
export function riskLevel(risk: number): string {
  return risk >= 20 ? "critical" : risk >= 12 ? "high" : risk >= 6 ? "medium" : "low";
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function severityRank(s: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(s);
  return i < 0 ? -1 : i;
}

/** The total open residual risk: the server's total when given, else the sum of the top risks. */
export function openRisk(s: RiskSummary): number {
  const t = s.totals.totalResidual ?? s.totals.residual ?? s.totals.residualRisk ?? s.totals.residual_risk;
  if (t !== undefined) {
    return t;
  }
  return s.topRisks.reduce((a, r) => a + r.residual, 0);
}

/** The number of findings counted by severity. */
export function findingCount(s: RiskSummary): number {
  return Object.values(s.counts).reduce((a, n) => a + n, 0);
}

/** Text and tooltip of the status bar item. */
export function statusBarText(s: RiskSummary): { text: string; tooltip: string } {
  const n = findingCount(s);
  const risk = Math.round(openRisk(s) * 10) / 10;
  const worst = [...SEVERITIES].reverse().find((sev) => (s.counts[sev] ?? 0) > 0);
  const icon = worst === "critical" || worst === "high" ? "$(shield)" : "$(pass)";
  const text = n === 0 ? `${icon} tm-ls: no threats` : `${icon} tm-ls: ${n} threat${n === 1 ? "" : "s"}, risk ${risk}`;
  const parts = [...SEVERITIES].reverse().filter((sev) => s.counts[sev] > 0).map((sev) => `${s.counts[sev]} ${sev}`);
  const tooltip = `Open residual risk ${risk}` + (parts.length ? ` (${parts.join(", ")})` : "") + ". Click for the risk summary.";
  return { text, tooltip };
}

/** Attributes of a link that the page script turns into an "open" message. */
function locationAttrs(loc: Location | undefined): string {
  if (!loc) {
    return "";
  }
  return ` href="#" class="loc" data-uri="${escapeHtml(loc.uri)}" data-line="${loc.range.start.line}" data-character="${loc.range.start.character}"`;
}

/** "main.tf:12" for a location, from the URI's last path segment (1-based line). */
export function shortLocation(loc: Location): string {
  let name = loc.uri;
  try {
    const u = new URL(loc.uri);
    name = decodeURIComponent(u.pathname);
  } catch {
    // not a URI: keep as it is
  }
  const base = name.split(/[\\/]/).filter((x) => x !== "").pop() ?? name;
  return `${base}:${loc.range.start.line + 1}`;
}

/** The page around a body: strict CSP, the nonce'd script that posts "open" messages. */
export function renderPage(title: string, body: string, nonce: string, cspSource: string): string {
  const n = escapeHtml(nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(cspSource)} 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${n}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { text-align: left; padding: 2px 10px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 0.85em; }
.sev-critical, .sev-high { color: var(--vscode-errorForeground, #e51400); }
.sev-medium { color: var(--vscode-editorWarning-foreground, #bf8803); }
.sev-low, .sev-info { color: var(--vscode-descriptionForeground, #888); }
ol.path li { margin: 2px 0; }
.empty, .via { color: var(--vscode-descriptionForeground, #888); }
</style>
</head>
<body>
${body}
<script nonce="${n}">
const vscode = acquireVsCodeApi();
document.addEventListener("click", (e) => {
  const a = e.target.closest("a.loc");
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: "open", uri: a.dataset.uri, line: Number(a.dataset.line), character: Number(a.dataset.character) });
});
</script>
</body>
</html>
`;
}

/** The body of the risk summary page. */
export function renderRiskSummaryBody(s: RiskSummary): string {
  const out: string[] = [];
  out.push(`<h1>Risk summary</h1>`);
  out.push(`<p>${findingCount(s)} finding(s), open residual risk <b>${escapeHtml(String(Math.round(openRisk(s) * 10) / 10))}</b>.</p>`);

  out.push(`<h2>By severity</h2>`);
  out.push(`<table id="severity"><tr><th>Severity</th><th>Findings</th></tr>`);
  const sevs = Object.keys(s.counts).sort((a, b) => severityRank(b) - severityRank(a));
  for (const sev of sevs) {
    out.push(`<tr><td class="sev sev-${escapeHtml(sev)}">${escapeHtml(sev)}</td><td class="num">${s.counts[sev]}</td></tr>`);
  }
  out.push(`</table>`);

  const st = Object.entries(s.statuses).filter(([, n]) => n > 0);
  if (st.length > 0) {
    out.push(`<h2>By status</h2>`);
    out.push(`<table id="statuses"><tr><th>Status</th><th>Findings</th></tr>`);
    for (const [name, n] of st.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      out.push(`<tr><td>${escapeHtml(name)}</td><td class="num">${n}</td></tr>`);
    }
    out.push(`</table>`);
  }

  const fw = Object.entries(s.frameworks);
  let fwNote = "";
  if (fw.length === 0) {
    // derive from the top risks' compliance IDs ("pci-dss-4.0:2.2.1" → "pci-dss-4.0")
    const derived: Record<string, number> = {};
    for (const r of s.topRisks) {
      for (const f of new Set(r.compliance.map((c) => c.split(":")[0]))) {
        derived[f] = (derived[f] ?? 0) + 1;
      }
    }
    fw.push(...Object.entries(derived));
    fwNote = " (top risks)";
  }
  out.push(`<h2>By framework${fwNote}</h2>`);
  if (fw.length === 0) {
    out.push(`<p class="empty">No compliance mappings.</p>`);
  } else {
    out.push(`<table id="frameworks"><tr><th>Framework</th><th>Findings</th></tr>`);
    for (const [name, n] of fw.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      out.push(`<tr><td>${escapeHtml(name)}</td><td class="num">${n}</td></tr>`);
    }
    out.push(`</table>`);
  }

  out.push(`<h2>Top risks</h2>`);
  if (s.topRisks.length === 0) {
    out.push(`<p class="empty">No open risks.</p>`);
  } else {
    out.push(`<table id="top-risks"><tr><th>Residual</th><th>Severity</th><th>Rule</th><th>Resource</th><th>Location</th></tr>`);
    for (const r of s.topRisks) {
      const loc = r.location ? `<a${locationAttrs(r.location)}>${escapeHtml(shortLocation(r.location))}</a>` : "";
      out.push(
        `<tr><td class="num">${escapeHtml(String(r.residual))}</td>` +
          `<td class="sev sev-${escapeHtml(r.severity)}">${escapeHtml(r.severity)}</td>` +
          `<td><b>${escapeHtml(r.title)}</b><br><code>${escapeHtml(r.ruleId)}</code></td>` +
          `<td><code>${escapeHtml(r.resource)}</code></td><td>${loc}</td></tr>`,
      );
    }
    out.push(`</table>`);
  }
  return out.join("\n");
}

/** The body of the attack paths page. */
export function renderAttackPathsBody(paths: AttackPath[]): string {
  const out: string[] = [`<h1>Attack paths</h1>`];
  if (paths.length === 0) {
    out.push(`<p class="empty">No attack paths found.</p>`);
    return out.join("\n");
  }
  for (const p of paths) {
    const score = p.score !== undefined ? ` — risk ${escapeHtml(String(Math.round(p.score * 10) / 10))}` : "";
    const data = p.classification ? ` (${escapeHtml(p.classification)} data)` : "";
    out.push(`<h2><span class="sev sev-${escapeHtml(p.severity)}">${escapeHtml(p.severity)}</span> ${escapeHtml(p.title)}${data}${score}</h2>`);
    out.push(`<ol class="path">`);
    for (const st of p.steps) {
      const label = st.location ? `<a${locationAttrs(st.location)}>${escapeHtml(st.label)}</a>` : escapeHtml(st.label);
      const via = st.via ? ` <span class="via">via <code>${escapeHtml(st.via)}</code></span>` : "";
      out.push(`<li>${label}${via}</li>`);
    }
    out.push(`</ol>`);
  }
  return out.join("\n");
}

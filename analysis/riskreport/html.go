package riskreport

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"num": num,
	"sevclass": func(s string) string {
		switch s {
		case "critical", "high", "medium", "low", "info":
			return "sev-" + s
		}
		return "sev-none"
	},
	"join": strings.Join,
	"inc":  func(i int) int { return i + 1 },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.R.Title}} — risk report</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#24292f;background:#fff;line-height:1.45}
header{background:#24292f;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#d0d7de;font-size:13px}
main{padding:20px 28px;max-width:1400px}
h2{font-size:18px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:32px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:120px}
.card .n{font-size:26px;font-weight:600}
.card .l{font-size:12px;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #d8dee4;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;background:#f6f8fa;padding:1px 4px;border-radius:4px;word-break:break-all}
.sev{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.sev-critical{background:#a40e26}.sev-high{background:#bc4c00}.sev-medium{background:#9a6700}.sev-low{background:#1a7f37}.sev-info{background:#0969da}.sev-none{background:#8c959f}
.diagram{overflow:auto;border:1px solid #d0d7de;border-radius:8px;padding:8px}
.muted{color:#57606a}
.expired{color:#a40e26;font-weight:600}
</style>
</head>
<body>
<header>
<h1>{{.R.Title}}</h1>
<p>Threat-model risk report by tm-ls{{if .R.Version}} {{.R.Version}}{{end}}{{if .R.Generated}} · generated {{.R.Generated}}{{end}}{{if .R.Owner}} · owner {{.R.Owner}}{{end}}</p>
</header>
<main>
<section id="totals">
<h2>Risk totals</h2>
<div class="cards">
<div class="card"><div class="n">{{.R.Open}}</div><div class="l">open findings</div></div>
<div class="card"><div class="n">{{num .R.Residual}}</div><div class="l">residual risk (inherent {{.R.Inherent}})</div></div>
{{range .R.Totals}}<div class="card"><div class="n">{{.Count}}</div><div class="l"><span class="sev {{sevclass .Severity}}">{{.Severity}}</span> risk {{num .Residual}}</div></div>
{{end}}<div class="card"><div class="n">{{.R.Accepted}}</div><div class="l">accepted</div></div>
<div class="card"><div class="n">{{.R.Suppressed}}</div><div class="l">suppressed</div></div>
</div>
</section>

<section id="top-risks">
<h2>Top risks</h2>
{{if .R.TopRisks}}<table>
<thead><tr><th>#</th><th>Severity</th><th>Risk</th><th>Threat</th><th>Location</th><th>Owner</th><th>Recommended control</th></tr></thead>
<tbody>
{{range $i, $r := .R.TopRisks}}<tr><td>{{inc $i}}</td><td><span class="sev {{sevclass $r.Severity}}">{{$r.Severity}}</span></td><td>{{num $r.Residual}}{{if ne $r.Status "open"}} <span class="muted">({{$r.Status}})</span>{{end}}</td>
<td><strong>{{$r.Title}}</strong><br><code>{{$r.ID}}</code></td><td><code>{{$r.Location}}</code></td><td>{{if $r.Owner}}{{$r.Owner}}{{else}}<span class="muted">—</span>{{end}}</td><td>{{$r.Control}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>No open findings.</p>{{end}}
</section>

<section id="compliance">
<h2>Open findings by compliance framework</h2>
{{if .R.Compliance}}<table>
<thead><tr><th>Framework</th><th>Requirement</th><th>Open findings</th></tr></thead>
<tbody>
{{range $f := .R.Compliance}}{{range $i, $q := $f.Requirements}}<tr>{{if eq $i 0}}<td rowspan="{{len $f.Requirements}}"><strong>{{$f.Name}}</strong><br><span class="muted">{{$f.Open}} open finding(s)</span></td>{{end}}<td>{{$q.ID}}</td><td>{{range $q.Findings}}<code>{{.}}</code> {{end}}</td></tr>
{{end}}{{end}}</tbody>
</table>{{else}}<p>No open finding maps to a compliance requirement.</p>{{end}}
</section>

<section id="accepted">
<h2>Accepted risks</h2>
{{if .R.Accepts}}<table>
<thead><tr><th>Rule</th><th>On</th><th>Owner</th><th>Reason</th><th>Expires</th><th>Findings</th></tr></thead>
<tbody>
{{range .R.Accepts}}<tr><td><code>{{.RuleID}}</code></td><td><code>{{.On}}</code></td><td>{{.Owner}}</td><td>{{.Reason}}</td><td>{{if .Expires}}<span{{if .Expired}} class="expired"{{end}}>{{.Expires}}{{if .Expired}} (expired){{end}}</span>{{else}}<span class="muted">never</span>{{end}}</td><td>{{range .Findings}}<code>{{.}}</code> {{end}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>No accepted risks.</p>{{end}}
</section>

<section id="diagram">
<h2>System diagram</h2>
<p class="muted">{{if eq .R.Diagram.Kind "threat-model"}}Components and actors by trust boundary, with their data flows.{{else}}Terraform resources by module, with their references.{{end}} Colour: highest open severity; the badge counts open findings.{{if .R.Diagram.Omitted}} {{.R.Diagram.Omitted}} node(s) without findings left out.{{end}}</p>
<div class="diagram">{{.SVG}}</div>
</section>
</main>
</body>
</html>
`))

// WriteHTML writes the report as one self-contained HTML page: inline CSS, an inline
// SVG diagram, no scripts and no external resources.
func WriteHTML(w io.Writer, r Report) error {
	data := struct {
		R   Report
		SVG template.HTML
	}{R: r, SVG: template.HTML(r.diagramSVG())} // both renderers escape every text they draw
	if err := page.Execute(w, data); err != nil {
		return fmt.Errorf("writing the HTML risk report: %w", err)
	}
	return nil
}

func num(f float64) string {
	s := strings.TrimRight(fmt.Sprintf("%.2f", f), "0")
	return strings.TrimSuffix(s, ".")
}

// diagramSVG draws the report's diagram with the layout engine it asked for.
func (r Report) diagramSVG() string {
	if r.layout == "builtin" {
		return SVG(r.Diagram)
	}
	return RenderSVG(r.Diagram)
}

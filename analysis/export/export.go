// Package export writes a threat-model graph and its findings in exchange formats:
// tm-ls JSON, Open Threat Model (OTM 0.2.0) for other threat-modeling tools, and
// Mermaid and Graphviz DOT diagrams grouped by trust boundary with attack paths
// highlighted. Every writer is deterministic: the same graph gives the same bytes.
package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Formats are the names accepted by the CLI.
var Formats = []string{"json", "otm", "mermaid", "dot"}

// Write renders g and findings in format; paths are the attack paths to highlight
// in diagrams (usually the top few of g.Paths).
func Write(format string, g *model.Graph, findings []*model.Finding, paths []*model.AttackPath) ([]byte, error) {
	switch format {
	case "json":
		return JSON(g, findings)
	case "otm":
		return OTM(g, findings)
	case "mermaid":
		return Mermaid(g, paths), nil
	case "dot":
		return DOT(g, paths), nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("export: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

// jsonDoc is the tm-ls JSON export: the graph as built, and the findings.
type jsonDoc struct {
	Model      jsonModel       `json:"model"`
	Boundaries []jsonBoundary  `json:"boundaries"`
	Actors     []jsonActor     `json:"actors"`
	Data       []jsonData      `json:"data"`
	Components []jsonComponent `json:"components"`
	Flows      []jsonFlow      `json:"flows"`
	Controls   []jsonControl   `json:"controls"`
	Accepts    []jsonAccept    `json:"acceptances"`
	Paths      []jsonPath      `json:"attack_paths"`
	Findings   []jsonFinding   `json:"findings"`
}

type jsonModel struct {
	Name       string   `json:"name"`
	Owner      string   `json:"owner,omitempty"`
	Frameworks []string `json:"frameworks,omitempty"`
	Declared   bool     `json:"declared"`
}

type jsonLoc struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

type jsonElement struct {
	Address   string   `json:"address"`
	Name      string   `json:"name"`
	Origin    string   `json:"origin"`
	Terraform []string `json:"terraform,omitempty"`
	jsonLoc
}

type jsonBoundary struct {
	jsonElement
	Trust  string `json:"trust"`
	Parent string `json:"parent,omitempty"`
}

type jsonActor struct {
	jsonElement
	Boundary string `json:"boundary"`
}

type jsonData struct {
	jsonElement
	Classification string `json:"classification"`
}

type jsonComponent struct {
	jsonElement
	Kind            string   `json:"kind"`
	Boundary        string   `json:"boundary"`
	Provider        string   `json:"provider,omitempty"`
	Stores          []string `json:"stores,omitempty"`
	Processes       []string `json:"processes,omitempty"`
	InternetFacing  bool     `json:"internet_facing"`
	EncryptedAtRest string   `json:"encrypted_at_rest"`
	Backup          string   `json:"backup"`
	WAF             string   `json:"waf"`
	AuditTrail      string   `json:"audit_trail"`
}

type jsonFlow struct {
	jsonElement
	From          string   `json:"from"`
	To            string   `json:"to"`
	Protocol      string   `json:"protocol,omitempty"`
	Port          int      `json:"port,omitempty"`
	Data          []string `json:"data,omitempty"`
	Encrypted     string   `json:"encrypted"`
	Authenticated string   `json:"authenticated"`
	Via           []string `json:"via,omitempty"`
}

type jsonControl struct {
	jsonElement
	Mitigates     []string `json:"mitigates"`
	On            []string `json:"on"`
	Status        string   `json:"status"`
	Effectiveness float64  `json:"effectiveness"`
}

type jsonAccept struct {
	jsonElement
	Rule   string   `json:"rule"`
	On     []string `json:"on,omitempty"`
	Reason string   `json:"reason"`
	Owner  string   `json:"owner"`
	Until  string   `json:"until,omitempty"`
}

type jsonPath struct {
	Source         string   `json:"source"`
	Target         string   `json:"target"`
	Nodes          []string `json:"nodes"`
	Flows          []string `json:"flows"`
	Classification string   `json:"classification"`
	Likelihood     int      `json:"likelihood"`
	Impact         int      `json:"impact"`
	Risk           float64  `json:"risk"`
}

type jsonRelated struct {
	Message string `json:"message"`
	jsonLoc
}

type jsonFinding struct {
	ID         string        `json:"id"`
	Rule       string        `json:"rule"`
	Title      string        `json:"title,omitempty"`
	Element    string        `json:"element"`
	Type       string        `json:"type"`
	Severity   string        `json:"severity"`
	Status     string        `json:"status"`
	StatusNote string        `json:"status_note,omitempty"`
	Message    string        `json:"message"`
	Likelihood int           `json:"likelihood"`
	Impact     int           `json:"impact"`
	Inherent   int           `json:"inherent"`
	Residual   float64       `json:"residual"`
	Stride     []string      `json:"stride,omitempty"`
	CWE        []string      `json:"cwe,omitempty"`
	Compliance []string      `json:"compliance,omitempty"`
	Related    []jsonRelated `json:"related,omitempty"`
	jsonLoc
}

func el(e model.Element) jsonElement {
	return jsonElement{Address: e.Address, Name: e.Name, Origin: e.Origin.String(), Terraform: e.Terraform, jsonLoc: locOf(e.File, e.Range.Start.Line, e.Range.Start.Column)}
}

func locOf(file string, line, col int) jsonLoc {
	if file == "" {
		return jsonLoc{}
	}
	return jsonLoc{File: file, Line: line, Column: col}
}

// JSON is the complete graph and its findings as tm-ls JSON.
func JSON(g *model.Graph, findings []*model.Finding) ([]byte, error) {
	d := jsonDoc{Model: jsonModel{Name: g.Name, Owner: g.Owner, Frameworks: g.Frameworks, Declared: g.Declared},
		Boundaries: []jsonBoundary{}, Actors: []jsonActor{}, Data: []jsonData{}, Components: []jsonComponent{}, Flows: []jsonFlow{},
		Controls: []jsonControl{}, Accepts: []jsonAccept{}, Paths: []jsonPath{}, Findings: []jsonFinding{}}
	for _, b := range g.Boundaries {
		d.Boundaries = append(d.Boundaries, jsonBoundary{jsonElement: el(b.Element), Trust: b.Trust, Parent: b.Parent})
	}
	for _, a := range g.Actors {
		d.Actors = append(d.Actors, jsonActor{jsonElement: el(a.Element), Boundary: a.Boundary})
	}
	for _, x := range g.Data {
		d.Data = append(d.Data, jsonData{jsonElement: el(x.Element), Classification: x.Classification})
	}
	for _, c := range g.Components {
		d.Components = append(d.Components, jsonComponent{jsonElement: el(c.Element), Kind: c.Kind, Boundary: c.Boundary, Provider: c.Provider,
			Stores: c.Stores, Processes: c.Processes, InternetFacing: c.InternetFacing, EncryptedAtRest: c.EncryptedAtRest.String(),
			Backup: c.Backup.String(), WAF: c.WAF.String(), AuditTrail: c.AuditTrail.String()})
	}
	for _, f := range g.Flows {
		d.Flows = append(d.Flows, jsonFlow{jsonElement: el(f.Element), From: f.From, To: f.To, Protocol: f.Protocol, Port: f.Port, Data: f.Data,
			Encrypted: f.Encrypted.String(), Authenticated: f.Authenticated.String(), Via: f.Via})
	}
	for _, c := range g.Controls {
		d.Controls = append(d.Controls, jsonControl{jsonElement: el(c.Element), Mitigates: c.Mitigates, On: c.On, Status: c.Status, Effectiveness: c.Effectiveness})
	}
	for _, a := range g.Acceptances {
		ja := jsonAccept{jsonElement: el(a.Element), Rule: a.RuleID, On: a.On, Reason: a.Reason, Owner: a.Owner}
		if !a.Until.IsZero() {
			ja.Until = a.Until.Format("2006-01-02")
		}
		d.Accepts = append(d.Accepts, ja)
	}
	for _, p := range g.Paths {
		d.Paths = append(d.Paths, jsonPath{Source: p.Source, Target: p.Target, Nodes: p.Nodes, Flows: p.Flows, Classification: p.Classification,
			Likelihood: p.Likelihood, Impact: p.Impact, Risk: round(p.Risk)})
	}
	for _, f := range sortedFindings(findings) {
		jf := jsonFinding{ID: f.ID, Rule: f.RuleID, Element: f.Resource, Type: f.ResourceType, Severity: f.Severity.String(), Status: f.Status.String(),
			StatusNote: f.StatusNote, Message: f.Message, Likelihood: f.Likelihood, Impact: f.Impact, Inherent: f.Inherent, Residual: round(f.Residual),
			jsonLoc: locOf(f.File, f.Range.Start.Line, f.Range.Start.Column)}
		if f.Rule != nil {
			jf.Title, jf.Stride, jf.CWE, jf.Compliance = f.Rule.Title, f.Rule.Stride, f.Rule.CWE, f.Rule.Compliance
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{Message: r.Message, jsonLoc: locOf(r.File, r.Range.Start.Line, r.Range.Start.Column)})
		}
		d.Findings = append(d.Findings, jf)
	}
	return marshal(d)
}

func round(f float64) float64 {
	return float64(int64(f*100+0.5)) / 100
}

// sortedFindings orders findings by ID so that exports do not depend on the order
// the analysis produced them in.
func sortedFindings(fs []*model.Finding) []*model.Finding {
	out := append([]*model.Finding{}, fs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

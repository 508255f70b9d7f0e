package report

import (
	"encoding/json"
	"io"

	"github.com/hashicorp/hcl/v2"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// SchemaVersion identifies the JSON output format; bump it on incompatible changes.
// The JSON output is also the baseline format (`tm-ls check --baseline FILE`).
const SchemaVersion = 1

// Document is the JSON output of `tm-ls check --format json`.
type Document struct {
	Tool          string           `json:"tool"`
	Version       string           `json:"version"`
	SchemaVersion int              `json:"schema_version"`
	Summary       Summary          `json:"summary"`
	Findings      []JSONFinding    `json:"findings"`
	Undecided     []JSONUndecided  `json:"undecided,omitempty"`
	Diagnostics   []JSONDiagnostic `json:"diagnostics"`
	// Compliance is present when frameworks were asked for (--framework).
	Compliance *ComplianceReport `json:"compliance,omitempty"`
}

// Position is a location in a file: 1-based line, 1-based UTF-16 column, 0-based byte offset.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// Span is a range in one file.
type Span struct {
	File  string   `json:"file"`
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// JSONFinding is one finding with its rule's metadata flattened in.
type JSONFinding struct {
	ID           string        `json:"id"`
	RuleID       string        `json:"rule_id"`
	Title        string        `json:"title"`
	Severity     string        `json:"severity"`
	Status       string        `json:"status"`
	StatusNote   string        `json:"status_note,omitempty"`
	Resource     string        `json:"resource"`
	ResourceType string        `json:"resource_type"`
	Message      string        `json:"message"`
	Location     Span          `json:"location"`
	Related      []JSONRelated `json:"related,omitempty"`
	Likelihood   int           `json:"likelihood"`
	Impact       int           `json:"impact"`
	Inherent     int           `json:"inherent_risk"`
	Residual     float64       `json:"residual_risk"`
	Stride       []string      `json:"stride"`
	CWE          []string      `json:"cwe"`
	Compliance   []string      `json:"compliance"`
	Remediation  string        `json:"remediation,omitempty"`
	Fixable      bool          `json:"fixable"`
}

// JSONRelated is a secondary location.
type JSONRelated struct {
	Message  string `json:"message"`
	Location Span   `json:"location"`
}

// JSONUndecided is a rule that could not be decided on a resource.
type JSONUndecided struct {
	RuleID   string `json:"rule_id"`
	Resource string `json:"resource"`
	Location Span   `json:"location"`
	Reason   string `json:"reason"`
}

// JSONDiagnostic is a problem with the input.
type JSONDiagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
	Location Span   `json:"location"`
}

// BuildDocument converts a result into the JSON document.
func BuildDocument(res *analysis.Result, opts Options) Document {
	doc := Document{Tool: "tm-ls", Version: opts.Version, SchemaVersion: SchemaVersion,
		Summary: Summarize(res, opts.MinSeverity), Findings: []JSONFinding{}, Diagnostics: []JSONDiagnostic{}}
	for _, f := range Visible(res, opts.MinSeverity) {
		jf := JSONFinding{
			ID: f.ID, RuleID: f.RuleID, Title: f.Rule.Title, Severity: f.Severity.String(), Status: f.Status.String(),
			StatusNote: f.StatusNote, Resource: f.Resource, ResourceType: f.ResourceType, Message: f.Message,
			Location: span(res, f.File, f.Range), Likelihood: f.Likelihood, Impact: f.Impact, Inherent: f.Inherent,
			Residual: f.Residual, Stride: nonNil(f.Rule.Stride), CWE: nonNil(f.Rule.CWE), Compliance: nonNil(f.Rule.Compliance),
			Remediation: f.Rule.Remediation, Fixable: f.Fixable,
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, JSONRelated{Message: r.Message, Location: span(res, r.File, r.Range)})
		}
		doc.Findings = append(doc.Findings, jf)
	}
	for _, u := range res.Undecided {
		doc.Undecided = append(doc.Undecided, JSONUndecided{RuleID: u.RuleID, Resource: u.Resource, Location: span(res, u.File, u.Range), Reason: u.Reason})
	}
	for _, d := range res.Diagnostics {
		doc.Diagnostics = append(doc.Diagnostics, JSONDiagnostic{Severity: diagLevel(d.Severity), Code: d.Code, Summary: d.Summary, Detail: d.Detail, Location: span(res, d.File, d.Range)})
	}
	if len(opts.Frameworks) > 0 {
		if rep, err := BuildCompliance(res, opts.Frameworks); err == nil {
			doc.Compliance = &rep
		}
	}
	return doc
}

// JSON writes the JSON document, indented, with a trailing newline.
func JSON(w io.Writer, res *analysis.Result, opts Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(BuildDocument(res, opts))
}

func span(res *analysis.Result, file string, r hcl.Range) Span {
	pos := func(p hcl.Pos) Position {
		return Position{Line: p.Line, Column: column(res, file, p.Byte), Byte: p.Byte}
	}
	return Span{File: file, Start: pos(r.Start), End: pos(r.End)}
}

func diagLevel(s model.Severity) string {
	switch {
	case s >= model.SeverityHigh:
		return "error"
	case s == model.SeverityMedium:
		return "warning"
	default:
		return "info"
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

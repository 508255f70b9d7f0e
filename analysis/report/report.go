// Package report writes an analysis result in the CLI's output formats: a human
// listing with a risk summary, a stable JSON document (also the baseline format),
// and SARIF 2.1.0 for code-scanning services.
package report

import (
	"sort"
	"unicode/utf8"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// Options filter and label what is written.
type Options struct {
	// MinSeverity hides findings below it.
	MinSeverity model.Severity
	// PathPrefix is prepended to workspace-relative paths in human output, so that
	// `tm-ls check envs/prod` prints `envs/prod/main.tf:3:5`.
	PathPrefix string
	// Version is the tool version written into machine formats.
	Version string
	// ShowUnknown lists the undecided rules in human output.
	ShowUnknown bool
	// Top is how many top risks the summary lists (0 → 5).
	Top int
	// Frameworks adds a per-requirement compliance summary for these framework IDs.
	Frameworks []string
}

// Summary is the risk picture of a result: counts and totals over open findings.
type Summary struct {
	// Counts of open findings by severity name.
	Counts map[string]int `json:"counts"`
	// Open, Suppressed and Accepted count findings by status.
	Open       int `json:"open"`
	Suppressed int `json:"suppressed"`
	Accepted   int `json:"accepted"`
	Mitigated  int `json:"mitigated"`
	// TotalInherent and TotalResidual add up the risk of open findings.
	TotalInherent int     `json:"total_inherent"`
	TotalResidual float64 `json:"total_residual"`
	// Resources is the number of evaluated resource instances.
	Resources int `json:"resources"`
	Files     int `json:"files"`
}

// Summarize computes the summary of the visible findings.
func Summarize(res *analysis.Result, min model.Severity) Summary {
	s := Summary{Counts: map[string]int{}, Resources: len(res.Resources), Files: len(res.Files)}
	for _, sev := range []model.Severity{model.SeverityCritical, model.SeverityHigh, model.SeverityMedium, model.SeverityLow, model.SeverityInfo} {
		s.Counts[sev.String()] = 0
	}
	for _, f := range Visible(res, min) {
		switch f.Status {
		case model.Suppressed:
			s.Suppressed++
			continue
		case model.Accepted:
			s.Accepted++
			continue
		case model.Mitigated:
			s.Mitigated++
		default:
			s.Open++
		}
		s.Counts[f.Severity.String()]++
		s.TotalInherent += f.Inherent
		s.TotalResidual += f.Residual
	}
	return s
}

// Visible returns the findings at or above min, in the result's order.
func Visible(res *analysis.Result, min model.Severity) []*model.Finding {
	var out []*model.Finding
	for _, f := range res.Findings {
		if f.Severity >= min {
			out = append(out, f)
		}
	}
	return out
}

// TopRisks returns up to n open findings ranked by residual risk, then severity,
// then ID (a stable order).
func TopRisks(findings []*model.Finding, n int) []*model.Finding {
	var open []*model.Finding
	for _, f := range findings {
		if f.Status == model.Open || f.Status == model.Mitigated {
			open = append(open, f)
		}
	}
	sort.SliceStable(open, func(i, j int) bool { return model.RiskOrder(open[i], open[j]) })
	if len(open) > n {
		open = open[:n]
	}
	return open
}

// utf16Column converts a byte offset into a 1-based UTF-16 column on its line, as
// SARIF (columnKind utf16CodeUnits) and editors count. hcl's own Column counts
// grapheme clusters and is never used for output.
func utf16Column(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	start := off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	col := 1
	for i := start; i < off; {
		r, size := utf8.DecodeRune(src[i:off])
		if r >= 0x10000 {
			col += 2
		} else {
			col++
		}
		i += size
	}
	return col
}

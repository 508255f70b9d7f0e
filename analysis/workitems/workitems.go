// Package workitems turns open findings into tracker work items (Jira issues, Azure
// DevOps work items, ServiceNow records) and writes them in each tracker's import
// format. Every item carries the finding's stable ID in a field the tracker can search
// (a Jira label, an ADO tag, a ServiceNow correlation_id), so that a later export or
// sync updates the item instead of creating a duplicate.
package workitems

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Label is carried by every tm-ls work item; searches for tm-ls items start from it.
const Label = "tm-ls"

// KeyPrefix starts the per-finding key label: Key(id) = KeyPrefix + 16 hex digits.
const KeyPrefix = "tmls-"

// Item is one work item: the tracker-neutral content of one open finding.
type Item struct {
	// FindingID is the stable finding ID ("RULE-ID@address"); Key is its hash in a
	// form that every tracker accepts as a label or tag (no spaces, no '@').
	FindingID string
	Key       string
	RuleID    string
	// Title is "[tm-ls] <rule title> on <resource>".
	Title    string
	Severity model.Severity
	Status   model.Status
	Resource string
	// File and Line locate the finding (Line 0 when unknown).
	File string
	Line int
	// Threat is the rule's description (markdown), Message the finding's one line.
	Threat      string
	Message     string
	Remediation string
	Compliance  []string
	CWE         []string
	Stride      []string
	Likelihood  int
	Impact      int
	Inherent    int
	Residual    float64
	// Labels are tm-ls, the rule ID, the severity, the STRIDE categories and Key.
	Labels []string
}

// Key returns the label that identifies a finding's work item: KeyPrefix followed by
// the first 16 hex digits of the SHA-256 of the finding ID.
func Key(findingID string) string {
	sum := sha256.Sum256([]byte(findingID))
	return KeyPrefix + hex.EncodeToString(sum[:8])
}

// Tracked reports whether a finding gets a work item: open or mitigated findings do;
// suppressed and accepted ones (a decision is already recorded) do not.
func Tracked(f *model.Finding) bool {
	return f.Status == model.Open || f.Status == model.Mitigated
}

// FromFindings builds one item per tracked finding, sorted by finding ID, each ID
// once.
func FromFindings(findings []*model.Finding) []Item {
	var items []Item
	seen := map[string]bool{}
	for _, f := range findings {
		if !Tracked(f) || seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		items = append(items, FromFinding(f))
	}
	sort.Slice(items, func(i, j int) bool { return items[i].FindingID < items[j].FindingID })
	return items
}

// FromFinding builds the item of one finding.
func FromFinding(f *model.Finding) Item {
	it := Item{FindingID: f.ID, Key: Key(f.ID), RuleID: f.RuleID, Severity: f.Severity, Status: f.Status,
		Resource: f.Resource, File: f.File, Line: f.Range.Start.Line, Message: f.Message,
		Likelihood: f.Likelihood, Impact: f.Impact, Inherent: f.Inherent, Residual: f.Residual}
	title := f.RuleID
	if r := f.Rule; r != nil {
		if r.Title != "" {
			title = r.Title
		}
		it.Threat = strings.TrimSpace(r.Description)
		it.Remediation = strings.TrimSpace(r.Remediation)
		it.Compliance = append([]string(nil), r.Compliance...)
		it.CWE = append([]string(nil), r.CWE...)
		it.Stride = append([]string(nil), r.Stride...)
	}
	it.Title = oneLine(fmt.Sprintf("[tm-ls] %s on %s", title, f.Resource))
	it.Labels = labels(it)
	return it
}

// labels returns the item's labels: tm-ls, the rule ID, the severity, STRIDE
// categories (prefixed "stride-"), and the key; each made safe for Jira (no spaces).
func labels(it Item) []string {
	l := []string{Label, labelSafe(it.RuleID), it.Severity.String()}
	for _, s := range it.Stride {
		l = append(l, "stride-"+labelSafe(s))
	}
	return append(l, it.Key)
}

func labelSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ',' || r == ';' {
			return '_'
		}
		return r
	}, s)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 250 // Jira's summary limit is 255 characters
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

// Location is "file:line", or the file alone when the line is unknown.
func (it Item) Location() string {
	if it.Line > 0 {
		return fmt.Sprintf("%s:%d", it.File, it.Line)
	}
	return it.File
}

// RiskLine describes the risk in one line: "residual 16 of inherent 16 (likelihood 4 × impact 4)".
func (it Item) RiskLine() string {
	return fmt.Sprintf("%s (residual %s of inherent %d; likelihood %d × impact %d)",
		it.Severity, num(it.Residual), it.Inherent, it.Likelihood, it.Impact)
}

func num(f float64) string {
	s := strings.TrimRight(fmt.Sprintf("%.2f", f), "0")
	return strings.TrimSuffix(s, ".")
}

// Markdown is the item's description in Markdown (GitHub/ADO flavour).
func (it Item) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** on `%s` at `%s`\n\n", it.RuleID, it.Resource, it.Location())
	if it.Message != "" {
		b.WriteString(it.Message + "\n\n")
	}
	if it.Threat != "" {
		b.WriteString("### Threat\n\n" + it.Threat + "\n\n")
	}
	if it.Remediation != "" {
		b.WriteString("### Recommended control\n\n" + it.Remediation + "\n\n")
	}
	b.WriteString("### Risk\n\n" + it.RiskLine() + "\n\n")
	if len(it.Compliance) > 0 || len(it.CWE) > 0 {
		b.WriteString("### Compliance\n\n")
		for _, c := range it.Compliance {
			b.WriteString("- " + c + "\n")
		}
		for _, c := range it.CWE {
			b.WriteString("- " + c + "\n")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Finding ID: `%s` (key %s). Managed by tm-ls: closed automatically when the finding is fixed.\n", it.FindingID, it.Key)
	return b.String()
}

// Plain is the item's description as plain text (ServiceNow, CSV imports).
func (it Item) Plain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s on %s at %s\n", it.RuleID, it.Resource, it.Location())
	if it.Message != "" {
		b.WriteString(it.Message + "\n")
	}
	if it.Threat != "" {
		b.WriteString("\nThreat:\n" + it.Threat + "\n")
	}
	if it.Remediation != "" {
		b.WriteString("\nRecommended control:\n" + it.Remediation + "\n")
	}
	b.WriteString("\nRisk: " + it.RiskLine() + "\n")
	if len(it.Compliance) > 0 || len(it.CWE) > 0 {
		b.WriteString("\nCompliance: " + strings.Join(append(append([]string{}, it.Compliance...), it.CWE...), ", ") + "\n")
	}
	fmt.Fprintf(&b, "\nFinding ID: %s (key %s). Managed by tm-ls: closed automatically when the finding is fixed.\n", it.FindingID, it.Key)
	return b.String()
}

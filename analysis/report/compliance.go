package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/rules/compliance"
)

// ComplianceReport is, per framework and requirement, the rules that cover the
// requirement and what they found: open findings (gaps) and passing checks (evidence).
type ComplianceReport struct {
	Frameworks []FrameworkReport `json:"frameworks"`
}

// FrameworkReport is one framework's part of the report.
type FrameworkReport struct {
	ID           string              `json:"id"`
	Name         string              `json:"name"`
	Version      string              `json:"version"`
	Source       string              `json:"source"`
	Open         int                 `json:"open"`
	Passing      int                 `json:"passing"`
	Requirements []RequirementReport `json:"requirements"`
}

// RequirementReport is one requirement with its coverage.
type RequirementReport struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Rules   []string `json:"rules"`
	Open    []string `json:"open_findings"`
	Passing []string `json:"passing_checks"`
	// Status is "gap" (an open finding), "evidence" (passing checks, no open
	// finding) or "not assessed" (the rules found nothing to check in this workspace).
	Status string `json:"status"`
}

// BuildCompliance computes the report for the given framework IDs (all frameworks
// cited by the catalogue when empty). An unknown framework ID is an error.
func BuildCompliance(res *analysis.Result, frameworks []string) (ComplianceReport, error) {
	want := map[string]bool{}
	for _, f := range frameworks {
		if _, ok := compliance.FrameworkByID(f); !ok {
			var known []string
			for _, fw := range compliance.Frameworks() {
				known = append(known, fw.ID)
			}
			return ComplianceReport{}, fmt.Errorf("unknown framework %q (known: %s)", f, strings.Join(known, ", "))
		}
		want[f] = true
	}
	type key struct{ fw, req string }
	reqs := map[key]*RequirementReport{}
	ruleReqs := map[string][]key{}
	for _, m := range res.Rules {
		for _, c := range m.Compliance {
			r, ok := compliance.Lookup(c)
			if !ok || (len(want) > 0 && !want[r.Framework]) {
				continue
			}
			k := key{r.Framework, r.ID}
			if reqs[k] == nil {
				reqs[k] = &RequirementReport{ID: r.ID, Title: r.Title, Rules: []string{}, Open: []string{}, Passing: []string{}}
			}
			reqs[k].Rules = append(reqs[k].Rules, m.ID)
			ruleReqs[m.ID] = append(ruleReqs[m.ID], k)
		}
	}
	for _, f := range res.Findings {
		if f.Status != model.Open && f.Status != model.Mitigated {
			continue
		}
		for _, k := range ruleReqs[f.RuleID] {
			reqs[k].Open = append(reqs[k].Open, f.ID)
		}
	}
	for _, p := range res.Passed() {
		for _, k := range ruleReqs[p.RuleID] {
			reqs[k].Passing = append(reqs[k].Passing, p.RuleID+"@"+p.Resource)
		}
	}
	byFw := map[string]*FrameworkReport{}
	for k, r := range reqs {
		fr := byFw[k.fw]
		if fr == nil {
			fw, _ := compliance.FrameworkByID(k.fw)
			fr = &FrameworkReport{ID: fw.ID, Name: fw.Name, Version: fw.Version, Source: fw.Source}
			byFw[k.fw] = fr
		}
		sort.Strings(r.Rules)
		sort.Strings(r.Open)
		sort.Strings(r.Passing)
		switch {
		case len(r.Open) > 0:
			r.Status = "gap"
		case len(r.Passing) > 0:
			r.Status = "evidence"
		default:
			r.Status = "not assessed"
		}
		fr.Open += len(r.Open)
		fr.Passing += len(r.Passing)
		fr.Requirements = append(fr.Requirements, *r)
	}
	var out ComplianceReport
	for _, fr := range byFw {
		sort.Slice(fr.Requirements, func(i, j int) bool { return requirementLess(fr.Requirements[i].ID, fr.Requirements[j].ID) })
		out.Frameworks = append(out.Frameworks, *fr)
	}
	sort.Slice(out.Frameworks, func(i, j int) bool { return out.Frameworks[i].ID < out.Frameworks[j].ID })
	if out.Frameworks == nil {
		out.Frameworks = []FrameworkReport{}
	}
	return out, nil
}

// requirementLess orders "1.2.10" after "1.2.9" and "AC-10" after "AC-9".
func requirementLess(a, b string) bool {
	pa, pb := splitNum(a), splitNum(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		var na, nb int
		_, ea := fmt.Sscanf(pa[i], "%d", &na)
		_, eb := fmt.Sscanf(pb[i], "%d", &nb)
		if ea == nil && eb == nil && na != nb {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// splitNum splits a requirement ID into runs of digits and of other characters,
// dropping separators: "art9(4)(c)" → art 9 4 c.
func splitNum(s string) []string {
	var out []string
	cur := ""
	digit := false
	for _, r := range s {
		isDigit := r >= '0' && r <= '9'
		if r == '.' || r == '-' || r == '(' || r == ')' || r == ' ' || (cur != "" && isDigit != digit) {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			if r == '.' || r == '-' || r == '(' || r == ')' || r == ' ' {
				continue
			}
		}
		cur += string(r)
		digit = isDigit
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// ComplianceMarkdown writes the report as Markdown.
func ComplianceMarkdown(w io.Writer, rep ComplianceReport) error {
	p := &printer{w: w}
	p.printf("# Compliance report\n\n")
	if len(rep.Frameworks) == 0 {
		p.printf("No requirement of the selected frameworks is covered by the rules in force.\n")
	}
	for _, fw := range rep.Frameworks {
		p.printf("## %s (%s)\n\nSource: %s. %d open finding(s), %d passing check(s).\n\n", fw.Name, fw.ID, fw.Source, fw.Open, fw.Passing)
		p.printf("| Requirement | Title | Status | Open | Passing | Rules |\n|---|---|---|---|---|---|\n")
		for _, r := range fw.Requirements {
			p.printf("| %s | %s | %s | %d | %d | %s |\n", r.ID, escapeCell(r.Title), r.Status, len(r.Open), len(r.Passing), strings.Join(r.Rules, ", "))
		}
		p.printf("\n")
		for _, r := range fw.Requirements {
			if len(r.Open) == 0 {
				continue
			}
			p.printf("- **%s %s** open: %s\n", fw.ID, r.ID, strings.Join(r.Open, ", "))
		}
		p.printf("\n")
	}
	return p.err
}

// ComplianceText writes the per-requirement summary printed by `check --framework`.
func ComplianceText(w io.Writer, rep ComplianceReport) error {
	p := &printer{w: w}
	for _, fw := range rep.Frameworks {
		p.printf("\n%s: %d open finding(s), %d passing check(s)\n", fw.Name, fw.Open, fw.Passing)
		for _, r := range fw.Requirements {
			p.printf("  %-12s %-13s open %-3d passing %-4d %s\n", r.ID, r.Status, len(r.Open), len(r.Passing), r.Title)
		}
	}
	return p.err
}

// ComplianceJSON writes the report as indented JSON.
func ComplianceJSON(w io.Writer, rep ComplianceReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/rules/compliance"
)

// RuleDocs writes the rule reference (docs/rules.md): an index by provider, then one
// section per rule whose heading is the rule ID, so that the anchor diagnostics link
// to (`#tm-aws-ec2-imdsv1`) is the lower-case ID.
func RuleDocs(w io.Writer, metas []*model.RuleMeta) error {
	p := &printer{w: w}
	byProvider := map[string][]*model.RuleMeta{}
	for _, m := range metas {
		byProvider[providerName(m.Provider)] = append(byProvider[providerName(m.Provider)], m)
	}
	providers := make([]string, 0, len(byProvider))
	for k := range byProvider {
		providers = append(providers, k)
	}
	sort.Strings(providers)
	fixes := 0
	for _, m := range metas {
		if m.HasFix {
			fixes++
		}
	}
	p.printf("# tm-ls rule reference\n\n")
	p.printf("Generated from the built-in catalogue (`rules/catalog/`) by `tm-ls rules --format md`; do not edit by hand.\n\n")
	p.printf("%d rules", len(metas))
	for _, pr := range providers {
		p.printf(" · %s %d", pr, len(byProvider[pr]))
	}
	if len(metas) > 0 {
		p.printf(" · %d with a quick fix (%d%%)", fixes, fixes*100/len(metas))
	}
	p.printf("\n\nRisk is likelihood × impact (1–25): ≥ 20 critical, ≥ 12 high, ≥ 6 medium, else low.\n\n")
	for _, pr := range providers {
		p.printf("## %s\n\n| Rule | Severity | Title | Fix |\n|---|---|---|---|\n", pr)
		for _, m := range byProvider[pr] {
			fix := ""
			if m.HasFix {
				fix = "yes"
			}
			p.printf("| [%s](#%s) | %s | %s | %s |\n", m.ID, strings.ToLower(m.ID), m.Severity, escapeCell(m.Title), fix)
		}
		p.printf("\n")
	}
	p.printf("## Rules\n\n")
	for _, m := range metas {
		inherent := analysis.InherentRisk(m.Likelihood, m.Impact)
		p.printf("### %s\n\n**%s**\n\n", m.ID, m.Title)
		p.printf("| | |\n|---|---|\n")
		p.printf("| Severity | %s |\n", m.Severity)
		p.printf("| Risk | likelihood %d × impact %d = %d (%s) |\n", m.Likelihood, m.Impact, inherent, analysis.RiskLevel(float64(inherent)))
		p.printf("| Resources | %s |\n", codeList(m.Resources))
		p.printf("| STRIDE | %s |\n", strings.Join(m.Stride, ", "))
		var cwes []string
		for _, c := range m.CWE {
			n := strings.TrimPrefix(c, "CWE-")
			cwes = append(cwes, fmt.Sprintf("[%s](https://cwe.mitre.org/data/definitions/%s.html)", c, n))
		}
		p.printf("| CWE | %s |\n", strings.Join(cwes, ", "))
		if eq := append(append(append([]string{}, m.Equivalents.Tfsec...), m.Equivalents.Trivy...), m.Equivalents.Checkov...); len(eq) > 0 {
			p.printf("| Same check in other scanners | %s |\n", codeList(eq))
		}
		fix := "no"
		if m.HasFix {
			fix = "yes: a quick fix in the editor inserts the secure configuration"
		}
		p.printf("| Fix | %s |\n\n", fix)
		p.printf("%s\n\n", strings.TrimSpace(m.Description))
		if m.Remediation != "" {
			p.printf("**Recommended control:** %s\n\n", strings.TrimSpace(m.Remediation))
		}
		if len(m.Compliance) > 0 {
			p.printf("**Compliance:**\n\n")
			for _, c := range m.Compliance {
				req, ok := compliance.Lookup(c)
				if !ok {
					p.printf("- %s\n", c)
					continue
				}
				fw, _ := compliance.FrameworkByID(req.Framework)
				p.printf("- %s %s — %s\n", fw.Name, req.ID, req.Title)
			}
			p.printf("\n")
		}
	}
	return p.err
}

func providerName(p string) string {
	switch p {
	case "aws":
		return "AWS"
	case "azure":
		return "Azure"
	case "google":
		return "Google Cloud"
	case "graph":
		return "Architecture (graph rules)"
	case "":
		return "Other"
	}
	return p
}

func codeList(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = "`" + x + "`"
	}
	return strings.Join(out, ", ")
}

func escapeCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}

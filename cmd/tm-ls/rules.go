package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/packtest"
	"github.com/tm-ls/tm-ls/analysis/report"
)

// runRules lists the catalogue (`tm-ls rules`) or prints one rule in full
// (`tm-ls rules show ID`).
func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or md (the rule reference, docs/rules.md)")
	provider := fs.String("provider", "", "only rules for this provider (aws, azure, google)")
	var ruleDirs multiFlag
	fs.Var(&ruleDirs, "rules", "extra rule pack directory (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tm-ls rules [--format text|json] [--provider P] [--rules DIR]\n       tm-ls rules show RULE-ID\n       tm-ls rules test DIR   (run a rule pack's fixtures/RULE-ID/{fail,pass})\n\nFlags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) > 0 && pos[0] == "test" {
		if len(pos) != 2 {
			fmt.Fprintf(stderr, "Usage: tm-ls rules test DIR\n")
			return 2
		}
		return runRulesTest(ctx, pos[1], stdout, stderr)
	}
	metas, diags, err := analysis.RuleCatalog(ruleDirs)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls rules: %v\n", err)
		return 2
	}
	status := 0
	for _, d := range diags {
		fmt.Fprintf(stderr, "%s:%d:%d: %s\n", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Summary)
		if d.Severity >= model.SeverityHigh {
			status = 2
		}
	}
	if len(pos) > 0 {
		if pos[0] != "show" || len(pos) != 2 {
			fs.Usage()
			return 2
		}
		for _, m := range metas {
			if strings.EqualFold(m.ID, pos[1]) {
				if *format == "json" {
					return writeJSON(stdout, stderr, ruleJSON(m), status)
				}
				printRule(stdout, m)
				return status
			}
		}
		fmt.Fprintf(stderr, "tm-ls rules: no rule %q (see `tm-ls rules`)\n", pos[1])
		return 2
	}
	var shown []*model.RuleMeta
	for _, m := range metas {
		if *provider == "" || m.Provider == *provider {
			shown = append(shown, m)
		}
	}
	if *format == "md" {
		if err := report.RuleDocs(stdout, shown); err != nil {
			fmt.Fprintf(stderr, "tm-ls rules: %v\n", err)
			return 2
		}
		return status
	}
	if *format == "json" {
		out := make([]map[string]any, 0, len(shown))
		for _, m := range shown {
			out = append(out, ruleJSON(m))
		}
		return writeJSON(stdout, stderr, map[string]any{"count": len(out), "counts": providerCounts(shown), "rules": out}, status)
	}
	tw := tabwriter.NewWriter(stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tRESOURCES\tFIX\tTITLE")
	for _, m := range shown {
		fix := ""
		if m.HasFix {
			fix = "yes"
		}
		res := strings.Join(m.Resources, ",")
		if len(m.Resources) > 2 {
			res = fmt.Sprintf("%s,%s +%d", m.Resources[0], m.Resources[1], len(m.Resources)-2)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.ID, m.Severity, res, fix, m.Title)
	}
	tw.Flush()
	counts := providerCounts(shown)
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, counts[k]))
	}
	fmt.Fprintf(stdout, "\n%d rules (%s)\n", len(shown), strings.Join(parts, ", "))
	return status
}

func providerCounts(ms []*model.RuleMeta) map[string]int {
	c := map[string]int{}
	for _, m := range ms {
		p := m.Provider
		if p == "" {
			p = "other"
		}
		c[p]++
	}
	return c
}

func ruleJSON(m *model.RuleMeta) map[string]any {
	return map[string]any{
		"id": m.ID, "title": m.Title, "severity": m.Severity.String(), "provider": m.Provider,
		"resources": m.Resources, "stride": m.Stride, "cwe": m.CWE, "compliance": m.Compliance,
		"likelihood": m.Likelihood, "impact": m.Impact, "inherent_risk": analysis.InherentRisk(m.Likelihood, m.Impact),
		"description": m.Description, "remediation": m.Remediation, "has_fix": m.HasFix,
		"equivalents": map[string]any{"tfsec": m.Equivalents.Tfsec, "trivy": m.Equivalents.Trivy, "checkov": m.Equivalents.Checkov},
		"source":      m.Source,
	}
}

func printRule(w io.Writer, m *model.RuleMeta) {
	fmt.Fprintf(w, "%s: %s\n\n", m.ID, m.Title)
	fmt.Fprintf(w, "  severity    %s\n", m.Severity)
	fmt.Fprintf(w, "  risk        likelihood %d × impact %d = %d (%s)\n", m.Likelihood, m.Impact,
		analysis.InherentRisk(m.Likelihood, m.Impact), analysis.RiskLevel(float64(analysis.InherentRisk(m.Likelihood, m.Impact))))
	fmt.Fprintf(w, "  resources   %s\n", strings.Join(m.Resources, ", "))
	fmt.Fprintf(w, "  STRIDE      %s\n", strings.Join(m.Stride, ", "))
	fmt.Fprintf(w, "  CWE         %s\n", strings.Join(m.CWE, ", "))
	fmt.Fprintf(w, "  compliance  %s\n", strings.Join(m.Compliance, ", "))
	if eq := equivalents(m); eq != "" {
		fmt.Fprintf(w, "  same as     %s\n", eq)
	}
	fix := "no"
	if m.HasFix {
		fix = "yes (quick fix in the editor)"
	}
	fmt.Fprintf(w, "  fix         %s\n", fix)
	fmt.Fprintf(w, "  source      %s\n\n", m.Source)
	fmt.Fprintf(w, "%s\n", strings.TrimSpace(m.Description))
	if m.Remediation != "" {
		fmt.Fprintf(w, "\nRecommended control: %s\n", m.Remediation)
	}
}

func equivalents(m *model.RuleMeta) string {
	var parts []string
	parts = append(parts, m.Equivalents.Tfsec...)
	parts = append(parts, m.Equivalents.Trivy...)
	parts = append(parts, m.Equivalents.Checkov...)
	return strings.Join(parts, ", ")
}

func writeJSON(stdout, stderr io.Writer, v any, status int) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "tm-ls: %v\n", err)
		return 2
	}
	return status
}

// runRulesTest runs a rule pack's own fixtures and prints one line per rule.
func runRulesTest(ctx context.Context, dir string, stdout, stderr io.Writer) int {
	results, err := packtest.Run(ctx, dir)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls rules test: %v\n", err)
		return 2
	}
	failed := 0
	for _, r := range results {
		if len(r.Problems) == 0 {
			fmt.Fprintf(stdout, "ok    %s\n", r.Rule)
			continue
		}
		failed++
		fmt.Fprintf(stdout, "FAIL  %s\n", r.Rule)
		for _, p := range r.Problems {
			fmt.Fprintf(stdout, "      %s\n", p)
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", len(results)-failed, failed)
	if failed > 0 {
		return 1
	}
	return 0
}

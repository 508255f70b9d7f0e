package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/baseline"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/report"
)

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// runCheck analyses a workspace and prints its findings. Exit status: 0 clean,
// 1 an open finding at or above --fail-on, 2 usage errors or input that could not be
// loaded (a missing directory, a broken config or rule pack, a Terraform syntax error).
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or sarif")
	minSev := fs.String("severity", "info", "lowest severity to show: info, low, medium, high, critical")
	failOn := fs.String("fail-on", "", "exit 1 when an open finding is at or above this severity (info..critical, or none); default high, or fail_on from .tm-ls.hcl")
	showUnknown := fs.Bool("show-unknown", false, "list the rules that could not be decided because a value is unknown, and why")
	output := fs.String("o", "", "write the report to this file instead of standard output")
	baselinePath := fs.String("baseline", "", "compare with a saved `tm-ls check --format json` result: report new, fixed and unchanged threats and the change in residual risk")
	newOnly := fs.Bool("new-only", false, "with --baseline: show only new threats and fail only on them")
	var ruleDirs, frameworks multiFlag
	fs.Var(&ruleDirs, "rules", "extra rule pack directory (repeatable)")
	fs.Var(&frameworks, "framework", "report, per requirement of this framework (e.g. pci-dss-4.0), the rules that cover it and its open and passing findings (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tm-ls check [flags] [DIR]\n\nAnalyse the Terraform and threat models under DIR (default .).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	min, ok := model.ParseSeverity(*minSev)
	if !ok {
		fmt.Fprintf(stderr, "tm-ls check: --severity %q: want info, low, medium, high or critical\n", *minSev)
		return 2
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "tm-ls check: --format %q: want text, json or sarif\n", *format)
		return 2
	}
	dir, root, err := workspaceDir(pos)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
		return 2
	}
	res, err := analysis.Analyze(ctx, analysis.Options{Root: root, RuleDirs: ruleDirs, ShowUnknown: *showUnknown})
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
		return 2
	}
	threshold, fail, err := failThreshold(*failOn, res)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
		return 2
	}
	if *newOnly && *baselinePath == "" {
		fmt.Fprintln(stderr, "tm-ls check: --new-only needs --baseline FILE")
		return 2
	}
	if *baselinePath == "" && res.Config != nil && res.Config.Baseline != "" {
		*baselinePath = filepath.Join(root, res.Config.Baseline)
	}
	var diff *baseline.Diff
	if *baselinePath != "" {
		base, err := baseline.Load(*baselinePath)
		if err != nil {
			fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
			return 2
		}
		d := baseline.Compare(base, res.Findings)
		diff = &d
		if *newOnly {
			res = res.WithFindings(baseline.OnlyNew(base, res.Findings))
		}
	}

	out := stdout
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
			return 2
		}
		defer f.Close()
		out = f
	}
	opts := report.Options{MinSeverity: min, PathPrefix: filepath.ToSlash(filepath.Clean(dir)), Version: version, ShowUnknown: *showUnknown}
	opts.Frameworks = frameworks
	if len(opts.Frameworks) == 0 && res.Config != nil {
		opts.Frameworks = res.Config.Frameworks
	}
	if _, err := report.BuildCompliance(res, opts.Frameworks); err != nil {
		fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
		return 2
	}
	if opts.PathPrefix == "." {
		opts.PathPrefix = ""
	}
	switch *format {
	case "json":
		err = report.JSON(out, res, opts)
	case "sarif":
		err = report.SARIF(out, res, opts)
	default:
		err = report.Text(out, res, opts)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls check: writing the report: %v\n", err)
		return 2
	}
	if diff != nil {
		// The comparison goes with human output, or to stderr beside machine formats.
		w := out
		if *format != "text" {
			w = stderr
		}
		fmt.Fprintln(w)
		if err := diff.WriteText(w); err != nil {
			fmt.Fprintf(stderr, "tm-ls check: %v\n", err)
			return 2
		}
	}
	blocked := false
	for _, d := range res.Diagnostics {
		if d.Severity >= model.SeverityHigh {
			if *format != "text" {
				// Machine formats keep stdout for the report: every problem that
				// makes the input unusable is named on stderr.
				fmt.Fprintf(stderr, "tm-ls check: %s:%d: %s\n", d.File, d.Range.Start.Line, d.Summary)
			}
			blocked = true
		}
	}
	if blocked {
		return 2
	}
	if fail && diff != nil && *newOnly {
		if len(diff.NewAtOrAbove(threshold)) > 0 {
			return 1
		}
		return 0
	}
	if fail {
		for _, f := range res.Findings {
			if f.Status == model.Open && f.Severity >= threshold {
				return 1
			}
		}
	}
	return 0
}

// failThreshold resolves --fail-on, then the config's fail_on, then "high".
func failThreshold(flagValue string, res *analysis.Result) (model.Severity, bool, error) {
	if flagValue == "none" {
		return 0, false, nil
	}
	if flagValue != "" {
		s, ok := model.ParseSeverity(flagValue)
		if !ok {
			return 0, false, fmt.Errorf("--fail-on %q: want info, low, medium, high, critical or none", flagValue)
		}
		return s, true, nil
	}
	if res.Config != nil && res.Config.FailOn != nil {
		return *res.Config.FailOn, true, nil
	}
	return model.SeverityHigh, true, nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/report"
)

// runComplianceReport writes `tm-ls report compliance`: per framework and
// requirement, the rules that cover it and the open and passing findings.
func runComplianceReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report compliance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "md", "output format: md or json")
	output := fs.String("o", "", "write the report to this file")
	var frameworks multiFlag
	fs.Var(&frameworks, "framework", "framework ID, e.g. pci-dss-4.0 (repeatable; default: every framework the rules cite)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tm-ls report compliance [--framework ID] [--format md|json] [-o FILE] [DIR]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *format != "md" && *format != "json" {
		fmt.Fprintf(stderr, "tm-ls report compliance: --format %q: want md or json\n", *format)
		return 2
	}
	_, root, err := workspaceDir(pos)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls report compliance: %v\n", err)
		return 2
	}
	res, err := analysis.Analyze(ctx, analysis.Options{Root: root})
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls report compliance: %v\n", err)
		return 2
	}
	if len(frameworks) == 0 && res.Config != nil {
		frameworks = res.Config.Frameworks
	}
	rep, err := report.BuildCompliance(res, frameworks)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls report compliance: %v\n", err)
		return 2
	}
	out := stdout
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			fmt.Fprintf(stderr, "tm-ls report compliance: %v\n", err)
			return 2
		}
		defer f.Close()
		out = f
	}
	if *format == "json" {
		err = report.ComplianceJSON(out, rep)
	} else {
		err = report.ComplianceMarkdown(out, rep)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls report compliance: %v\n", err)
		return 2
	}
	return 0
}

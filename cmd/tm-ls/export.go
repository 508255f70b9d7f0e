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
	"github.com/tm-ls/tm-ls/analysis/export"
	"github.com/tm-ls/tm-ls/analysis/graph"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
)

// runExport writes the threat-model graph of a workspace and its graph findings as
// tm-ls JSON, OTM 0.2.0, Mermaid or Graphviz DOT. Exit status: 0 written, 2 usage
// errors or a workspace that could not be loaded.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output format: "+strings.Join(export.Formats, ", "))
	output := fs.String("o", "", "write to this file instead of standard output")
	top := fs.Int("top", 3, "number of attack paths to highlight in diagrams")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tm-ls export [--format json|otm|mermaid|dot] [-o FILE] [DIR]\n\nExport the threat model of the workspace DIR (default .): components, trust\nboundaries, data flows, attack paths and every finding.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	valid := false
	for _, f := range export.Formats {
		valid = valid || f == *format
	}
	if !valid {
		fmt.Fprintf(stderr, "tm-ls export: --format %q: want %s\n", *format, strings.Join(export.Formats, ", "))
		return 2
	}
	if *top < 0 {
		fmt.Fprintf(stderr, "tm-ls export: --top must not be negative\n")
		return 2
	}
	_, root, err := workspaceDir(pos)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls export: %v\n", err)
		return 2
	}
	// The full analysis: resource and graph findings, controls and acceptances applied.
	res, err := analysis.Analyze(ctx, analysis.Options{Root: root})
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls export: %v\n", err)
		return 2
	}
	printDiags(stderr, res.Diagnostics)
	g, findings := res.Graph, res.Findings
	paths := g.Paths
	if len(paths) > *top {
		paths = paths[:*top]
	}
	out, err := export.Write(*format, g, findings, paths)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls export: %v\n", err)
		return 2
	}
	if *output == "" {
		if _, err := stdout.Write(out); err != nil {
			fmt.Fprintf(stderr, "tm-ls export: writing: %v\n", err)
			return 2
		}
		return 0
	}
	if err := os.WriteFile(*output, out, 0o644); err != nil {
		fmt.Fprintf(stderr, "tm-ls export: %v\n", err)
		return 2
	}
	return 0
}

// loadGraph loads the Terraform and (when withDSL) the threat-model files under dir
// and builds the graph. The returned findings are empty: callers add graph threats.
func loadGraph(ctx context.Context, dir string, withDSL bool) (*model.Graph, []*model.Finding, []model.Diagnostic, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, nil, nil, fmt.Errorf("%s is not a readable directory", dir)
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("resolving %s: %w", dir, err)
	}
	ws, err := terraform.Load(ctx, terraform.Options{Root: root})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("loading Terraform: %w", err)
	}
	diags := append([]model.Diagnostic{}, ws.Diagnostics...)
	var dsl *tmdsl.Workspace
	if withDSL {
		var dd []model.Diagnostic
		dsl, dd = tmdsl.Load(root, nil)
		diags = append(diags, dd...)
	}
	g, bd := graph.Build(ws, dsl)
	return g, nil, append(diags, bd...), nil
}

// printDiags writes warnings and errors about the input to stderr, one per line.
func printDiags(w io.Writer, diags []model.Diagnostic) {
	for _, d := range diags {
		if d.Severity < model.SeverityMedium {
			continue
		}
		kind := "warning"
		if d.Severity >= model.SeverityHigh {
			kind = "error"
		}
		loc := d.File
		if d.Range.Start.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", d.File, d.Range.Start.Line, d.Range.Start.Column)
		}
		fmt.Fprintf(w, "%s: %s: %s [%s]\n", loc, kind, d.Summary, d.Code)
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/riskreport"
)

// runReport analyses a workspace and writes its risk report: a self-contained HTML
// page (default), Markdown with a Mermaid diagram, or JSON. Exit status: 0 written,
// 2 usage errors, an unreadable workspace or an unwritable output file. Findings do
// not change the exit status (that is `check`'s job).
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "html", "output format: html, md or json")
	output := fs.String("o", "", "write the report to this file instead of standard output")
	title := fs.String("title", "", "report title (default: the threat model's name, else \"tm-ls risk report\")")
	top := fs.Int("top", 10, "how many top risks to list")
	var ruleDirs multiFlag
	fs.Var(&ruleDirs, "rules", "extra rule pack directory (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tm-ls report [--format html|md|json] [-o FILE] [DIR]\n\nWrite the risk report of the workspace DIR (default .).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tm-ls report: "+format+"\n", a...)
		return 2
	}
	var write func(io.Writer, riskreport.Report) error
	switch *format {
	case "html":
		write = riskreport.WriteHTML
	case "md", "markdown":
		write = riskreport.WriteMarkdown
	case "json":
		write = riskreport.WriteJSON
	default:
		return fail("--format %q: want html, md or json", *format)
	}
	if *top < 1 {
		return fail("--top %d: want at least 1", *top)
	}
	_, root, err := workspaceDir(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	res, err := analysis.Analyze(ctx, analysis.Options{Root: root, RuleDirs: ruleDirs})
	if err != nil {
		return fail("%v", err)
	}
	rep := riskreport.Build(reportInput(res, *title, *top))

	out := stdout
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			return fail("%v", err)
		}
		defer f.Close()
		out = f
	}
	if err := write(out, rep); err != nil {
		return fail("%v", err)
	}
	if *output != "" {
		fmt.Fprintf(stderr, "tm-ls report: wrote %s (%d open findings, residual risk %.4g)\n", *output, rep.Open, rep.Residual)
	}
	return 0
}

// reportInput gathers what the report needs from an analysis. When the analysis
// result carries the threat-model graph, set Graph here (see the report to the lead):
// the diagram then shows components, boundaries and flows instead of resources.
func reportInput(res *analysis.Result, title string, top int) riskreport.Input {
	return riskreport.Input{Title: title, Findings: res.Findings, Resources: res.Resources, Graph: res.Graph, Version: version, Top: top}
}

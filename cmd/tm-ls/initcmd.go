package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tm-ls/tm-ls/analysis/graph"
)

// initFile is the name of the threat-model file `tm-ls init` writes.
const initFile = "threat-model.tm.hcl"

// runInit writes DIR/threat-model.tm.hcl from the model inferred from the Terraform
// (grouped by trust boundary, every component claiming its resources), to be edited
// by hand. It never overwrites an existing file without --force. Exit status: 0
// written, 1 the file exists, 2 usage errors or a workspace that could not be loaded.
func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "overwrite an existing "+initFile)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tm-ls init [--force] [DIR]\n\nWrite DIR/%s (default .) from the components, boundaries and flows\ninferred from the Terraform, ready to edit.\n\nFlags:\n", initFile)
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "tm-ls init: one directory at most, got %d\n", len(pos))
		return 2
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	target := filepath.Join(dir, initFile)
	if _, err := os.Stat(target); err == nil && !*force {
		fmt.Fprintf(stderr, "tm-ls init: %s already exists; use --force to overwrite it\n", target)
		return 1
	}
	g, _, diags, err := loadGraph(ctx, dir, false)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls init: %v\n", err)
		return 2
	}
	printDiags(stderr, diags)
	if err := os.WriteFile(target, graph.Skeleton(g), 0o644); err != nil {
		fmt.Fprintf(stderr, "tm-ls init: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "wrote %s: %d components, %d boundaries, %d flows inferred from the Terraform\n", target, len(g.Components), len(g.Boundaries), len(g.Flows))
	return 0
}

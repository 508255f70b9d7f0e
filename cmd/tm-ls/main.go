// Command tm-ls is the threat-modeling language server and its command line:
// `serve` speaks LSP on stdio, `check` analyses a workspace for CI, `rules` lists the
// catalogue, `version` prints the build.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `tm-ls: threat modeling for Terraform, in the editor and in CI

Usage:
  tm-ls serve [--log-file FILE] [--log-level LEVEL]   language server on stdio
  tm-ls check [flags] [DIR]                           analyse a workspace (default .)
  tm-ls rules [--format text|json|md] [show ID]       list the rule catalogue
  tm-ls export [--format json|otm|mermaid|dot] [DIR]  the threat model: components, boundaries, flows, paths
  tm-ls init [--force] [DIR]                          write a starting threat-model.tm.hcl from the Terraform
  tm-ls report [--format html|md|json] [-o FILE] [DIR]  risk report for people who do not live in the editor
  tm-ls report compliance [--framework ID] [DIR]      per-requirement compliance report
  tm-ls sync --to jira|ado|servicenow [--dry-run] [DIR]  open threats as work items in your tracker
  tm-ls version                                       print the version

Run 'tm-ls <command> --help' for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches a command line and returns the process exit status: 0 success,
// 1 findings at or above the failure threshold, 2 usage or load errors.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], stdin, stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "rules":
		return runRules(ctx, args[1:], stdout, stderr)
	case "report":
		if len(args) > 1 && args[1] == "compliance" {
			return runComplianceReport(ctx, args[2:], stdout, stderr)
		}
		return runReport(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "init":
		return runInit(ctx, args[1:], stdout, stderr)
	case "sync":
		return runSync(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "tm-ls %s\n", version)
		return 0
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "tm-ls: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
	trackersync "github.com/tm-ls/tm-ls/analysis/sync"
	"github.com/tm-ls/tm-ls/analysis/workitems"
)

// runSync analyses a workspace and either exports its open findings as tracker work
// items (`--export FORMAT`, no network) or brings a tracker in line with them
// (`--to TRACKER`, `--dry-run` to print the plan only). Credentials are read from the
// environment only. Exit status: 0 success, 1 the tracker refused or failed part of
// the sync (what was done is reported), 2 usage errors or input that could not be
// analysed.
func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runSyncEnv(ctx, args, stdout, stderr, os.Getenv)
}

func runSyncEnv(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "", "tracker to sync with: jira, ado or servicenow")
	dryRun := fs.Bool("dry-run", false, "print the plan (create, update, close) without changing the tracker")
	export := fs.String("export", "", "write work items in this format instead of syncing: "+strings.Join(workitems.Formats, ", "))
	output := fs.String("o", "", "with --export: write to this file instead of standard output")
	minSev := fs.String("severity", "info", "only findings at or above this severity: info, low, medium, high, critical")
	verbose := fs.Bool("v", false, "log every tracker request (method, URL, status; never credentials) to standard error")
	var ruleDirs multiFlag
	fs.Var(&ruleDirs, "rules", "extra rule pack directory (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: tm-ls sync --to jira|ado|servicenow [--dry-run] [flags] [DIR]
       tm-ls sync --export jira-csv|jira-json|ado-json|servicenow-json [-o FILE] [DIR]

Creates a work item per open finding, updates items whose finding changed and closes
items whose finding is fixed. Items are matched by the finding's stable key, so re-runs
never duplicate. Credentials come from the environment only:
  jira        TM_LS_JIRA_URL TM_LS_JIRA_EMAIL TM_LS_JIRA_TOKEN TM_LS_JIRA_PROJECT [TM_LS_JIRA_ISSUE_TYPE]
  ado         TM_LS_ADO_ORG_URL TM_LS_ADO_PROJECT TM_LS_ADO_TOKEN [TM_LS_ADO_WORKITEM_TYPE TM_LS_ADO_CLOSED_STATE]
  servicenow  TM_LS_SNOW_URL TM_LS_SNOW_USER TM_LS_SNOW_PASSWORD [TM_LS_SNOW_TABLE TM_LS_SNOW_CLOSED_STATE TM_LS_SNOW_CLOSE_CODE]

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "tm-ls sync: "+format+"\n", a...)
		return 2
	}
	if (*to == "") == (*export == "") {
		return fail("give exactly one of --to TRACKER or --export FORMAT (see --help)")
	}
	if *export != "" && !contains(workitems.Formats, *export) {
		return fail("--export %q: want one of %s", *export, strings.Join(workitems.Formats, ", "))
	}
	if *output != "" && *export == "" {
		return fail("-o only applies to --export")
	}
	if fs.NArg() > 1 {
		return fail("one directory at most, got %d", fs.NArg())
	}
	min, ok := model.ParseSeverity(*minSev)
	if !ok {
		return fail("--severity %q: want info, low, medium, high or critical", *minSev)
	}
	level := zapcore.WarnLevel
	if *verbose {
		level = zapcore.DebugLevel
	}
	logger := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.AddSync(stderr), level))
	defer logger.Sync() //nolint:errcheck // stderr

	var tracker trackersync.Tracker
	if *to != "" {
		// Configuration errors surface before the (slower) analysis.
		var err error
		tracker, err = trackersync.New(*to, getenv, &trackersync.Client{Log: logger})
		if err != nil {
			return fail("%v", err)
		}
	}

	items, code := openItems(ctx, fs.Args(), ruleDirs, min, *to != "" && !*dryRun, stderr)
	if code != 0 {
		return code
	}

	if *export != "" {
		out := stdout
		if *output != "" {
			f, err := os.Create(*output)
			if err != nil {
				return fail("%v", err)
			}
			defer f.Close()
			out = f
		}
		opts := workitems.Options{JiraProject: getenv("TM_LS_JIRA_PROJECT"), JiraIssueType: getenv("TM_LS_JIRA_ISSUE_TYPE"), ADOIncludeSeverity: true}
		if err := workitems.Write(out, *export, items, opts); err != nil {
			return fail("%v", err)
		}
		return 0
	}

	plan, rep, err := trackersync.Sync(ctx, tracker, items, *dryRun)
	if plan.Tracker == "" {
		// The search failed: nothing was planned or changed.
		fmt.Fprintf(stderr, "tm-ls sync: %v\n", err)
		return 1
	}
	if *dryRun {
		if err := plan.WriteText(stdout); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintln(stdout, "(dry run: nothing was changed)")
		return 0
	}
	if werr := rep.WriteText(stdout); werr != nil {
		return fail("%v", werr)
	}
	if err != nil {
		return 1
	}
	return 0
}

// openItems analyses the workspace and returns the work items of its open findings.
// When strict (a real sync), an analysis with errors (a syntax error, a broken rule
// pack) is refused: its findings may be incomplete, and syncing them would close the
// items of findings that were merely not evaluated.
func openItems(ctx context.Context, dirs []string, ruleDirs []string, min model.Severity, strict bool, stderr io.Writer) ([]workitems.Item, int) {
	_, root, err := workspaceDir(dirs)
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls sync: %v\n", err)
		return nil, 2
	}
	res, err := analysis.Analyze(ctx, analysis.Options{Root: root, RuleDirs: ruleDirs})
	if err != nil {
		fmt.Fprintf(stderr, "tm-ls sync: %v\n", err)
		return nil, 2
	}
	var errs []string
	for _, d := range res.Diagnostics {
		if d.Severity >= model.SeverityHigh {
			errs = append(errs, fmt.Sprintf("%s: %s", d.File, d.Summary))
		}
	}
	if len(errs) > 0 && strict {
		fmt.Fprintf(stderr, "tm-ls sync: the analysis has errors, so its findings may be incomplete; fix them first (or use --dry-run):\n  %s\n", strings.Join(errs, "\n  "))
		return nil, 2
	}
	var fs []*model.Finding
	for _, f := range res.Findings {
		if f.Severity >= min {
			fs = append(fs, f)
		}
	}
	return workitems.FromFindings(fs), 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

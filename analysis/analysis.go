// Package analysis turns a workspace (files on disk plus open editor buffers) into
// findings: it loads and evaluates the Terraform, runs the rules, applies
// suppressions, config and risk, and offers fixes. It knows nothing of LSP; the CLI
// and the language server are both thin consumers of Analyze.
package analysis

import (
	"context"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Options says what to analyse.
type Options struct {
	// Root is the absolute path of the workspace root.
	Root string
	// Overlays are open editor buffers keyed by absolute path; they take precedence
	// over the files on disk (and may name files that do not exist on disk yet).
	Overlays map[string][]byte
	// RuleDirs are extra rule pack directories (in addition to the config's).
	RuleDirs []string
	// ShowUnknown keeps the list of rules that could not be decided.
	ShowUnknown bool
}

// Edit is one text replacement in one file: the bytes [Start, End) of File (a path
// relative to the workspace root) are replaced by NewText. Line/column positions are
// given too (hcl.Pos semantics: 1-based line, byte offsets authoritative).
type Edit struct {
	File    string
	Start   int
	End     int
	NewText string
}

// Result is the outcome of one analysis: an immutable value that callers may share.
type Result struct {
	Root        string
	Findings    []*model.Finding
	Undecided   []model.Undecided
	Diagnostics []model.Diagnostic
	// Rules is the catalogue in force, sorted by ID.
	Rules []*model.RuleMeta
	// Files maps each analysed file (relative path) to the bytes analysed.
	Files map[string][]byte
	// Resources are every evaluated resource instance, sorted.
	Resources []*model.Resource
}

// Analyze runs a full analysis. It returns an error only when the workspace cannot
// be read at all or ctx is cancelled; every problem with the input is a Diagnostic.
func Analyze(ctx context.Context, opts Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Placeholder until the loader and the rule engine land: an empty result with
	// the right shape so that consumers can be built against it.
	return &Result{Root: opts.Root, Files: map[string][]byte{}}, nil
}

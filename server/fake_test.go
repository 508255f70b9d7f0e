package server

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// fakeAnalyzer is a small, predictable stand-in for analysis.Analyze, used to test
// the server's plumbing independently of the rule catalogue:
//   - every `resource "T" "N" {}` block is a resource;
//   - every "BAD" token is a TM-TEST-TOKEN finding (high) on its enclosing resource;
//   - every "needs_provider" token is a TM-TEST-CROSS finding (medium) unless some
//     file of the workspace contains "provider_present" (a cross-file rule);
//   - `# tm:ignore:RULE reason` on the line above a resource suppresses its findings;
//   - syntax errors are "syntax" diagnostics.
type fakeAnalyzer struct {
	delay     time.Duration // per analysis, cut short by cancellation
	calls     atomic.Int64
	cancelled atomic.Int64
	mu        sync.Mutex
	block     chan struct{} // when set, every analysis waits for it (or cancellation)
	panics    atomic.Bool
	unlocated string // a problem without a file, reported by every analysis
}

var testRule = &model.RuleMeta{
	ID: "TM-TEST-TOKEN", Title: "Bad token present", Severity: model.SeverityHigh,
	Stride: []string{"tampering"}, CWE: []string{"CWE-20"}, Compliance: []string{"pci-dss-4.0:6.2.4", "nist-800-53:SI-10"},
	Likelihood: 4, Impact: 3, Description: "A BAD token lets an attacker **tamper** with things.",
	Remediation: "Replace BAD with ok.", HasFix: true,
}

var crossRule = &model.RuleMeta{ID: "TM-TEST-CROSS", Title: "Provider missing", Severity: model.SeverityMedium, Likelihood: 2, Impact: 3}

func (fa *fakeAnalyzer) analyze(ctx context.Context, opts analysis.Options) (*analysis.Result, error) {
	fa.calls.Add(1)
	if fa.panics.Load() {
		panic("fake analyzer exploded")
	}
	fa.mu.Lock()
	block := fa.block
	fa.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			fa.cancelled.Add(1)
			return nil, ctx.Err()
		}
	}
	if fa.delay > 0 {
		select {
		case <-time.After(fa.delay):
		case <-ctx.Done():
			fa.cancelled.Add(1)
			return nil, ctx.Err()
		}
	}
	files := map[string][]byte{}
	_ = filepath.WalkDir(opts.Root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			if b, err := os.ReadFile(p); err == nil {
				files[filepath.ToSlash(mustRel(opts.Root, p))] = b
			}
		}
		return nil
	})
	for p, b := range opts.Overlays {
		if within(opts.Root, p) {
			files[filepath.ToSlash(mustRel(opts.Root, p))] = b
		}
	}
	res := &analysis.Result{Root: opts.Root, Files: files}
	if fa.unlocated != "" {
		res.Diagnostics = append(res.Diagnostics, model.Diagnostic{Severity: model.SeverityMedium, Summary: fa.unlocated, Code: "rule-file"})
	}
	provider := false
	for _, b := range files {
		provider = provider || bytes.Contains(b, []byte("provider_present"))
	}
	for rel, b := range files {
		f, diags := hclsyntax.ParseConfig(b, rel, hcl.InitialPos)
		for _, d := range diags {
			if d.Subject != nil {
				res.Diagnostics = append(res.Diagnostics, model.Diagnostic{Severity: model.SeverityHigh, File: rel, Range: *d.Subject, Summary: d.Summary, Detail: d.Detail, Code: "syntax"})
			}
		}
		var resources []*model.Resource
		if body, ok := f.Body.(*hclsyntax.Body); ok {
			for _, blk := range body.Blocks {
				if blk.Type == "resource" && len(blk.Labels) == 2 {
					addr := blk.Labels[0] + "." + blk.Labels[1]
					r := &model.Resource{Address: addr, BaseAddress: addr, Root: ".", Type: blk.Labels[0], Name: blk.Labels[1], File: rel, DeclRange: blk.DefRange(), BodyRange: blk.Range()}
					for _, a := range blk.Body.Attributes {
						for _, tr := range a.Expr.Variables() {
							if len(tr) >= 2 {
								if step, ok := tr[1].(hcl.TraverseAttr); ok {
									r.Refs = append(r.Refs, model.Ref{From: a.Name, To: tr.RootName() + "." + step.Name, Range: tr.SourceRange()})
								}
							}
						}
					}
					resources = append(resources, r)
				}
			}
		}
		res.Resources = append(res.Resources, resources...)
		add := func(meta *model.RuleMeta, token string) {
			for i := 0; ; {
				j := bytes.Index(b[i:], []byte(token))
				if j < 0 {
					return
				}
				start := i + j
				end := start + len(token)
				i = end
				owner := "file." + rel
				var decl *model.Resource
				for _, r := range resources {
					if r.BodyRange.Start.Byte <= start && end <= r.BodyRange.End.Byte {
						owner, decl = r.Address, r
					}
				}
				fd := &model.Finding{
					ID: meta.ID + "@" + owner, RuleID: meta.ID, Rule: meta, Resource: owner, Severity: meta.Severity,
					Message: meta.Title, File: rel,
					Range:      hcl.Range{Filename: rel, Start: hcl.Pos{Byte: start}, End: hcl.Pos{Byte: end}},
					Likelihood: meta.Likelihood, Impact: meta.Impact, Inherent: meta.Likelihood * meta.Impact,
					Residual: float64(meta.Likelihood * meta.Impact), Fixable: meta.HasFix,
				}
				if decl != nil {
					fd.Related = []model.Related{{Message: "declared here", File: rel, Range: decl.DeclRange}}
					ls := decl.DeclRange.Start.Byte
					for ls > 0 && b[ls-1] != '\n' {
						ls--
					}
					if ls > 0 {
						prev := ls - 1
						for prev > 0 && b[prev-1] != '\n' {
							prev--
						}
						if bytes.Contains(b[prev:ls], []byte("tm:ignore:"+meta.ID)) {
							fd.Status, fd.StatusNote = model.Suppressed, "ignored"
						}
					}
				}
				res.Findings = append(res.Findings, fd)
			}
		}
		add(testRule, "BAD")
		if !provider {
			add(crossRule, "needs_provider")
		}
	}
	return res, nil
}

func mustRel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return r
}

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// codeAction offers, for each finding in the range (or named by a diagnostic of the
// context): its quick fix, a suppression with a reason to fill in, and "fix all of
// this rule in the file" when several findings of the rule are fixable; plus the
// source action source.fixAll.tm-ls fixing every fixable finding of the file.
func (s *server) codeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	m := v.mapper(rel)
	start, end := m.offset(p.Range.Start), m.offset(p.Range.End)

	// Diagnostics of the context, by finding ID, to attach to the actions.
	diagOf := map[string]protocol.Diagnostic{}
	for _, d := range p.Context.Diagnostics {
		if id := findingIDOf(d); id != "" {
			diagOf[id] = d
		}
	}
	var inFile, selected []*model.Finding
	for _, f := range v.res.Findings {
		if v.relFile(f.File) != rel || f.Status == model.Suppressed {
			continue
		}
		inFile = append(inFile, f)
		_, named := diagOf[f.ID]
		if named || overlaps(f.Range.Start.Byte, f.Range.End.Byte, start, end) {
			selected = append(selected, f)
		}
	}

	actions := []protocol.CodeAction{}
	if wants(p.Context.Only, protocol.QuickFix) {
		rulesDone := map[string]bool{}
		for _, f := range selected {
			diags := s.diagsFor(v, f, diagOf)
			if f.Fixable {
				if title, edits, err := fixOf(v.res, f.ID); err == nil {
					actions = append(actions, protocol.CodeAction{
						Title: title, Kind: protocol.QuickFix, Diagnostics: diags, IsPreferred: true,
						Edit: s.workspaceEdit(v, edits),
					})
				} else {
					s.log.Debug("no fix", zap.String("finding", f.ID), zap.Error(err))
				}
			}
			if se := v.suppressEdit(f); !strings.HasSuffix(se.File, ".json") { // JSON has no comments
				actions = append(actions, protocol.CodeAction{
					Title: fmt.Sprintf("Suppress %s with a reason", f.RuleID), Kind: protocol.QuickFix, Diagnostics: diags,
					Edit: s.workspaceEdit(v, []analysis.Edit{se}),
				})
			}
			if !rulesDone[f.RuleID] {
				rulesDone[f.RuleID] = true
				var same []*model.Finding
				for _, g := range inFile {
					if g.RuleID == f.RuleID && g.Fixable {
						same = append(same, g)
					}
				}
				if len(same) > 1 {
					if edits := s.fixAll(v, same); len(edits) > 0 {
						actions = append(actions, protocol.CodeAction{
							Title: fmt.Sprintf("Fix all %s in file", f.RuleID), Kind: protocol.QuickFix,
							Edit: s.workspaceEdit(v, edits),
						})
					}
				}
			}
		}
	}
	if wants(p.Context.Only, protocol.QuickFix) {
		actions = append(actions, s.driftActions(v, rel, start, end, p.Context.Diagnostics)...)
	}
	if wants(p.Context.Only, sourceFixAll) {
		if edits := s.fixAll(v, inFile); len(edits) > 0 {
			actions = append(actions, protocol.CodeAction{
				Title: "Fix all tm-ls findings in file", Kind: sourceFixAll,
				Edit: s.workspaceEdit(v, edits),
			})
		}
	}
	return actions, nil
}

// fixAll collects the edits of every fixable finding given.
func (s *server) fixAll(v *view, fs []*model.Finding) []analysis.Edit {
	var all []analysis.Edit
	for _, f := range fs {
		if !f.Fixable {
			continue
		}
		if _, edits, err := fixOf(v.res, f.ID); err == nil {
			all = append(all, edits...)
		}
	}
	return mergeEdits(all)
}

// diagsFor returns the diagnostic the client sent for f, else the one published.
func (s *server) diagsFor(v *view, f *model.Finding, diagOf map[string]protocol.Diagnostic) []protocol.Diagnostic {
	if d, ok := diagOf[f.ID]; ok {
		return []protocol.Diagnostic{d}
	}
	if d, ok := v.findingDiagnostic(f); ok {
		return []protocol.Diagnostic{d}
	}
	return nil
}

// findingIDOf reads the finding ID back from a diagnostic's data.
func findingIDOf(d protocol.Diagnostic) string {
	if d.Data == nil {
		return ""
	}
	raw, err := json.Marshal(d.Data)
	if err != nil {
		return ""
	}
	var fd findingData
	if json.Unmarshal(raw, &fd) != nil {
		return ""
	}
	return fd.FindingID
}

// wants reports whether a code action kind passes the client's `only` filter.
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == kind || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

// overlaps reports whether [a0,a1] and [b0,b1] share a point.
func overlaps(a0, a1, b0, b1 int) bool {
	if a1 < a0 {
		a1 = a0
	}
	return a0 <= b1 && b0 <= a1
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package server

import (
	"strings"

	"go.lsp.dev/protocol"
)

// driftActions offers the quick fixes of drift diagnostics in [start, end) of rel:
// remove a stale reference or flow from the threat model, or declare what the
// infrastructure has and the model does not mention (analysis.Result.DriftFix).
func (s *server) driftActions(v *view, rel string, start, end int, ctx []protocol.Diagnostic) []protocol.CodeAction {
	var out []protocol.CodeAction
	for _, d := range v.res.Diagnostics {
		if !strings.HasPrefix(d.Code, "drift-") || v.relFile(d.File) != rel {
			continue
		}
		if !overlaps(d.Range.Start.Byte, d.Range.End.Byte, start, end) {
			continue
		}
		title, edits, ok := v.res.DriftFix(d)
		if !ok {
			continue
		}
		var diags []protocol.Diagnostic
		for _, c := range ctx {
			if c.Code == d.Code {
				diags = append(diags, c)
			}
		}
		if diags == nil {
			diags = []protocol.Diagnostic{v.inputDiagnostic(d)}
		}
		out = append(out, protocol.CodeAction{Title: title, Kind: protocol.QuickFix, Diagnostics: diags, Edit: s.workspaceEdit(v, edits)})
	}
	return out
}

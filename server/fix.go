package server

import (
	"fmt"
	"path/filepath"
	"sort"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// fixOf returns the title and the edits of the fix of a finding.
func fixOf(res *analysis.Result, findingID string) (string, []analysis.Edit, error) {
	title, edits, err := res.Fix(findingID)
	if err != nil {
		return "", nil, fmt.Errorf("fixing %s: %w", findingID, err)
	}
	return title, edits, nil
}

// suppressEdit inserts `# tm:ignore:RULE-ID TODO: reason` on the line above the
// block header of the flagged resource, indented like the header.
func (v *view) suppressEdit(f *model.Finding) analysis.Edit {
	file, start := f.File, f.Range.Start.Byte
	for _, r := range v.res.Resources {
		if r.Address == f.Resource && analysis.FindingID(f.RuleID, r) == f.ID {
			file, start = r.File, r.DeclRange.Start.Byte
			break
		}
	}
	text := v.text(v.relFile(file))
	if start > len(text) {
		start = len(text)
	}
	if start < 0 {
		start = 0
	}
	lineStart := start
	for lineStart > 0 && text[lineStart-1] != '\n' {
		lineStart--
	}
	indent := lineStart
	for indent < len(text) && (text[indent] == ' ' || text[indent] == '\t') {
		indent++
	}
	newText := string(text[lineStart:indent]) + "# tm:ignore:" + f.RuleID + " TODO: reason\n"
	return analysis.Edit{File: v.relFile(file), Start: lineStart, End: lineStart, NewText: newText}
}

// mergeEdits orders edits by file and position and drops any edit that overlaps an
// earlier one (two fixes rewriting the same bytes); insertions at one point are
// all kept, in order.
func mergeEdits(edits []analysis.Edit) []analysis.Edit {
	sorted := append([]analysis.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Start < b.Start
	})
	out := sorted[:0]
	lastFile, lastEnd := "", -1
	seen := map[analysis.Edit]bool{}
	for _, e := range sorted {
		if seen[e] {
			continue
		}
		if e.File == lastFile && e.Start < lastEnd {
			continue
		}
		seen[e] = true
		out = append(out, e)
		if e.File != lastFile || e.End > lastEnd {
			lastEnd = e.End
		}
		lastFile = e.File
	}
	return out
}

// workspaceEdit converts byte edits of the view's files to a WorkspaceEdit, with
// versioned document edits when the client supports them.
func (s *server) workspaceEdit(v *view, edits []analysis.Edit) *protocol.WorkspaceEdit {
	byFile := map[string][]protocol.TextEdit{}
	var files []string
	for _, e := range mergeEdits(edits) {
		rel := v.relFile(e.File)
		m := v.mapper(rel)
		if _, ok := byFile[rel]; !ok {
			files = append(files, rel)
		}
		byFile[rel] = append(byFile[rel], protocol.TextEdit{Range: m.rangeOf(e.Start, e.End), NewText: e.NewText})
	}
	caps := s.clientCaps()
	we := &protocol.WorkspaceEdit{}
	if caps.Workspace.WorkspaceEdit.DocumentChanges {
		for _, rel := range files {
			id := protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(v.snap.uri(rel))}}
			if ver, ok := v.snap.versions[filepath.Join(v.snap.root, filepath.FromSlash(rel))]; ok {
				id.Version = &ver
			}
			we.DocumentChanges = append(we.DocumentChanges, protocol.TextDocumentEdit{TextDocument: id, Edits: byFile[rel]})
		}
		return we
	}
	we.Changes = map[protocol.DocumentURI][]protocol.TextEdit{}
	for _, rel := range files {
		we.Changes[protocol.DocumentURI(v.snap.uri(rel))] = byFile[rel]
	}
	return we
}

package server

import (
	"encoding/binary"
	"hash/fnv"
	"sort"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// fileDiagnostics are the published diagnostics of one file with what they were
// computed from, so that the next view reuses them when nothing they depend on
// changed (most files, after an edit of one).
type fileDiagnostics struct {
	key   uint64 // the model items and settings the diagnostics came from
	deps  map[string][]byte
	diags []protocol.Diagnostic
	fp    string
}

// fileItems are the model items published in one file.
type fileItems struct {
	findings  []*model.Finding
	undecided []model.Undecided
	inputs    []model.Diagnostic
}

// diagnosticsFrom returns the diagnostics of every file of the view and their
// fingerprints, reusing prev's conversion of a file whose items are the same and
// whose text (and the text of every file its related locations point into) is the
// same: converting byte ranges to UTF-16 positions is the costly part.
func (v *view) diagnosticsFrom(prev *view) map[string]*fileDiagnostics {
	items := map[string]*fileItems{}
	at := func(rel string) *fileItems {
		it := items[rel]
		if it == nil {
			it = &fileItems{}
			items[rel] = it
		}
		return it
	}
	for _, f := range v.res.Findings {
		if f.File != "" {
			at(v.relFile(f.File)).findings = append(at(v.relFile(f.File)).findings, f)
		}
	}
	if v.showUnknown {
		for _, u := range v.res.Undecided {
			if u.File != "" {
				at(v.relFile(u.File)).undecided = append(at(v.relFile(u.File)).undecided, u)
			}
		}
	}
	for _, in := range v.res.Diagnostics {
		if in.File != "" {
			at(v.relFile(in.File)).inputs = append(at(v.relFile(in.File)).inputs, in)
		}
	}
	out := make(map[string]*fileDiagnostics, len(items))
	for rel, it := range items {
		key, deps := v.itemsKey(rel, it)
		if prev != nil && prev.published != nil {
			if old := prev.published[rel]; old != nil && old.key == key && sameDeps(old.deps, deps) {
				out[rel] = &fileDiagnostics{key: key, deps: deps, diags: old.diags, fp: old.fp}
				continue
			}
		}
		var ds []protocol.Diagnostic
		for _, f := range it.findings {
			if d, ok := v.findingDiagnostic(f); ok {
				ds = append(ds, d)
			}
		}
		for _, u := range it.undecided {
			ds = append(ds, protocol.Diagnostic{
				Range: v.mapper(u.File).hclRange(u.Range), Severity: protocol.DiagnosticSeverityHint,
				Code: u.RuleID, CodeDescription: &protocol.CodeDescription{Href: protocol.URI(ruleHref(u.RuleID))},
				Source: diagnosticSource, Message: "not decided: " + u.Reason,
			})
		}
		for _, in := range it.inputs {
			ds = append(ds, v.inputDiagnostic(in))
		}
		if len(ds) == 0 {
			continue
		}
		sort.SliceStable(ds, func(i, j int) bool { return lessRange(ds[i].Range, ds[j].Range) })
		out[rel] = &fileDiagnostics{key: key, deps: deps, diags: ds, fp: fingerprint(ds)}
	}
	return out
}

// itemsKey hashes everything the diagnostics of a file are made of, and lists the
// files whose text their positions depend on.
func (v *view) itemsKey(rel string, it *fileItems) (uint64, map[string][]byte) {
	h := fnv.New64a()
	var buf [8]byte
	num := func(n int) {
		binary.LittleEndian.PutUint64(buf[:], uint64(n))
		h.Write(buf[:])
	}
	str := func(s string) {
		num(len(s))
		h.Write([]byte(s))
	}
	deps := map[string][]byte{rel: v.text(rel)}
	num(int(v.minSeverity))
	for _, f := range it.findings {
		str(f.ID)
		str(f.RuleID)
		str(f.Message)
		str(f.StatusNote)
		num(int(f.Status))
		num(int(f.Severity))
		num(f.Range.Start.Byte)
		num(f.Range.End.Byte)
		if v.newIDs[f.ID] {
			num(1)
		} else {
			num(0)
		}
		for _, r := range f.Related {
			str(r.Message)
			str(r.File)
			num(r.Range.Start.Byte)
			num(r.Range.End.Byte)
			if r.File != "" {
				rr := v.relFile(r.File)
				if _, ok := deps[rr]; !ok {
					deps[rr] = v.text(rr)
				}
			}
		}
	}
	for _, u := range it.undecided {
		str(u.RuleID)
		str(u.Reason)
		num(u.Range.Start.Byte)
		num(u.Range.End.Byte)
	}
	for _, in := range it.inputs {
		str(in.Code)
		str(in.Summary)
		str(in.Detail)
		num(int(in.Severity))
		num(in.Range.Start.Byte)
		num(in.Range.End.Byte)
	}
	return h.Sum64(), deps
}

// sameDeps reports whether every file text a file's diagnostics depend on is the
// same (the same bytes, which unchanged files are: the loader does not re-read them).
func sameDeps(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for rel, x := range a {
		y, ok := b[rel]
		if !ok || len(x) != len(y) {
			return false
		}
		if len(x) > 0 && &x[0] != &y[0] && string(x) != string(y) {
			return false
		}
	}
	return true
}

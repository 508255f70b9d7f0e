package server

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
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
	// findings are the very findings the diagnostics came from: when the next
	// view's are the same pointers (shared by the analysis), their part of key
	// is known without hashing them again.
	findings    []*model.Finding
	findingsKey uint64
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
	rels := map[string]string{} // analysis file name → relative path, computed once per name
	relOf := func(name string) string {
		r, ok := rels[name]
		if !ok {
			r = v.relFile(name)
			rels[name] = r
		}
		return r
	}
	for _, f := range v.res.Findings {
		if f.File != "" {
			it := at(relOf(f.File))
			it.findings = append(it.findings, f)
		}
	}
	if v.showUnknown {
		for _, u := range v.res.Undecided {
			if u.File != "" {
				it := at(relOf(u.File))
				it.undecided = append(it.undecided, u)
			}
		}
	}
	for _, in := range v.res.Diagnostics {
		if in.File != "" {
			it := at(relOf(in.File))
			it.inputs = append(it.inputs, in)
		}
	}
	out := make(map[string]*fileDiagnostics, len(items))
	for rel, it := range items {
		var old *fileDiagnostics
		if prev != nil && prev.published != nil {
			old = prev.published[rel]
		}
		fk := uint64(0)
		if old != nil && slices.Equal(old.findings, it.findings) && prev.minSeverity == v.minSeverity && sameNewMarks(prev, v, it.findings) {
			fk = old.findingsKey // the same findings, judged the same: no need to hash them
		} else {
			fk = v.findingsKey(it)
		}
		key, deps := v.itemsKey(rel, it, rels, fk)
		if old != nil && old.key == key && sameDeps(old.deps, deps) {
			out[rel] = &fileDiagnostics{key: key, deps: deps, diags: old.diags, fp: old.fp, findings: it.findings, findingsKey: fk}
			continue
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
		out[rel] = &fileDiagnostics{key: key, deps: deps, diags: ds, fp: fingerprint(ds), findings: it.findings, findingsKey: fk}
	}
	return out
}

// findingsKey hashes what the diagnostics of a file's findings are made of.
func (v *view) findingsKey(it *fileItems) uint64 {
	h := newHash()
	h.num(int(v.minSeverity))
	for _, f := range it.findings {
		h.str(f.ID) // rule and resource
		h.str(f.Message)
		h.str(f.StatusNote)
		h.num(int(f.Status))
		h.num(int(f.Severity))
		h.num(f.Range.Start.Byte)
		h.num(f.Range.End.Byte)
		if v.newIDs[f.ID] {
			h.num(1)
		} else {
			h.num(0)
		}
		for _, r := range f.Related {
			h.str(r.Message)
			h.str(r.File)
			h.num(r.Range.Start.Byte)
			h.num(r.Range.End.Byte)
		}
	}
	return h.sum()
}

// sameNewMarks reports whether the baseline marks ([new]) of these findings are
// the same in both views.
func sameNewMarks(a, b *view, fs []*model.Finding) bool {
	if len(a.newIDs) == 0 && len(b.newIDs) == 0 {
		return true
	}
	for _, f := range fs {
		if a.newIDs[f.ID] != b.newIDs[f.ID] {
			return false
		}
	}
	return true
}

// itemsKey hashes everything the diagnostics of a file are made of (fk is the
// findings' part, findingsKey), and lists the files whose text their positions
// depend on.
func (v *view) itemsKey(rel string, it *fileItems, rels map[string]string, fk uint64) (uint64, map[string][]byte) {
	h := newHash()
	deps := map[string][]byte{rel: v.text(rel)}
	h.num(int(fk))
	for _, f := range it.findings {
		for _, r := range f.Related {
			if r.File != "" {
				rr, ok := rels[r.File]
				if !ok {
					rr = v.relFile(r.File)
					rels[r.File] = rr
				}
				if _, ok := deps[rr]; !ok {
					deps[rr] = v.text(rr)
				}
			}
		}
	}
	for _, u := range it.undecided {
		h.str(u.RuleID)
		h.str(u.Reason)
		h.num(u.Range.Start.Byte)
		h.num(u.Range.End.Byte)
	}
	for _, in := range it.inputs {
		h.str(in.Code)
		h.str(in.Summary)
		h.str(in.Detail)
		h.num(int(in.Severity))
		h.num(in.Range.Start.Byte)
		h.num(in.Range.End.Byte)
	}
	return h.sum(), deps
}

// itemsSeed seeds the hash of a file's items. It is fixed for the life of the
// process (keys are compared only within one server), and never changes after init.
var itemsSeed = maphash.MakeSeed()

// itemsHash hashes strings and numbers with hash/maphash: it runs over every
// finding on every publish, so it must be fast and allocate nothing.
type itemsHash struct {
	h   maphash.Hash
	buf [8]byte
}

func newHash() *itemsHash {
	h := &itemsHash{}
	h.h.SetSeed(itemsSeed)
	return h
}

func (h *itemsHash) str(s string) {
	h.num(len(s))
	h.h.WriteString(s)
}

func (h *itemsHash) num(n int) {
	binary.LittleEndian.PutUint64(h.buf[:], uint64(n))
	h.h.Write(h.buf[:])
}

func (h *itemsHash) sum() uint64 { return h.h.Sum64() }

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

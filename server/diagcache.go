package server

import (
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
	h := newHash()
	deps := map[string][]byte{rel: v.text(rel)}
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
			if r.File != "" {
				rr := v.relFile(r.File)
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
	return uint64(h), deps
}

// fnvHash is FNV-1a over strings and numbers, written out so that hashing a file's
// items allocates nothing (it runs over every finding on every publish).
type fnvHash uint64

func newHash() fnvHash { return 14695981039346656037 }

func (h *fnvHash) byte(b byte) {
	*h ^= fnvHash(b)
	*h *= 1099511628211
}

func (h *fnvHash) str(s string) {
	h.num(len(s))
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
}

func (h *fnvHash) num(n int) {
	u := uint64(n)
	for i := 0; i < 8; i++ {
		h.byte(byte(u >> (8 * i)))
	}
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

package server

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
)

// This file answers go-to-definition and find-references across the threat-model
// files (*.tm.hcl) and the Terraform they claim, and holds the helpers the other
// dsl_*.go handlers share. Every position goes through the view's UTF-16 mapper.

// isDSL reports whether a workspace-relative path is a threat-model file.
func isDSL(rel string) bool { return strings.HasSuffix(rel, tmdsl.Suffix) }

// location converts a byte range of a workspace file to an LSP location.
func (v *view) location(rel string, r hcl.Range) protocol.Location {
	rel = v.relFile(rel)
	return protocol.Location{URI: protocol.DocumentURI(v.snap.uri(rel)), Range: v.mapper(rel).hclRange(r)}
}

// terraformResources returns the resources a Terraform address written in a
// threat-model file names: instances whose address or base address (without the
// instance key) is addr, one per block (instances of one block share its ranges).
func (v *view) terraformResources(addr string) []*model.Resource {
	var out []*model.Resource
	seen := map[string]bool{}
	for _, r := range v.res.Resources {
		if r.Address != addr && r.BaseAddress != addr {
			continue
		}
		key := r.File + "\x00" + r.DeclRange.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, r)
	}
	return out
}

// dslTarget is the element the cursor designates in a threat-model file: a
// declaration address ("component.api") or a Terraform address, and where it is
// written under the cursor.
type dslTarget struct {
	addr      string
	terraform bool
	ref       *tmdsl.Ref  // the reference under the cursor, nil on a declaration
	decl      *tmdsl.Decl // the declaration named (nil for Terraform or undeclared)
}

// dslTargetAt returns what the cursor at byte offset off of a threat-model file
// names: the reference under it, else the declaration whose header holds it.
func (v *view) dslTargetAt(rel string, off int) (dslTarget, bool) {
	ws := v.res.DSL
	decl, ref := ws.At(rel, off)
	if ref != nil {
		t := dslTarget{addr: ref.Address, ref: ref, terraform: ref.Kind == tmdsl.RefKindTerraform}
		if !t.terraform {
			t.decl = ws.Definition(ref.Address)
		}
		return t, true
	}
	if decl != nil && contains(decl.Range.Start.Byte, decl.Range.End.Byte, off) {
		return dslTarget{addr: decl.Address, decl: decl}, true
	}
	return dslTarget{}, false
}

// definition jumps from a reference in a threat-model file to its declaration's
// label, or from a Terraform address in `terraform = [...]` (or `on = [...]`) to the
// resource block in its .tf file.
func (s *server) definition(ctx context.Context, p *protocol.DefinitionParams) ([]protocol.Location, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	if !isDSL(rel) || v.res.DSL == nil {
		return nil, nil
	}
	t, ok := v.dslTargetAt(rel, v.mapper(rel).offset(p.Position))
	if !ok {
		return nil, nil
	}
	if t.terraform {
		var out []protocol.Location
		for _, r := range v.terraformResources(t.addr) {
			out = append(out, v.location(r.File, r.DeclRange))
		}
		return out, nil
	}
	if t.decl == nil {
		return nil, nil
	}
	return []protocol.Location{v.location(t.decl.File, t.decl.LabelRange)}, nil
}

// references lists every place that refers to the element under the cursor: from a
// threat-model declaration or reference, the references to it across every
// threat-model file; from a Terraform resource block (or a Terraform address in a
// threat-model file), the threat-model references that claim it. The declaration
// (the DSL label, or the resource block header) is added when asked for.
func (s *server) references(ctx context.Context, p *protocol.ReferenceParams) ([]protocol.Location, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	ws := v.res.DSL
	off := v.mapper(rel).offset(p.Position)
	var addrs []string
	var decls []protocol.Location
	switch {
	case isDSL(rel):
		t, ok := v.dslTargetAt(rel, off)
		if !ok {
			return nil, nil
		}
		addrs = []string{t.addr}
		if t.terraform {
			for _, r := range v.terraformResources(t.addr) {
				decls = append(decls, v.location(r.File, r.DeclRange))
			}
		} else if t.decl != nil {
			decls = append(decls, v.location(t.decl.File, t.decl.LabelRange))
		}
	default:
		rs := v.resourcesAt(rel, off)
		if len(rs) == 0 {
			return nil, nil
		}
		seen := map[string]bool{}
		for _, r := range rs {
			for _, a := range []string{r.Address, r.BaseAddress} {
				if !seen[a] {
					seen[a] = true
					addrs = append(addrs, a)
				}
			}
		}
		decls = append(decls, v.location(rs[0].File, rs[0].DeclRange))
	}
	out := []protocol.Location{}
	if p.Context.IncludeDeclaration {
		out = append(out, decls...)
	}
	var refs []*tmdsl.Ref
	for _, a := range addrs {
		refs = append(refs, ws.References(a)...)
	}
	sort.SliceStable(refs, func(i, j int) bool {
		if refs[i].File != refs[j].File {
			return refs[i].File < refs[j].File
		}
		return refs[i].Range.Start.Byte < refs[j].Range.Start.Byte
	})
	for _, r := range refs {
		out = append(out, v.location(r.File, r.Range))
	}
	return out, nil
}

// dslSymbols lists the declarations of a threat-model file as document symbols: the
// address as the name, what matters most about the element as the detail, the
// whole block as the range and the label as the selection range.
func (v *view) dslSymbols(rel string) []protocol.DocumentSymbol {
	out := []protocol.DocumentSymbol{}
	if v.res.DSL == nil {
		return out
	}
	m := v.mapper(rel)
	for _, d := range v.res.DSL.Decls {
		if d.File != rel {
			continue
		}
		kind, detail := protocol.SymbolKindObject, d.Kind
		switch d.Kind {
		case tmdsl.KindModel:
			kind, detail = protocol.SymbolKindNamespace, "model"
		case tmdsl.KindData:
			kind, detail = protocol.SymbolKindConstant, "data · "+orNone(d.Str["classification"])
		case tmdsl.KindBoundary:
			kind, detail = protocol.SymbolKindPackage, "boundary · "+orNone(d.Str["trust"])
		case tmdsl.KindActor:
			kind = protocol.SymbolKindInterface
		case tmdsl.KindComponent:
			kind, detail = protocol.SymbolKindClass, "component · "+orNone(d.Str["kind"])
		case tmdsl.KindFlow:
			kind = protocol.SymbolKindEvent
			if from, to := d.Refs["from"], d.Refs["to"]; len(from) == 1 && len(to) == 1 {
				detail = "flow · " + from[0].Address + " → " + to[0].Address
			}
		case tmdsl.KindControl:
			kind, detail = protocol.SymbolKindProperty, "control · "+orNone(d.Str["status"])
		case tmdsl.KindAccept:
			kind, detail = protocol.SymbolKindKey, "accept · "+orNone(d.Str["owner"])
		}
		name := d.Address
		if d.Kind == tmdsl.KindModel || d.Kind == tmdsl.KindAccept {
			name = d.Kind + " " + d.Name
		}
		out = append(out, protocol.DocumentSymbol{Name: name, Detail: detail, Kind: kind,
			Range: m.hclRange(d.BodyRange), SelectionRange: m.hclRange(d.LabelRange)})
	}
	return out
}

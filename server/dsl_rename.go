package server

import (
	"context"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
)

// codeRequestFailed is the protocol's answer to a request that is valid but cannot
// be carried out (a rename of something that cannot be renamed).
const codeRequestFailed jsonrpc2.Code = -32803

func errRequestFailed(format string, args ...any) error {
	return jsonrpc2.NewError(codeRequestFailed, fmt.Sprintf(format, args...))
}

// renameSite is the declaration a rename at the cursor changes, and the bytes of
// the name under the cursor (in file), which prepareRename offers for editing.
type renameSite struct {
	decl       *tmdsl.Decl
	file       string
	start, end int
}

// renameSiteAt finds what a rename at byte offset off of a threat-model file would
// rename: a declaration (from its label or any reference to it). Terraform
// addresses, undeclared names, `model` and `accept` labels and declarations of
// imported models are refused with a message that says why.
func (v *view) renameSiteAt(rel string, off int) (*renameSite, error) {
	if !isDSL(rel) || v.res.DSL == nil {
		return nil, errRequestFailed("only threat-model (%s) declarations can be renamed here", tmdsl.Suffix)
	}
	t, ok := v.dslTargetAt(rel, off)
	if !ok {
		return nil, errRequestFailed("no threat-model element under the cursor")
	}
	if t.terraform {
		return nil, errRequestFailed("%s is a Terraform address: rename the resource in the Terraform, then update the threat model", t.addr)
	}
	d := t.decl
	switch {
	case d == nil:
		return nil, errRequestFailed("%s is not declared", t.addr)
	case d.Kind == tmdsl.KindModel || d.Kind == tmdsl.KindAccept:
		return nil, errRequestFailed("a %s label is not referenced anywhere: edit it in place", d.Kind)
	case d.Imported:
		return nil, errRequestFailed("%s is declared in an imported model (%s): rename it there", d.Address, d.File)
	}
	if t.ref != nil {
		text := v.text(t.ref.File)
		end := t.ref.Range.End.Byte
		start := end - len(d.Name)
		if start <= t.ref.Range.Start.Byte || end > len(text) || string(text[start:end]) != d.Name {
			return nil, errRequestFailed("cannot locate the name %q in the reference %s", d.Name, t.addr)
		}
		return &renameSite{decl: d, file: t.ref.File, start: start, end: end}, nil
	}
	start, end, err := v.labelName(d)
	if err != nil {
		return nil, err
	}
	return &renameSite{decl: d, file: d.File, start: start, end: end}, nil
}

// labelName returns the bytes of a declaration's label without its quotes.
func (v *view) labelName(d *tmdsl.Decl) (int, int, error) {
	text := v.text(d.File)
	start, end := d.LabelRange.Start.Byte+1, d.LabelRange.End.Byte-1
	if start < 1 || end > len(text) || start > end || text[start-1] != '"' || text[end] != '"' || string(text[start:end]) != d.Name {
		return 0, 0, errRequestFailed("cannot locate the label of %s", d.Address)
	}
	return start, end, nil
}

// prepareRename returns the range of the name that a rename at the cursor edits.
func (s *server) prepareRename(ctx context.Context, p *protocol.PrepareRenameParams) (*protocol.Range, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	site, err := v.renameSiteAt(rel, v.mapper(rel).offset(p.Position))
	if err != nil {
		return nil, err
	}
	r := v.mapper(site.file).rangeOf(site.start, site.end)
	return &r, nil
}

// rename renames a threat-model declaration: its label and every reference to it in
// every threat-model file of the workspace, as one workspace edit (versioned for
// open documents when the client supports it). The new name must be an identifier
// the language accepts and must not be declared already.
func (s *server) rename(ctx context.Context, p *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	site, err := v.renameSiteAt(rel, v.mapper(rel).offset(p.Position))
	if err != nil {
		return nil, err
	}
	d := site.decl
	if !tmdsl.ValidName(p.NewName) {
		return nil, errInvalidParams(fmt.Sprintf("%q is not a valid name: use letters, digits, '_' and '-', starting with a letter", p.NewName))
	}
	if p.NewName == d.Name {
		return s.workspaceEdit(v, nil), nil
	}
	if other := v.res.DSL.Lookup(d.Kind + "." + p.NewName); other != nil {
		return nil, errRequestFailed("%s.%s is already declared in %s", d.Kind, p.NewName, other.File)
	}
	start, end, err := v.labelName(d)
	if err != nil {
		return nil, err
	}
	edits := []analysis.Edit{{File: d.File, Start: start, End: end, NewText: p.NewName}}
	for _, r := range v.res.DSL.References(d.Address) {
		text := v.text(r.File)
		e := r.Range.End.Byte
		b := e - len(d.Name)
		if b <= r.Range.Start.Byte || e > len(text) || string(text[b:e]) != d.Name {
			return nil, errRequestFailed("cannot locate the name %q in the reference at %s:%d", d.Name, r.File, r.Range.Start.Line)
		}
		edits = append(edits, analysis.Edit{File: r.File, Start: b, End: e, NewText: p.NewName})
	}
	return s.workspaceEdit(v, edits), nil
}

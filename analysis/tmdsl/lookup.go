package tmdsl

import "github.com/hashicorp/hcl/v2"

// These functions are what the language server needs for *.tm.hcl files: the
// element under the cursor, where an element is declared, and who refers to it.

// At returns what is at byte offset off of file (a path relative to the root): the
// reference under the cursor (ref != nil), else the declaration whose label or
// header holds it (decl != nil, ref == nil), else the innermost declaration whose
// body holds it. Both are nil outside every declaration.
func (w *Workspace) At(file string, off int) (decl *Decl, ref *Ref) {
	if w == nil {
		return nil, nil
	}
	for _, r := range w.Refs {
		if r.File == file && inRange(r.Range, off) {
			return w.byAddr[r.From], r
		}
	}
	for _, d := range w.Decls {
		if d.File == file && inRange(d.BodyRange, off) {
			return d, nil
		}
	}
	return nil, nil
}

func inRange(r hcl.Range, off int) bool {
	return off >= r.Start.Byte && off <= r.End.Byte
}

// Definition returns the declaration an address names (nil for a Terraform address
// or an undeclared name); its LabelRange is where go-to-definition lands.
func (w *Workspace) Definition(addr string) *Decl { return w.Lookup(addr) }

// References returns every reference to addr (a declaration address or a Terraform
// address), in file order.
func (w *Workspace) References(addr string) []*Ref {
	if w == nil {
		return nil
	}
	var out []*Ref
	for _, r := range w.Refs {
		if r.Address == addr {
			out = append(out, r)
		}
	}
	return out
}

// Package tmdsl reads the threat-model language: every *.tm.hcl file of a
// workspace (and the models they import), with each declaration and each reference
// kept with its exact source range, so that the graph builder can merge the declared
// model with the one inferred from Terraform, and the language server can answer
// "what is under the cursor", "where is it declared" and "who refers to it".
//
// The language is small and regular: top-level blocks `model`, `data`, `boundary`,
// `actor`, `component`, `flow`, `control` and `accept`, each with one label; their
// attributes are literals or references written as HCL traversals
// (`component.api`, `data.card_number`, `aws_lb.api`). See the "Threat-model DSL"
// section of docs/design.md for the full grammar.
package tmdsl

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// Suffix is the file name suffix of threat-model files.
const Suffix = ".tm.hcl"

// maxFileSize is the size above which a threat-model file is skipped.
const maxFileSize = 10 << 20

// Kinds of declaration, as written at the top level of a file.
const (
	KindModel     = "model"
	KindData      = "data"
	KindBoundary  = "boundary"
	KindActor     = "actor"
	KindComponent = "component"
	KindFlow      = "flow"
	KindControl   = "control"
	KindAccept    = "accept"
)

// RefKindTerraform is the Kind of a reference to a Terraform resource.
const RefKindTerraform = "terraform"

// File is one parsed threat-model file.
type File struct {
	// Path is relative to the workspace root with forward slashes (it starts with
	// "../" for a file reached through an import outside the root); Abs is absolute.
	Path  string
	Abs   string
	Bytes []byte
	Body  *hclsyntax.Body
	// Imported is true when the file belongs to an imported model rather than the
	// workspace itself.
	Imported bool
}

// Ref is one reference written in a declaration.
type Ref struct {
	// Kind is the declaration kind referred to ("component", "data", ...) or
	// "terraform" for a Terraform address.
	Kind string
	// Address is the referenced address: "component.api", or the Terraform address
	// "aws_lb.api" / "module.net.aws_vpc.main" / "data.aws_iam_policy_document.p".
	Address string
	// Attr is the attribute that holds the reference ("boundary", "terraform", "on").
	Attr string
	// From is the address of the declaration that holds the reference.
	From  string
	File  string
	Range hcl.Range
	// Resolved is false when the reference names nothing declared (a diagnostic was
	// reported); Terraform references are resolved by the graph builder.
	Resolved bool
}

// Decl is one declaration.
type Decl struct {
	Kind string
	Name string
	// Address is Kind + "." + Name ("component.api"); for `accept` blocks, whose label
	// is a rule ID, "accept." + label + "#" + n when the same rule is accepted twice.
	Address string
	File    string
	// Range is the block header (type and labels), LabelRange the label's string,
	// BodyRange the whole block.
	Range      hcl.Range
	LabelRange hcl.Range
	BodyRange  hcl.Range
	// Imported is true for declarations from an imported model.
	Imported bool

	// Str holds string attributes (kind, trust, classification, protocol, status,
	// reason, owner, until, description, owner, source); Bool boolean ones
	// (authenticated, encrypted); Num numbers (port, effectiveness); List lists of
	// strings (frameworks, mitigates); Refs references by attribute name.
	Str     map[string]string
	Bool    map[string]bool
	Num     map[string]float64
	List    map[string][]string
	Refs    map[string][]Ref
	AttrRng map[string]hcl.Range
	Imports []Import
}

// Import is an `import "name" { source = "../x" }` block inside `model`.
type Import struct {
	Name   string
	Source string
	// Dir is the absolute directory the source resolves to.
	Dir   string
	File  string
	Range hcl.Range
}

// Workspace is every threat-model declaration of a workspace, imports included.
type Workspace struct {
	Root  string
	Files map[string]*File
	// Model is the workspace's own `model` block, nil when none.
	Model *Decl
	// Decls holds every declaration sorted by (file, position).
	Decls []*Decl
	// Refs holds every reference, sorted by (file, position).
	Refs []*Ref

	byAddr map[string]*Decl
}

// Lookup returns the declaration with this address, or nil.
func (w *Workspace) Lookup(addr string) *Decl {
	if w == nil {
		return nil
	}
	return w.byAddr[addr]
}

// Empty is true when no file declared anything.
func (w *Workspace) Empty() bool { return w == nil || len(w.Decls) == 0 }

// Load reads every *.tm.hcl file under root (overlays, keyed by absolute path, win
// over the disk and may name files that do not exist there), follows `import`
// blocks by relative path, and resolves references between declarations. It never
// fails: problems become diagnostics with exact ranges.
func Load(root string, overlays map[string][]byte) (*Workspace, []model.Diagnostic) {
	l := &loader{ws: &Workspace{Files: map[string]*File{}, byAddr: map[string]*Decl{}}, overlays: map[string][]byte{}}
	abs, err := filepath.Abs(root)
	if err != nil {
		l.diag(model.SeverityHigh, "", hcl.Range{}, "config", "cannot resolve workspace root", fmt.Sprintf("%s: %v", root, err))
		return l.ws, l.diags
	}
	l.ws.Root = abs
	for k, v := range overlays {
		l.overlays[filepath.Clean(k)] = v
	}
	paths := l.walk(abs)
	for _, p := range paths {
		l.loadFile(p, false)
	}
	l.followImports()
	l.resolve()
	sort.SliceStable(l.ws.Decls, func(i, j int) bool {
		return lessPos(l.ws.Decls[i].File, l.ws.Decls[i].Range, l.ws.Decls[j].File, l.ws.Decls[j].Range)
	})
	sort.SliceStable(l.ws.Refs, func(i, j int) bool {
		return lessPos(l.ws.Refs[i].File, l.ws.Refs[i].Range, l.ws.Refs[j].File, l.ws.Refs[j].Range)
	})
	sort.SliceStable(l.diags, func(i, j int) bool {
		return lessPos(l.diags[i].File, l.diags[i].Range, l.diags[j].File, l.diags[j].Range)
	})
	return l.ws, l.diags
}

func lessPos(fa string, ra hcl.Range, fb string, rb hcl.Range) bool {
	if fa != fb {
		return fa < fb
	}
	return ra.Start.Byte < rb.Start.Byte
}

type loader struct {
	ws       *Workspace
	overlays map[string][]byte
	diags    []model.Diagnostic
	loaded   map[string]bool // absolute dirs whose files were loaded as imports
}

func (l *loader) diag(sev model.Severity, file string, rng hcl.Range, code, summary, detail string) {
	l.diags = append(l.diags, model.Diagnostic{Severity: sev, File: file, Range: rng, Code: code, Summary: summary, Detail: detail})
}

// walk returns the absolute paths of every *.tm.hcl file under dir (and overlays
// under it), sorted.
func (l *loader) walk(dir string) []string {
	seen := map[string]bool{}
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", ".terraform":
				if p != dir {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), Suffix) && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
		return nil
	})
	for p := range l.overlays {
		if strings.HasSuffix(p, Suffix) && !seen[p] && within(dir, p) {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.ws.Root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

func (l *loader) loadFile(abs string, imported bool) {
	rel := l.rel(abs)
	if _, ok := l.ws.Files[rel]; ok {
		return
	}
	b, ok := l.overlays[abs]
	if !ok {
		st, err := os.Stat(abs)
		if err != nil {
			l.diag(model.SeverityHigh, rel, hcl.Range{}, "skipped-file", "cannot read threat-model file", err.Error())
			return
		}
		if st.Size() > maxFileSize {
			l.diag(model.SeverityMedium, rel, hcl.Range{}, "skipped-file", "threat-model file skipped: larger than 10 MB", "")
			return
		}
		b, err = os.ReadFile(abs)
		if err != nil {
			l.diag(model.SeverityHigh, rel, hcl.Range{}, "skipped-file", "cannot read threat-model file", err.Error())
			return
		}
	}
	if len(b) > maxFileSize {
		l.diag(model.SeverityMedium, rel, hcl.Range{}, "skipped-file", "threat-model file skipped: larger than 10 MB", "")
		return
	}
	f, syn := hclsyntax.ParseConfig(b, rel, hcl.Pos{Line: 1, Column: 1})
	for _, d := range syn {
		rng := hcl.Range{Filename: rel}
		if d.Subject != nil {
			rng = *d.Subject
		}
		l.diag(model.SeverityHigh, rel, rng, "syntax", d.Summary, d.Detail)
	}
	body, _ := f.Body.(*hclsyntax.Body)
	if body == nil {
		body = &hclsyntax.Body{}
	}
	file := &File{Path: rel, Abs: abs, Bytes: b, Body: body, Imported: imported}
	l.ws.Files[rel] = file
	l.decode(file)
}

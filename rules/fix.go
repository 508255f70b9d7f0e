package rules

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// Edit replaces the bytes [Start, End) of File (offsets into the file's current
// bytes) with NewText. Start == End inserts.
type Edit struct {
	File       string
	Start, End int
	NewText    string
}

// FixResult is a quick fix: its title and the edits that apply it, sorted by file and
// offset, never overlapping.
type FixResult struct {
	Title string
	Edits []Edit
}

// Fix computes the first applicable fix of the rule for resource r as minimal text
// edits: it replaces an existing attribute's expression, inserts missing attributes
// and nested blocks before the closing brace of their parent (indented like their
// siblings), and inserts new resources after the flagged block. No other byte of the
// file changes. src returns a file's current bytes by its path (r.File).
//
// It returns nil, nil when no fix applies: the rule has none, no fix's `applies` is
// true, a `target` fix finds no related resource (and has no add_resource), or the
// resource is declared in a .tf.json file. An error means a fix applies but cannot be
// computed (source missing or not parseable, a path that crosses an attribute).
func (ru *Rule) Fix(r *model.Resource, idx Index, src func(file string) ([]byte, bool)) (*FixResult, error) {
	return ru.FixCached(r, idx, src, nil)
}

// ParseCache keeps the files parsed for fixes during one analysis, so that deciding
// which of many findings in a file can be fixed parses that file once. It is safe
// for concurrent use; a file whose bytes changed is parsed again.
type ParseCache struct {
	files sync.Map // name → *parsedFile
}

// Seed adds a file already parsed elsewhere (the loader keeps the hclsyntax body of
// every file it read), so that fixes reuse it instead of parsing again.
func (c *ParseCache) Seed(name string, src []byte, body *hclsyntax.Body) {
	pf := &parsedFile{name: name, src: src, body: body, eol: "\n", unit: indentUnit(src)}
	if bytes.Contains(src, []byte("\r\n")) {
		pf.eol = "\r\n"
	}
	c.files.Store(name, pf)
}

// FixCached is Fix with parsed source files shared through cache (nil: no sharing).
func (ru *Rule) FixCached(r *model.Resource, idx Index, src func(file string) ([]byte, bool), cache *ParseCache) (*FixResult, error) {
	return ru.fix(r, idx, src, cache, false)
}

// FixAvailable reports whether Fix would return a fix for r, making the same
// decisions (applies, target, dynamic blocks, JSON files, source parse) but without
// rendering and formatting the new text: the cheap check behind Finding.Fixable,
// run for every finding of an analysis. A template that fails to render is caught
// by the catalogue's fix tests, not here.
func (ru *Rule) FixAvailable(r *model.Resource, idx Index, src func(file string) ([]byte, bool), cache *ParseCache) bool {
	fix, err := ru.fix(r, idx, src, cache, true)
	return err == nil && fix != nil && len(fix.Edits) > 0
}

func (ru *Rule) fix(r *model.Resource, idx Index, src func(file string) ([]byte, bool), cache *ParseCache, dry bool) (*FixResult, error) {
	if r == nil || len(ru.fixes) == 0 || isJSONFile(r.File) {
		return nil, nil
	}
	var act *activation // built on first need: most fixes have no `applies`
	for _, fx := range ru.fixes {
		if fx.applies != nil {
			if act == nil {
				st := newEvalState(idx)
				act = &activation{r: st.resourceVal(r, false), res: resMeta(r)}
			}
			ok, unk, err := runProgram(context.Background(), fx.applies, act)
			if err != nil || unk != nil || !ok {
				continue
			}
		}
		b := &fixBuilder{src: src, files: map[string]*parsedFile{}, cache: cache, dry: dry}
		flagged, err := b.block(r)
		if err != nil {
			return nil, err
		}
		vars := flagged.templateVars()
		switch {
		case fx.target != "":
			var target *model.Resource
			if idx != nil {
				for _, t := range idx.Related(r, fx.target) {
					if t != nil && t.Type == fx.target {
						target = t
						break
					}
				}
			}
			if target != nil {
				if isJSONFile(target.File) {
					continue
				}
				tb, err := b.block(target)
				if err != nil {
					return nil, err
				}
				if err := b.applySets(tb, fx.sets, vars); err != nil {
					return nil, fmt.Errorf("fix %q of %s on %s: %w", fx.title, ru.Meta.ID, target.Address, err)
				}
			} else if fx.addResource != nil {
				if err := b.addResource(flagged, fx.addResource, vars); err != nil {
					return nil, fmt.Errorf("fix %q of %s on %s: %w", fx.title, ru.Meta.ID, r.Address, err)
				}
			} else {
				continue
			}
		default:
			if err := b.applySets(flagged, fx.sets, vars); err != nil {
				return nil, fmt.Errorf("fix %q of %s on %s: %w", fx.title, ru.Meta.ID, r.Address, err)
			}
			if fx.addResource != nil {
				if err := b.addResource(flagged, fx.addResource, vars); err != nil {
					return nil, fmt.Errorf("fix %q of %s on %s: %w", fx.title, ru.Meta.ID, r.Address, err)
				}
			}
		}
		edits, err := b.result()
		if err != nil {
			return nil, fmt.Errorf("fix %q of %s on %s: %w", fx.title, ru.Meta.ID, r.Address, err)
		}
		if len(edits) == 0 {
			return nil, nil
		}
		return &FixResult{Title: fx.title, Edits: edits}, nil
	}
	return nil, nil
}

func isJSONFile(name string) bool { return strings.HasSuffix(name, ".json") }

// ApplyEdits applies non-overlapping edits of one file to its bytes. It is what an
// editor does with a FixResult, offered for the CLI and for tests.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var out bytes.Buffer
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps another or is out of range", e.Start, e.End)
		}
		out.Write(src[pos:e.Start])
		out.WriteString(e.NewText)
		pos = e.End
	}
	out.Write(src[pos:])
	return out.Bytes(), nil
}

// parsedFile is one source file a fix touches.
type parsedFile struct {
	name string
	src  []byte
	body *hclsyntax.Body
	eol  string
	unit string // one level of indentation in this file
}

// sourceBlock is the block of a resource in its file.
type sourceBlock struct {
	file  *parsedFile
	block *hclsyntax.Block
	res   *model.Resource
}

// fixBuilder accumulates the edits of one fix: attribute replacements, and new
// content per body (so that two set blocks creating the same missing block produce
// one block).
type fixBuilder struct {
	// dry decides whether a fix exists without rendering or formatting new text.
	dry     bool
	cache   *ParseCache
	src     func(string) ([]byte, bool)
	files   map[string]*parsedFile
	edits   []Edit
	inserts []*insertion
}

// insertion is new content for the body of one existing block.
type insertion struct {
	file  *parsedFile
	block *hclsyntax.Block
	node  *newNode
}

// newNode is the content of a body being created: attributes and nested blocks, in
// the order the set blocks name them.
type newNode struct {
	attrs  []newAttr
	blocks []*newBlock
}

type newAttr struct{ name, value string }

type newBlock struct {
	name string
	node *newNode
}

func (n *newNode) child(name string) *newNode {
	for _, b := range n.blocks {
		if b.name == name {
			return b.node
		}
	}
	b := &newBlock{name: name, node: &newNode{}}
	n.blocks = append(n.blocks, b)
	return b.node
}

func (n *newNode) setAttr(name, value string) {
	for i, a := range n.attrs {
		if a.name == name {
			n.attrs[i].value = value
			return
		}
	}
	n.attrs = append(n.attrs, newAttr{name, value})
}

func (b *fixBuilder) file(name string) (*parsedFile, error) {
	if f, ok := b.files[name]; ok {
		return f, nil
	}
	if b.src == nil {
		return nil, fmt.Errorf("no source for %s", name)
	}
	src, ok := b.src(name)
	if !ok {
		return nil, fmt.Errorf("the source of %s is not available", name)
	}
	if b.cache != nil {
		if v, ok := b.cache.files.Load(name); ok {
			if pf := v.(*parsedFile); bytes.Equal(pf.src, src) {
				b.files[name] = pf
				return pf, nil
			}
		}
	}
	f, ds := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if ds.HasErrors() {
		return nil, fmt.Errorf("%s has syntax errors; no fix is offered until they are corrected: %s", name, ds.Error())
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("%s is not native HCL syntax", name)
	}
	pf := &parsedFile{name: name, src: src, body: body, eol: "\n", unit: indentUnit(src)}
	if bytes.Contains(src, []byte("\r\n")) {
		pf.eol = "\r\n"
	}
	b.files[name] = pf
	if b.cache != nil {
		b.cache.files.Store(name, pf)
	}
	return pf, nil
}

// indentUnit guesses one level of indentation: a tab when the first indented line
// starts with one, else two spaces.
func indentUnit(src []byte) string {
	for _, line := range bytes.Split(src, []byte("\n")) {
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') && len(bytes.TrimSpace(line)) > 0 {
			if line[0] == '\t' {
				return "\t"
			}
			return "  "
		}
	}
	return "  "
}

// block finds the resource's block in its source file.
func (b *fixBuilder) block(r *model.Resource) (*sourceBlock, error) {
	f, err := b.file(r.File)
	if err != nil {
		return nil, err
	}
	kind := "resource"
	if r.Mode == model.Data {
		kind = "data"
	}
	var found *hclsyntax.Block
	for _, blk := range f.body.Blocks {
		if blk.Type != kind || len(blk.Labels) != 2 || blk.Labels[0] != r.Type || blk.Labels[1] != r.Name {
			continue
		}
		if found == nil || blk.TypeRange.Start.Byte == r.DeclRange.Start.Byte {
			found = blk
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%s %q %q is not declared in %s", kind, r.Type, r.Name, r.File)
	}
	return &sourceBlock{file: f, block: found, res: r}, nil
}

// templateVars are the variables of the fix templates for the flagged resource
// (type, name, self, address), and the meta-argument line a new resource needs to
// follow the flagged one's count or for_each ("" when it has neither).
func (sb *sourceBlock) templateVars() fixVars {
	typ, name := sb.res.Type, sb.res.Name
	ref := typ + "." + name
	if sb.res.Mode == model.Data {
		ref = "data." + ref
	}
	v := fixVars{typ: typ, name: name, self: ref, address: ref}
	attrs := sb.block.Body.Attributes
	switch {
	case attrs["for_each"] != nil:
		v.self = "each.value"
		v.meta = "for_each = " + ref
	case attrs["count"] != nil:
		v.self = ref + "[count.index]"
		v.meta = "count = length(" + ref + ")"
	}
	return v
}

// fixVars are the template variables of one fix application.
type fixVars struct{ typ, name, self, address, meta string }

func (v fixVars) cty() map[string]cty.Value {
	return templateVars(v.typ, v.name, v.self, v.address)
}

// applySets plans the set blocks of a fix on a resource's block.
func (b *fixBuilder) applySets(sb *sourceBlock, sets []setOp, vars fixVars) error {
	for _, op := range sets {
		text, err := valueText(op, vars)
		if err != nil {
			return err
		}
		if err := b.applySet(sb, op.path, text); err != nil {
			return fmt.Errorf("set %s: %w", strings.Join(op.path, "."), err)
		}
	}
	return nil
}

func valueText(op setOp, vars fixVars) (string, error) {
	if op.expr != nil {
		s, ds := renderTemplate(op.expr, vars.cty())
		if ds.HasErrors() {
			return "", fmt.Errorf("rendering expr: %s", ds.Error())
		}
		return strings.TrimSpace(s), nil
	}
	return string(bytes.TrimSpace(hclwrite.TokensForValue(op.value).Bytes())), nil
}

func (b *fixBuilder) applySet(sb *sourceBlock, path []string, text string) error {
	blk := sb.block
	i := 0
	for i < len(path)-1 {
		seg, idx, next := path[i], 0, i+1
		if next < len(path)-1 {
			if n, err := strconv.Atoi(path[next]); err == nil {
				idx, next = n, next+1
			}
		}
		var matches []*hclsyntax.Block
		for _, nb := range blk.Body.Blocks {
			if nb.Type == seg {
				matches = append(matches, nb)
			}
		}
		if idx < len(matches) {
			blk, i = matches[idx], next
			continue
		}
		if blk.Body.Attributes[seg] != nil {
			return fmt.Errorf("%s is an attribute, not a block", seg)
		}
		for _, nb := range blk.Body.Blocks {
			if nb.Type == "dynamic" && len(nb.Labels) == 1 && nb.Labels[0] == seg {
				return fmt.Errorf("%s is a dynamic block; change its content block by hand", seg)
			}
		}
		if idx > 0 {
			return fmt.Errorf("block %s.%d does not exist", seg, idx)
		}
		break
	}
	if i == len(path)-1 {
		name := path[i]
		if a := blk.Body.Attributes[name]; a != nil {
			rng := a.Expr.Range()
			if string(sb.file.src[rng.Start.Byte:rng.End.Byte]) != text {
				b.edits = append(b.edits, Edit{File: sb.file.name, Start: rng.Start.Byte, End: rng.End.Byte, NewText: text})
			}
			return nil
		}
		for _, nb := range blk.Body.Blocks {
			if nb.Type == name {
				return fmt.Errorf("%s is a block, not an attribute", name)
			}
		}
	}
	// Create the rest of the path inside blk.
	node := b.insertionFor(sb.file, blk)
	for ; i < len(path)-1; i++ {
		if _, err := strconv.Atoi(path[i]); err == nil {
			continue
		}
		node = node.child(path[i])
	}
	node.setAttr(path[len(path)-1], text)
	return nil
}

func (b *fixBuilder) insertionFor(f *parsedFile, blk *hclsyntax.Block) *newNode {
	for _, ins := range b.inserts {
		if ins.block == blk {
			return ins.node
		}
	}
	ins := &insertion{file: f, block: blk, node: &newNode{}}
	b.inserts = append(b.inserts, ins)
	return ins.node
}

// renderNode writes a body's new content unindented, for hclwrite.Format.
func renderNode(buf *bytes.Buffer, n *newNode) {
	for _, a := range n.attrs {
		fmt.Fprintf(buf, "%s = %s\n", a.name, a.value)
	}
	for _, blk := range n.blocks {
		fmt.Fprintf(buf, "%s {\n", blk.name)
		renderNode(buf, blk.node)
		buf.WriteString("}\n")
	}
}

// formatSnippet formats HCL text with hclwrite (only the snippet, never the file) and
// returns its lines re-indented: base before each line, and unit per nesting level.
func formatSnippet(text []byte, base, unit string) []string {
	formatted := hclwrite.Format(text)
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(string(formatted), "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			lines = append(lines, "")
			continue
		}
		trimmed := strings.TrimLeft(line, " ")
		depth := (len(line) - len(trimmed)) / 2
		lines = append(lines, base+strings.Repeat(unit, depth)+trimmed)
	}
	return lines
}

// lineIndent is the leading whitespace of the line holding offset off.
func lineIndent(src []byte, off int) string {
	start := lineStart(src, off)
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// bodyItems returns the byte ranges of a body's attributes and blocks.
func bodyItems(body *hclsyntax.Body) (first, last int, any bool) {
	first, last = -1, -1
	add := func(s, e int) {
		if first < 0 || s < first {
			first = s
		}
		if e > last {
			last = e
		}
	}
	for _, a := range body.Attributes {
		add(a.SrcRange.Start.Byte, a.SrcRange.End.Byte)
	}
	for _, nb := range body.Blocks {
		add(nb.TypeRange.Start.Byte, nb.CloseBraceRange.End.Byte)
	}
	return first, last, first >= 0
}

// insertionEdits turns the new content of one block body into edits before its
// closing brace.
func insertionEdits(ins *insertion) []Edit {
	f, blk := ins.file, ins.block
	src := f.src
	parentIndent := lineIndent(src, blk.TypeRange.Start.Byte)
	open, close := blk.OpenBraceRange.End.Byte, blk.CloseBraceRange.Start.Byte
	first, last, hasItems := bodyItems(blk.Body)

	childIndent := parentIndent + f.unit
	if hasItems && lineStart(src, first) > open {
		childIndent = lineIndent(src, first)
	}
	unit := f.unit
	if strings.Contains(childIndent, "\t") {
		unit = "\t"
	}
	var buf bytes.Buffer
	renderNode(&buf, ins.node)
	lines := formatSnippet(buf.Bytes(), childIndent, unit)
	eol := f.eol
	joined := strings.Join(lines, eol)

	closeLineStart := lineStart(src, close)
	if strings.TrimSpace(string(src[closeLineStart:close])) == "" {
		// `}` alone on its line: insert whole lines before it.
		return []Edit{{File: f.name, Start: closeLineStart, End: closeLineStart, NewText: joined + eol}}
	}
	if !hasItems {
		// `{}` or `{ }`: open the block up.
		return []Edit{{File: f.name, Start: open, End: close, NewText: eol + joined + eol + parentIndent}}
	}
	var edits []Edit
	if lineStart(src, first) <= open {
		// A single-line block `{ a = 1 }`: its content moves to its own line, since
		// HCL allows only one argument in a single-line block.
		edits = append(edits, Edit{File: f.name, Start: open, End: first, NewText: eol + childIndent})
	}
	// `}` after the last item on the same line: break the line before it.
	edits = append(edits, Edit{File: f.name, Start: last, End: close, NewText: eol + joined + eol + parentIndent})
	return edits
}

// addResource renders an add_resource template and inserts it after the flagged block,
// separated by a blank line, with the for_each or count the flagged block uses.
func (b *fixBuilder) addResource(sb *sourceBlock, expr hcl.Expression, vars fixVars) error {
	if b.dry {
		// Whether a resource can be added does not depend on its text; rendering and
		// parsing it is left to the real fix (the catalogue's fix tests render every one).
		b.edits = append(b.edits, Edit{File: sb.file.name, Start: sb.block.CloseBraceRange.End.Byte, End: sb.block.CloseBraceRange.End.Byte})
		return nil
	}
	text, ds := renderTemplate(expr, vars.cty())
	if ds.HasErrors() {
		return fmt.Errorf("rendering add_resource: %s", ds.Error())
	}
	text = strings.TrimSpace(text) + "\n"
	if meta := vars.meta; meta != "" {
		f, ds := hclsyntax.ParseConfig([]byte(text), "add_resource", hcl.InitialPos)
		if ds.HasErrors() {
			return fmt.Errorf("the rendered add_resource is not valid HCL: %s", ds.Error())
		}
		body := f.Body.(*hclsyntax.Body)
		if len(body.Blocks) > 0 {
			nb := body.Blocks[0]
			if nb.Body.Attributes["for_each"] == nil && nb.Body.Attributes["count"] == nil {
				at := nb.OpenBraceRange.End.Byte
				text = text[:at] + "\n" + meta + "\n" + text[at:]
			}
		}
	}
	src := sb.file.src
	lines := formatSnippet([]byte(text), lineIndent(src, sb.block.TypeRange.Start.Byte), sb.file.unit)
	eol := sb.file.eol
	at := sb.block.CloseBraceRange.End.Byte
	for at < len(src) && src[at] != '\n' {
		at++
	}
	if at > 0 && at <= len(src) && at > sb.block.CloseBraceRange.End.Byte && src[at-1] == '\r' {
		at--
	}
	b.edits = append(b.edits, Edit{File: sb.file.name, Start: at, End: at, NewText: eol + eol + strings.Join(lines, eol)})
	return nil
}

// result gathers the edits, sorted, and checks that none overlap.
func (b *fixBuilder) result() ([]Edit, error) {
	if b.dry {
		// Whether there is anything to do is all a dry run needs; the new blocks are
		// not formatted.
		if len(b.edits)+len(b.inserts) == 0 {
			return nil, nil
		}
		return []Edit{{}}, nil
	}
	edits := append([]Edit(nil), b.edits...)
	for _, ins := range b.inserts {
		edits = append(edits, insertionEdits(ins)...)
	}
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].File != edits[j].File {
			return edits[i].File < edits[j].File
		}
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	for i := 1; i < len(edits); i++ {
		p, e := edits[i-1], edits[i]
		if p.File == e.File && (e.Start < p.End || (e.Start == p.Start && e.End == p.End && e.Start == e.End)) {
			if e.Start == e.End && p.Start == p.End && e.Start == p.Start {
				// Two insertions at one offset: keep both, in order, as one edit.
				edits[i-1].NewText += e.NewText
				edits = append(edits[:i], edits[i+1:]...)
				i--
				continue
			}
			return nil, fmt.Errorf("edits overlap at %s:%d", e.File, e.Start)
		}
	}
	return edits, nil
}

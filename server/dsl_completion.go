package server

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis/tmdsl"
)

// Completion in threat-model files (*.tm.hcl) reads the text before the cursor with
// the HCL lexer (the file is usually incomplete while it is typed, so the parser's
// tree cannot be trusted) to find the enclosing block and the attribute whose value
// is being written, then offers what the language allows there: block types at the
// top level, attribute names in a block, enum values, references to declared
// elements, Terraform addresses (types, then names) and rule IDs.

// dslBlockKinds are the top-level block types, in the order a model is written.
var dslBlockKinds = []string{tmdsl.KindModel, tmdsl.KindData, tmdsl.KindBoundary, tmdsl.KindActor,
	tmdsl.KindComponent, tmdsl.KindFlow, tmdsl.KindControl, tmdsl.KindAccept}

// dslValues are the string values offered for an attribute (block kind → attribute
// → values): the language's enums and, for kind and protocol, the values the
// Terraform mapping tables use.
var dslValues = map[string]map[string][]string{
	tmdsl.KindData:     {"classification": tmdsl.Classifications},
	tmdsl.KindBoundary: {"trust": tmdsl.Trusts},
	tmdsl.KindComponent: {"kind": {"service", "datastore", "queue", "function", "gateway", "load-balancer", "cdn",
		"secret", "identity", "compute", "network", "ml-model"}},
	tmdsl.KindFlow: {"protocol": {"https", "http", "grpc", "tcp", "udp", "ssh", "postgres", "mysql", "tds", "redis",
		"mongodb", "kafka", "amqps", "aws-api", "ftp", "rdp", "telnet"}},
	tmdsl.KindControl: {"status": {"planned", "implemented"}},
}

// dslBools are the boolean attributes.
var dslBools = map[string]map[string]bool{tmdsl.KindFlow: {"authenticated": true, "encrypted": true}}

// dslRuleLists are the attributes holding rule IDs.
var dslRuleLists = map[string]map[string]bool{tmdsl.KindControl: {"mitigates": true}}

// dslRefTargets are the reference attributes and what they may name (declaration
// kinds, and tmdsl.RefKindTerraform for Terraform addresses).
var dslRefTargets = func() map[string]map[string][]string {
	elements := []string{tmdsl.KindComponent, tmdsl.KindFlow, tmdsl.KindActor, tmdsl.KindBoundary, tmdsl.RefKindTerraform}
	return map[string]map[string][]string{
		tmdsl.KindBoundary:  {"terraform": {tmdsl.RefKindTerraform}, "parent": {tmdsl.KindBoundary}},
		tmdsl.KindActor:     {"boundary": {tmdsl.KindBoundary}},
		tmdsl.KindComponent: {"boundary": {tmdsl.KindBoundary}, "terraform": {tmdsl.RefKindTerraform}, "stores": {tmdsl.KindData}, "processes": {tmdsl.KindData}},
		tmdsl.KindFlow:      {"from": {tmdsl.KindActor, tmdsl.KindComponent}, "to": {tmdsl.KindActor, tmdsl.KindComponent}, "data": {tmdsl.KindData}},
		tmdsl.KindControl:   {"on": elements},
		tmdsl.KindAccept:    {"on": elements},
	}
}()

// dslCursor is what the text before the cursor says about the completion site.
type dslCursor struct {
	// block is the innermost enclosing block type ("" at the top level); inObject is
	// true inside an object or other nested expression braces.
	block string
	// attr is the attribute whose value holds the cursor ("" at an attribute name).
	attr string
	// label is the block type whose first label is being written at the top level
	// (`accept "TM-…`), "" elsewhere.
	label string
	// present are the attributes already written in the enclosing block.
	present map[string]bool
	// stmtStart is true when nothing precedes the word being typed in its statement.
	stmtStart bool
	// inString is true inside a quoted string; start is where the text the item
	// replaces begins (the string's contents, or the word being typed).
	inString bool
	start    int
	word     string
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// dslCursorAt reads text[:off] with the HCL lexer.
func dslCursorAt(text []byte, off int) dslCursor {
	if off > len(text) {
		off = len(text)
	}
	src := text[:off]
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	cur := dslCursor{present: map[string]bool{}}

	// A quoted string left open at the cursor.
	n := len(toks)
	for n > 0 && toks[n-1].Type == hclsyntax.TokenEOF {
		n--
	}
	stop := off
	switch {
	case n > 0 && toks[n-1].Type == hclsyntax.TokenOQuote && toks[n-1].Range.End.Byte == off:
		cur.inString, cur.start, stop = true, off, toks[n-1].Range.Start.Byte
	case n > 1 && toks[n-1].Type == hclsyntax.TokenQuotedLit && toks[n-2].Type == hclsyntax.TokenOQuote && toks[n-1].Range.End.Byte == off:
		cur.inString, cur.start, stop = true, toks[n-1].Range.Start.Byte, toks[n-2].Range.Start.Byte
	default:
		start := off
		for start > 0 && isWordByte(src[start-1]) {
			start--
		}
		cur.start, stop = start, start
	}
	cur.word = string(src[cur.start:off])

	type frame struct {
		kind    string
		block   bool
		present map[string]bool
	}
	var stack []frame
	var line []hclsyntax.Token
	depth := 0
	for _, tok := range toks {
		if tok.Range.Start.Byte >= stop || tok.Type == hclsyntax.TokenEOF {
			break
		}
		switch tok.Type {
		case hclsyntax.TokenNewline:
			if depth == 0 {
				line = line[:0]
			}
			continue
		case hclsyntax.TokenComment:
			if depth == 0 && len(tok.Bytes) > 0 && tok.Bytes[len(tok.Bytes)-1] == '\n' {
				line = line[:0]
			}
			continue
		case hclsyntax.TokenOBrace:
			if depth == 0 && isBlockHeader(line) {
				stack = append(stack, frame{kind: string(line[0].Bytes), block: true, present: map[string]bool{}})
				line = line[:0]
				continue
			}
			depth++
		case hclsyntax.TokenCBrace:
			if depth == 0 {
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				line = line[:0]
				continue
			}
			depth--
		case hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			depth++
		case hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
			if depth > 0 {
				depth--
			}
		case hclsyntax.TokenEqual:
			if depth == 0 && len(line) == 1 && line[0].Type == hclsyntax.TokenIdent && len(stack) > 0 {
				stack[len(stack)-1].present[string(line[0].Bytes)] = true
			}
		}
		line = append(line, tok)
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		cur.block, cur.present = top.kind, top.present
	}
	cur.stmtStart = len(line) == 0
	if len(stack) == 0 && cur.inString && len(line) == 1 && line[0].Type == hclsyntax.TokenIdent {
		cur.label = string(line[0].Bytes)
	}
	if len(line) >= 2 && line[0].Type == hclsyntax.TokenIdent && line[1].Type == hclsyntax.TokenEqual {
		cur.attr = string(line[0].Bytes)
	}
	return cur
}

// isBlockHeader reports whether the tokens of a statement are a block header: an
// identifier followed by identifiers or quoted labels.
func isBlockHeader(line []hclsyntax.Token) bool {
	if len(line) == 0 || line[0].Type != hclsyntax.TokenIdent {
		return false
	}
	for _, t := range line[1:] {
		switch t.Type {
		case hclsyntax.TokenIdent, hclsyntax.TokenOQuote, hclsyntax.TokenQuotedLit, hclsyntax.TokenCQuote:
		default:
			return false
		}
	}
	return true
}

// completion offers completions in threat-model files; other files get none.
func (s *server) completion(ctx context.Context, p *protocol.CompletionParams) (*protocol.CompletionList, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	if !isDSL(rel) {
		return list, nil
	}
	m := v.mapper(rel)
	off := m.offset(p.Position)
	cur := dslCursorAt(v.text(rel), off)
	c := &completer{v: v, cur: cur, rng: m.rangeOf(cur.start, off)}
	c.complete()
	sort.SliceStable(c.items, func(i, j int) bool { return c.items[i].SortText < c.items[j].SortText })
	list.Items = append(list.Items, c.items...)
	return list, nil
}

type completer struct {
	v     *view
	cur   dslCursor
	rng   protocol.Range
	items []protocol.CompletionItem
}

// add appends an item that replaces rng (the word being typed, or its part after
// the last '.') with text; items keep the order in which they were added.
func (c *completer) add(label string, kind protocol.CompletionItemKind, detail, text string, rng protocol.Range) {
	c.items = append(c.items, protocol.CompletionItem{
		Label: label, Kind: kind, Detail: detail, FilterText: label,
		SortText: sortKey(len(c.items)),
		TextEdit: &protocol.TextEdit{Range: rng, NewText: text},
	})
}

func sortKey(i int) string {
	const digits = "0123456789"
	b := []byte("0000")
	for k := 3; k >= 0 && i > 0; k-- {
		b[k] = digits[i%10]
		i /= 10
	}
	return string(b)
}

func (c *completer) complete() {
	cur := c.cur
	switch {
	case cur.block == "" && cur.stmtStart && !cur.inString:
		for _, k := range dslBlockKinds {
			if k == tmdsl.KindModel && c.v.res.DSL != nil && c.v.res.DSL.Model != nil {
				continue // one model per workspace
			}
			c.add(k, protocol.CompletionItemKindKeyword, "threat-model block", k, c.rng)
		}
	case cur.block != "" && cur.stmtStart && !cur.inString:
		if cur.block == "import" {
			if !cur.present["source"] {
				c.add("source", protocol.CompletionItemKindProperty, "import", "source = ", c.rng)
			}
			return
		}
		schema, ok := tmdsl.Schemas[cur.block]
		if !ok {
			return
		}
		names := make([]string, 0, len(schema))
		for name := range schema {
			if !cur.present[name] {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		for _, name := range names {
			c.add(name, protocol.CompletionItemKindProperty, cur.block+" attribute", name+" = ", c.rng)
		}
		if cur.block == tmdsl.KindModel {
			c.add("import", protocol.CompletionItemKindKeyword, "import another model", "import", c.rng)
		}
	case cur.attr != "":
		c.value()
	case cur.label == tmdsl.KindAccept:
		for _, r := range c.v.res.Rules {
			c.add(r.ID, protocol.CompletionItemKindValue, r.Title, r.ID, c.rng)
		}
	}
}

// value completes the value of cur.attr in cur.block.
func (c *completer) value() {
	cur := c.cur
	if vals := dslValues[cur.block][cur.attr]; len(vals) > 0 {
		for _, val := range vals {
			text := val
			if !cur.inString {
				text = `"` + val + `"`
			}
			c.add(val, protocol.CompletionItemKindEnumMember, cur.block+"."+cur.attr, text, c.rng)
		}
		return
	}
	if cur.inString {
		if dslRuleLists[cur.block][cur.attr] {
			for _, r := range c.v.res.Rules {
				c.add(r.ID, protocol.CompletionItemKindValue, r.Title, r.ID, c.rng)
			}
		}
		return
	}
	if dslBools[cur.block][cur.attr] {
		for _, b := range []string{"true", "false"} {
			c.add(b, protocol.CompletionItemKindValue, cur.block+"."+cur.attr, b, c.rng)
		}
		return
	}
	if dslRuleLists[cur.block][cur.attr] {
		for _, r := range c.v.res.Rules {
			c.add(r.ID, protocol.CompletionItemKindValue, r.Title, `"`+r.ID+`"`, c.rng)
		}
		return
	}
	targets := dslRefTargets[cur.block][cur.attr]
	if len(targets) == 0 {
		return
	}
	c.references(targets)
}

// references completes a reference: after "kind." the declared names of that kind,
// after a Terraform address prefix the next segment of the addresses that start
// with it, and before any '.' the declared elements and the Terraform types.
func (c *completer) references(targets []string) {
	word := c.cur.word
	dot := strings.LastIndexByte(word, '.')
	allowTF := containsStr(targets, tmdsl.RefKindTerraform)
	var decls []*tmdsl.Decl
	if ws := c.v.res.DSL; ws != nil {
		decls = ws.Decls
	}
	if dot < 0 {
		for _, d := range decls {
			if containsStr(targets, d.Kind) {
				c.add(d.Address, protocol.CompletionItemKindReference, d.Kind+" in "+d.File, d.Address, c.rng)
			}
		}
		if allowTF {
			for _, seg := range c.terraformSegments("") {
				c.add(seg.name, seg.kind, seg.detail, seg.name, c.rng)
			}
		}
		return
	}
	head := word[:dot]
	rng := c.rng
	rng.Start.Character += uint32(utf16Len([]byte(word[:dot+1])))
	if containsStr(targets, head) && head != tmdsl.RefKindTerraform {
		for _, d := range decls {
			if d.Kind == head {
				c.add(d.Name, protocol.CompletionItemKindReference, d.Kind+" in "+d.File, d.Name, rng)
			}
		}
		return
	}
	if allowTF {
		for _, seg := range c.terraformSegments(head + ".") {
			c.add(seg.name, seg.kind, seg.detail, seg.name, rng)
		}
	}
}

type segment struct {
	name, detail string
	kind         protocol.CompletionItemKind
}

// terraformSegments returns the distinct next dot-separated segments of the
// workspace's resource addresses (without instance keys) that start with prefix:
// "" gives types, "module" and "data"; "aws_lb." gives names.
func (c *completer) terraformSegments(prefix string) []segment {
	seen := map[string]bool{}
	var out []segment
	for _, r := range c.v.res.Resources {
		addr := r.BaseAddress
		if r.Module != "" && strings.ContainsRune(r.Module, '[') {
			continue // instance keys of modules cannot be completed segment by segment
		}
		rest, ok := strings.CutPrefix(addr, prefix)
		if !ok || rest == "" {
			continue
		}
		seg, more, _ := strings.Cut(rest, ".")
		if seen[seg] {
			continue
		}
		seen[seg] = true
		s := segment{name: seg, kind: protocol.CompletionItemKindField, detail: addr}
		switch {
		case more != "" && (seg == "module" || strings.HasSuffix(prefix, "module.")):
			s.kind, s.detail = protocol.CompletionItemKindModule, "module"
		case more != "" && seg == "data":
			s.kind, s.detail = protocol.CompletionItemKindModule, "data sources"
		case more != "":
			s.kind, s.detail = protocol.CompletionItemKindClass, "resource type"
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

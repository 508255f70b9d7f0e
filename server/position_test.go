package server

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"go.lsp.dev/protocol"
)

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func TestMapperPositions(t *testing.T) {
	tests := []struct {
		name string
		text string
		off  int
		want protocol.Position
	}{
		{"ascii start", "abc\ndef", 0, pos(0, 0)},
		{"ascii second line", "abc\ndef", 5, pos(1, 1)},
		{"end of text", "abc\ndef", 7, pos(1, 3)},
		{"past end clamps", "abc\ndef", 99, pos(1, 3)},
		{"negative clamps", "abc", -4, pos(0, 0)},
		{"after é (2 bytes, 1 unit)", "é=x", 2, pos(0, 1)},
		{"inside é moves back", "é=x", 1, pos(0, 0)},
		{"after emoji (4 bytes, 2 units)", "🔒x", 4, pos(0, 2)},
		{"after combining e+◌́ (2 units)", "e\u0301x", 3, pos(0, 2)},
		{"after ZWJ sequence 👩‍💻 (5 units)", "👩\u200d💻x", 11, pos(0, 5)},
		{"CRLF second line", "ab\r\ncd", 5, pos(1, 1)},
		{"CRLF: the \\r is the end of the line", "ab\r\ncd", 2, pos(0, 2)},
		{"CRLF: the \\n clamps to the end of the line", "ab\r\ncd", 3, pos(0, 2)},
		{"empty text", "", 0, pos(0, 0)},
		{"trailing newline", "a\n", 2, pos(1, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMapper([]byte(tt.text))
			if got := m.position(tt.off); got != tt.want {
				t.Errorf("position(%d) = %v, want %v", tt.off, got, tt.want)
			}
		})
	}
}

func TestMapperOffsets(t *testing.T) {
	tests := []struct {
		name string
		text string
		p    protocol.Position
		want int
	}{
		{"ascii", "abc\ndef", pos(1, 2), 6},
		{"character past end of line clamps to line end", "abc\ndef", pos(0, 40), 3},
		{"line past end clamps to text end", "abc\ndef", pos(9, 0), 7},
		{"after é", "é=x", pos(0, 1), 2},
		{"after emoji", "🔒x", pos(0, 2), 4},
		{"inside surrogate pair moves back", "🔒x", pos(0, 1), 0},
		{"after ZWJ sequence", "👩\u200d💻x", pos(0, 5), 11},
		{"CRLF line end excludes \\r", "ab\r\ncd", pos(0, 9), 2},
		{"CRLF second line", "ab\r\ncd", pos(1, 2), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newMapper([]byte(tt.text)).offset(tt.p); got != tt.want {
				t.Errorf("offset(%v) = %d, want %d", tt.p, got, tt.want)
			}
		})
	}
}

// TestMapperHCL checks the mapper against hcl's own byte offsets on the example of
// the library notes: `zz` in `x = "é🔒e\u0301👩\u200d💻" == zz` is at hcl Column 15
// (grapheme clusters) but LSP character 20 (UTF-16 units).
func TestMapperHCL(t *testing.T) {
	src := "a = 1\nx = \"é🔒e\u0301👩\u200d💻\" == zz\n"
	f, diags := hclsyntax.ParseConfig([]byte(src), "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	attr := f.Body.(*hclsyntax.Body).Attributes["x"]
	bin := attr.Expr.(*hclsyntax.BinaryOpExpr)
	rng := bin.RHS.Range()
	m := newMapper([]byte(src))
	got := m.hclRange(rng)
	want := protocol.Range{Start: pos(1, 20), End: pos(1, 22)}
	if got != want {
		t.Fatalf("range of zz = %v, want %v (hcl column %d)", got, want, rng.Start.Column)
	}
	lit := m.hclRange(bin.LHS.Range())
	if lit.Start != pos(1, 4) || lit.End != pos(1, 16) {
		t.Errorf("string literal = %v, want 1:4-1:16", lit)
	}
	// A range whose End was left zero by a parse error is repaired to Start.
	broken := m.hclRange(hcl.Range{Start: rng.Start, End: hcl.Pos{}})
	if broken.End != broken.Start {
		t.Errorf("zero End not repaired: %v", broken)
	}
}

// TestMapperRoundTrip: every rune boundary survives offset → position → offset.
func TestMapperRoundTrip(t *testing.T) {
	text := "ré🔒\r\nx = \"👩\u200d💻\"\n\ne\u0301nd"
	m := newMapper([]byte(text))
	for off := range len(text) + 1 {
		if off < len(text) && !startsRune(text, off) {
			continue
		}
		if off > 0 && text[off-1] == '\r' {
			continue // between \r and \n: not addressable
		}
		if back := m.offset(m.position(off)); back != off {
			t.Errorf("offset %d → %v → %d", off, m.position(off), back)
		}
	}
	if !strings.Contains(text, "\r\n") {
		t.Fatal("test text lost its CRLF")
	}
}

func startsRune(s string, i int) bool { return s[i]&0xC0 != 0x80 }

func TestApplyChanges(t *testing.T) {
	r := func(l0, c0, l1, c1 uint32) *protocol.Range {
		return &protocol.Range{Start: pos(l0, c0), End: pos(l1, c1)}
	}
	text := []byte("a🔒b\nline2\n")
	got, err := applyChanges(text, []changeEvent{
		{Range: r(0, 3, 0, 4), Text: "B"},    // replace b after the emoji
		{Range: r(1, 0, 1, 0), Text: "é"},    // insert at line start (not a full change)
		{Range: r(1, 1, 1, 6), Text: "L"},    // replace "line2" after é
		{Range: r(5, 0, 5, 0), Text: "tail"}, // past the end appends
		{Range: nil, Text: "whole\n"},        // full text
		{Range: r(0, 5, 0, 5), Text: "!"},    // append to the first line
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "whole!\n" {
		t.Fatalf("got %q", got)
	}
	if string(text) != "a🔒b\nline2\n" {
		t.Fatal("applyChanges mutated its input")
	}
	got, err = applyChanges([]byte("a🔒b\nline2\n"), []changeEvent{
		{Range: r(0, 3, 0, 4), Text: "B"},
		{Range: r(1, 0, 1, 0), Text: "é"},
		{Range: r(1, 1, 1, 6), Text: "L"},
	})
	if err != nil || string(got) != "a🔒B\néL\n" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := applyChanges([]byte("abc"), []changeEvent{{Range: r(0, 2, 0, 1), Text: "x"}}); err == nil {
		t.Error("a reversed range was accepted")
	}
}

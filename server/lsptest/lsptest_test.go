package lsptest

import (
	"testing"

	"go.lsp.dev/protocol"
)

func TestPositionsAndEdits(t *testing.T) {
	text := "a🔒é\r\nx👩\u200d💻y\n"
	if p := Position(text, len("a🔒é")); p != (protocol.Position{Line: 0, Character: 4}) {
		t.Errorf("Position = %v", p)
	}
	if p := Position(text, len(text)); p != (protocol.Position{Line: 2, Character: 0}) {
		t.Errorf("Position(end) = %v", p)
	}
	for off := range len(text) + 1 {
		if off < len(text) && text[off]&0xC0 == 0x80 || off > 0 && text[off-1] == '\r' {
			continue
		}
		if back := Offset(text, Position(text, off)); back != off {
			t.Errorf("offset %d → %v → %d", off, Position(text, off), back)
		}
	}
	if off := Offset(text, protocol.Position{Line: 0, Character: 99}); off != len("a🔒é") {
		t.Errorf("past end of a CRLF line → %d", off)
	}
	got, err := ApplyEdits(text, []protocol.TextEdit{
		{Range: protocol.Range{Start: protocol.Position{Line: 1, Character: 1}, End: protocol.Position{Line: 1, Character: 6}}, NewText: "-"},
		{Range: protocol.Range{Start: protocol.Position{Line: 0, Character: 0}, End: protocol.Position{Line: 0, Character: 0}}, NewText: "1"},
		{Range: protocol.Range{Start: protocol.Position{Line: 0, Character: 0}, End: protocol.Position{Line: 0, Character: 0}}, NewText: "2"},
	})
	if err != nil || got != "12a🔒é\r\nx-y\n" {
		t.Errorf("ApplyEdits = %q, %v", got, err)
	}
	if _, err := ApplyEdits("abcdef", []protocol.TextEdit{
		{Range: protocol.Range{Start: protocol.Position{Character: 0}, End: protocol.Position{Character: 3}}},
		{Range: protocol.Range{Start: protocol.Position{Character: 2}, End: protocol.Position{Character: 4}}},
	}); err == nil {
		t.Error("overlapping edits accepted")
	}
}

package server

import (
	"sort"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"go.lsp.dev/protocol"
)

// mapper converts between byte offsets (what hcl.Pos.Byte and analysis edits carry)
// and LSP positions (0-based line, UTF-16 code units within the line). It is the one
// place where positions are converted; hcl's Column counts grapheme clusters and is
// never used. Lines end at "\n"; a "\r" before it belongs to no character position
// that a client can address beyond the end of the line.
type mapper struct {
	text  []byte
	lines []int // byte offset of the start of each line
}

func newMapper(text []byte) *mapper {
	lines := make([]int, 1, 64)
	for i, b := range text {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &mapper{text: text, lines: lines}
}

// lineEnd returns the offset of the end of line i, excluding its "\n" or "\r\n".
func (m *mapper) lineEnd(i int) int {
	end := len(m.text)
	if i+1 < len(m.lines) {
		end = m.lines[i+1] - 1
		if end > m.lines[i] && m.text[end-1] == '\r' {
			end--
		}
	}
	return end
}

// position converts a byte offset to an LSP position. Offsets are clamped to the
// text; an offset inside a multi-byte character or inside "\r\n" is moved back to
// the start of that character / the end of the line.
func (m *mapper) position(off int) protocol.Position {
	if off < 0 {
		off = 0
	}
	if off > len(m.text) {
		off = len(m.text)
	}
	line := sort.Search(len(m.lines), func(i int) bool { return m.lines[i] > off }) - 1
	start := m.lines[line]
	if end := m.lineEnd(line); off > end {
		off = end
	}
	for off > start && off < len(m.text) && !utf8.RuneStart(m.text[off]) {
		off--
	}
	return protocol.Position{Line: uint32(line), Character: uint32(utf16Len(m.text[start:off]))}
}

// offset converts an LSP position to a byte offset. A line past the end maps to the
// end of the text; a character past the end of its line maps to the end of the line
// (as the protocol asks); a character inside a surrogate pair maps to the start of
// that character.
func (m *mapper) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(m.lines) {
		return len(m.text)
	}
	off, end := m.lines[line], m.lineEnd(line)
	want := int(p.Character)
	units := 0
	for off < end {
		r, size := utf8.DecodeRune(m.text[off:end])
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > want {
			break
		}
		units += n
		off += size
	}
	return off
}

// rangeOf converts a byte range to an LSP range, repairing what parse errors leave
// behind: an End before Start (hcl sometimes leaves End zero) becomes Start.
func (m *mapper) rangeOf(start, end int) protocol.Range {
	if end < start {
		end = start
	}
	return protocol.Range{Start: m.position(start), End: m.position(end)}
}

// hclRange converts an hcl.Range using its byte offsets only.
func (m *mapper) hclRange(r hcl.Range) protocol.Range {
	return m.rangeOf(r.Start.Byte, r.End.Byte)
}

// utf16Len is the number of UTF-16 code units encoding b (invalid bytes count as
// one unit each, as U+FFFD would).
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// contains reports whether byte offset off lies in [start, end] (end inclusive, so
// that a cursor just after a token still hovers it).
func contains(start, end, off int) bool {
	if end < start {
		end = start
	}
	return start <= off && off <= end
}

package server

import (
	"bytes"
	"context"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"go.lsp.dev/protocol"
)

// formatting formats a threat-model file (*.tm.hcl) the way `terraform fmt` formats
// HCL (hclwrite.Format): one edit replacing the whole document when the text
// changes, none when it is already formatted. A file with syntax errors gets no
// edits (formatting a broken file could move text the user is still writing), and
// other files are left alone.
func (s *server) formatting(ctx context.Context, p *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	out := []protocol.TextEdit{}
	if !isDSL(rel) {
		return out, nil
	}
	src := v.text(rel)
	if _, diags := hclsyntax.ParseConfig(src, rel, hcl.InitialPos); diags.HasErrors() {
		return out, nil
	}
	formatted := hclwrite.Format(src)
	if bytes.Equal(formatted, src) {
		return out, nil
	}
	m := v.mapper(rel)
	return append(out, protocol.TextEdit{Range: m.rangeOf(0, len(src)), NewText: string(formatted)}), nil
}

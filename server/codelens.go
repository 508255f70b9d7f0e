package server

import (
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// lensData is the Data of an unresolved code lens.
type lensData struct {
	URI     string `json:"uri"`
	Address string `json:"address"`
}

// codeLens puts a lens on the header of every resource block with findings; its
// title is computed in codeLens/resolve.
func (s *server) codeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	flagged := map[string]bool{}
	for _, f := range v.res.Findings {
		if f.Status != model.Suppressed {
			flagged[f.Resource] = true
		}
	}
	lenses := []protocol.CodeLens{}
	seen := map[int]bool{}
	for _, r := range v.res.Resources {
		if v.relFile(r.File) != rel || !flagged[r.Address] || seen[r.DeclRange.Start.Byte] {
			continue
		}
		seen[r.DeclRange.Start.Byte] = true
		lenses = append(lenses, protocol.CodeLens{
			Range: v.mapper(rel).hclRange(r.DeclRange),
			Data:  lensData{URI: string(p.TextDocument.URI), Address: r.BaseAddress},
		})
	}
	return lenses, nil
}

// codeLensResolve fills in "N threats · highest severity".
func (s *server) codeLensResolve(ctx context.Context, l *protocol.CodeLens) (*protocol.CodeLens, error) {
	raw, err := json.Marshal(l.Data)
	if err != nil {
		return nil, errInvalidParams("code lens without data")
	}
	var d lensData
	if err := json.Unmarshal(raw, &d); err != nil || d.URI == "" {
		return nil, errInvalidParams("code lens data is not tm-ls's")
	}
	v, _, err := s.viewFor(ctx, d.URI)
	if err != nil {
		return nil, err
	}
	n, worst := 0, model.SeverityInfo
	for _, f := range v.res.Findings {
		if f.Status == model.Suppressed || (f.Resource != d.Address && baseOf(f.Resource) != d.Address) {
			continue
		}
		n++
		if f.Severity > worst {
			worst = f.Severity
		}
	}
	title := "no threats"
	switch {
	case n == 1:
		title = fmt.Sprintf("1 threat · %s", worst)
	case n > 1:
		title = fmt.Sprintf("%d threats · %s", n, worst)
	}
	out := *l
	out.Command = &protocol.Command{Title: title, Command: cmdResourceFindings, Arguments: []any{d.URI, d.Address}}
	return &out, nil
}

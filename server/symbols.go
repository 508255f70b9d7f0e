package server

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// documentSymbol lists the top-level blocks of a Terraform file: resources, data
// sources, modules, variables, outputs, locals and providers. Native syntax files
// come from the loader's syntax tree (which tolerates errors: a partial tree still
// has blocks);
// JSON files fall back to the analysed resources.
func (s *server) documentSymbol(ctx context.Context, p *protocol.DocumentSymbolParams) ([]protocol.DocumentSymbol, error) {
	v, rel, err := s.viewFor(ctx, string(p.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	if isDSL(rel) {
		return v.dslSymbols(rel), nil
	}
	m := v.mapper(rel)
	out := []protocol.DocumentSymbol{}
	if strings.HasSuffix(rel, ".json") {
		seen := map[int]bool{}
		for _, r := range v.res.Resources {
			if v.relFile(r.File) != rel || seen[r.DeclRange.Start.Byte] {
				continue
			}
			seen[r.DeclRange.Start.Byte] = true
			out = append(out, protocol.DocumentSymbol{Name: r.BaseAddress, Detail: r.Type, Kind: resourceKind(r.Mode),
				Range: m.hclRange(r.BodyRange), SelectionRange: m.hclRange(r.DeclRange)})
		}
		return out, nil
	}
	// The loader's tree of the analysed bytes; a file the analysis did not read
	// (excluded by the config) is parsed here as a fallback.
	body := v.res.Syntax(rel)
	if body == nil {
		file, _ := hclsyntax.ParseConfig(v.text(rel), rel, hcl.InitialPos)
		if file == nil {
			return out, nil
		}
		b, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			return out, nil
		}
		body = b
	}
	for _, b := range body.Blocks {
		name, kind, detail := symbolOf(b)
		if name == "" {
			continue
		}
		sym := protocol.DocumentSymbol{Name: name, Detail: detail, Kind: kind, Range: m.hclRange(b.Range()), SelectionRange: m.hclRange(b.DefRange())}
		if b.Type == "locals" {
			attrs := make([]*hclsyntax.Attribute, 0, len(b.Body.Attributes))
			for _, a := range b.Body.Attributes {
				attrs = append(attrs, a)
			}
			sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
			for _, a := range attrs {
				sym.Children = append(sym.Children, protocol.DocumentSymbol{Name: "local." + a.Name, Kind: protocol.SymbolKindConstant,
					Range: m.hclRange(a.SrcRange), SelectionRange: m.hclRange(a.NameRange)})
			}
		}
		out = append(out, sym)
	}
	return out, nil
}

func symbolOf(b *hclsyntax.Block) (string, protocol.SymbolKind, string) {
	l := b.Labels
	switch {
	case b.Type == "resource" && len(l) == 2:
		return l[0] + "." + l[1], protocol.SymbolKindStruct, "resource"
	case b.Type == "data" && len(l) == 2:
		return "data." + l[0] + "." + l[1], protocol.SymbolKindInterface, "data"
	case b.Type == "module" && len(l) == 1:
		return "module." + l[0], protocol.SymbolKindModule, "module"
	case b.Type == "variable" && len(l) == 1:
		return "var." + l[0], protocol.SymbolKindVariable, "variable"
	case b.Type == "output" && len(l) == 1:
		return "output." + l[0], protocol.SymbolKindProperty, "output"
	case b.Type == "provider" && len(l) == 1:
		return "provider." + l[0], protocol.SymbolKindNamespace, "provider"
	case b.Type == "locals":
		return "locals", protocol.SymbolKindNamespace, "locals"
	case b.Type == "terraform":
		return "terraform", protocol.SymbolKindNamespace, "settings"
	}
	return "", 0, ""
}

func resourceKind(m model.Mode) protocol.SymbolKind {
	if m == model.Data {
		return protocol.SymbolKindInterface
	}
	return protocol.SymbolKindStruct
}

// maxWorkspaceSymbols bounds one workspace/symbol answer.
const maxWorkspaceSymbols = 500

// workspaceSymbol finds the resources and data sources of every workspace, and the
// elements of its threat model (components, boundaries, actors, data, flows,
// controls, acceptances), whose name contains the query (case-insensitive).
func (s *server) workspaceSymbol(ctx context.Context, p *protocol.WorkspaceSymbolParams) ([]protocol.SymbolInformation, error) {
	views, err := s.allViews(ctx)
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(p.Query)
	out := []protocol.SymbolInformation{}
	for _, v := range views {
		seen := map[string]bool{}
		for _, r := range v.res.Resources {
			key := r.Root + "\x00" + r.BaseAddress
			if seen[key] || !strings.Contains(strings.ToLower(r.BaseAddress), q) {
				continue
			}
			seen[key] = true
			rel := v.relFile(r.File)
			out = append(out, protocol.SymbolInformation{
				Name: r.BaseAddress, Kind: resourceKind(r.Mode), ContainerName: r.Root,
				Location: protocol.Location{URI: protocol.DocumentURI(v.snap.uri(rel)), Range: v.mapper(rel).hclRange(r.DeclRange)},
			})
			if len(out) >= maxWorkspaceSymbols {
				return out, nil
			}
		}
		if v.res.DSL == nil {
			continue
		}
		files := map[string]bool{}
		for _, d := range v.res.DSL.Decls {
			files[d.File] = true
		}
		rels := make([]string, 0, len(files))
		for rel := range files {
			rels = append(rels, rel)
		}
		sort.Strings(rels)
		for _, rel := range rels {
			for _, sym := range v.dslSymbols(rel) {
				if !strings.Contains(strings.ToLower(sym.Name), q) {
					continue
				}
				out = append(out, protocol.SymbolInformation{
					Name: sym.Name, Kind: sym.Kind, ContainerName: sym.Detail,
					Location: protocol.Location{URI: protocol.DocumentURI(v.snap.uri(rel)), Range: sym.SelectionRange},
				})
				if len(out) >= maxWorkspaceSymbols {
					return out, nil
				}
			}
		}
	}
	return out, nil
}

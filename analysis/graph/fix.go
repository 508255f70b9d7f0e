package graph

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/tm-ls/tm-ls/analysis/model"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

// Fix is the recommended fix of a graph finding as one text insertion: a new
// resource (the rule's `add_resource` template) placed after the Terraform block of
// the flagged component. The language server turns it into a code action, the CLI
// into an edit; nothing else in the file changes.
type Fix struct {
	Title string
	// File is relative to the workspace root; Pos is where Text is inserted (the end
	// of the flagged block, just after its closing brace).
	File string
	Pos  hcl.Pos
	Text string
}

// FixFor returns the fix of a finding produced by Threats on g, when its rule has
// one and the flagged component is a single Terraform block (a resource expanded by
// count or for_each gets no automatic fix).
func FixFor(g *model.Graph, cat *graphrules.Catalog, f *model.Finding) (Fix, bool) {
	r := cat.Rule(f.RuleID)
	if r == nil || r.AddResource == "" {
		return Fix{}, false
	}
	var c *model.Component
	for _, x := range g.Components {
		if x.Address == f.Resource {
			c = x
		}
	}
	if c == nil {
		return Fix{}, false
	}
	return fixFor(r, c)
}

// fixTarget says whether the rule's fix applies to the component and returns the
// flagged block and the resource's address inside its module. It formats nothing,
// so that deciding Fixable for every finding stays cheap.
func fixTarget(r *graphrules.Rule, c *model.Component) (block model.Related, local string, ok bool) {
	block, ok = c.Evidence["block"]
	if !ok || r.AddResource == "" || len(c.Terraform) == 0 || strings.ContainsAny(block.Message, "[]") || block.File == "" {
		return block, "", false
	}
	if strings.Contains(r.AddResource, "aws_") && c.Provider != "aws" {
		return block, "", false
	}
	local = block.Message // the resource address, module prefix included
	for strings.HasPrefix(local, "module.") {
		parts := strings.SplitN(local, ".", 3)
		if len(parts) < 3 {
			return block, "", false
		}
		local = parts[2]
	}
	if !strings.Contains(local, ".") || strings.HasPrefix(local, "data.") {
		return block, "", false
	}
	return block, local, true
}

func fixFor(r *graphrules.Rule, c *model.Component) (Fix, bool) {
	block, local, ok := fixTarget(r, c)
	if !ok {
		return Fix{}, false
	}
	typ, name, _ := strings.Cut(local, ".")
	text := strings.NewReplacer("${name}", name, "${self}", local, "${type}", typ).Replace(r.AddResource)
	formatted := strings.TrimRight(string(hclwrite.Format([]byte(text))), "\n")
	return Fix{Title: r.FixTitle, File: block.File, Pos: block.Range.End, Text: "\n\n" + formatted + "\n"}, true
}

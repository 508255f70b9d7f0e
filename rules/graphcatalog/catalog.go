// Package graphcatalog embeds the built-in graph rules (*.hcl in this directory):
// rules over the threat-model graph's flows, components and attack paths, in the
// rule file format of docs/design.md with a `target`. rules/graph compiles them.
package graphcatalog

import (
	"embed"
	"sort"
)

// FS holds the rule files.
//
//go:embed *.hcl
var FS embed.FS

// Files lists the rule file names, sorted.
func Files() []string {
	entries, _ := FS.ReadDir(".")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

package analysis

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/graph"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// DriftFix proposes the edit that resolves a drift diagnostic between the declared
// threat model and the Terraform: remove a stale reference or a flow the network no
// longer allows, or declare in the model what the infrastructure has and the model
// does not mention (an exposed component, a datastore, a flow). ok is false for any
// other diagnostic, or when no safe edit exists.
func (res *Result) DriftFix(d model.Diagnostic) (title string, edits []Edit, ok bool) {
	if res.Graph == nil || res.DSL == nil || res.Partial {
		return "", nil, false
	}
	switch d.Code {
	case "drift-missing-resource":
		return res.removeReference(d)
	case "drift-flow-not-allowed":
		return res.removeFlow(d)
	case "drift-unmodeled":
		return res.declareComponent(d)
	case "drift-unmodeled-flow":
		return res.declareFlow(d)
	}
	return "", nil, false
}

// removeReference deletes the reference at d.Range from its list, with one comma.
func (res *Result) removeReference(d model.Diagnostic) (string, []Edit, bool) {
	src, ok := res.Files[d.File]
	start, end := d.Range.Start.Byte, d.Range.End.Byte
	if !ok || start < 0 || end > len(src) || start >= end {
		return "", nil, false
	}
	ref := string(src[start:end])
	// Take the comma after the element (and the blanks up to the next one), else the
	// comma before it.
	j := end
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j < len(src) && src[j] == ',' {
		j++
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		end = j
	} else {
		i := start
		for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
			i--
		}
		if i > 0 && src[i-1] == ',' {
			start = i - 1
		}
	}
	return "Remove the stale reference to " + ref, []Edit{{File: d.File, Start: start, End: end, NewText: ""}}, true
}

// removeFlow deletes a declared flow block that the infrastructure does not allow.
func (res *Result) removeFlow(d model.Diagnostic) (string, []Edit, bool) {
	for _, f := range res.Graph.Flows {
		if f.Origin != model.Declared || f.File != d.File || f.Range != d.Range {
			continue
		}
		decl := res.DSL.Lookup(f.Address)
		src, ok := res.Files[d.File]
		if decl == nil || !ok {
			return "", nil, false
		}
		start, end := lineStart(src, decl.BodyRange.Start.Byte), decl.BodyRange.End.Byte
		if end < len(src) && src[end] == '\n' {
			end++
		}
		return "Remove " + f.Address + " from the threat model", []Edit{{File: d.File, Start: start, End: end, NewText: ""}}, true
	}
	return "", nil, false
}

// declareComponent appends a component claiming the unmodelled resource.
func (res *Result) declareComponent(d model.Diagnostic) (string, []Edit, bool) {
	for _, c := range res.Graph.Components {
		if c.Origin != model.Inferred || c.File != d.File || c.Range != d.Range || len(c.Terraform) == 0 {
			continue
		}
		addr := c.Terraform[0]
		if strings.Contains(addr, ":") {
			return "", nil, false // a resource of another root module: the DSL cannot name it
		}
		name := res.freshName("component", identifier(c.Name))
		kind := c.Kind
		if kind == "" {
			kind = "service"
		}
		text := fmt.Sprintf("component %q {\n  kind      = %q\n  terraform = [%s]\n}\n", name, kind, addr)
		return res.appendToModel("Declare "+addr+" in the threat model as component."+name, text)
	}
	return "", nil, false
}

// declareFlow appends a flow for an infrastructure flow the model does not declare.
func (res *Result) declareFlow(d model.Diagnostic) (string, []Edit, bool) {
	for _, f := range res.Graph.Flows {
		if f.Origin != model.Inferred || f.File != d.File || f.Range != d.Range {
			continue
		}
		from := f.From
		if from == graph.InternetActor {
			from = res.untrustedActor()
		}
		if from == "" || res.DSL.Lookup(from) == nil || res.DSL.Lookup(f.To) == nil {
			return "", nil, false
		}
		name := res.freshName("flow", identifier(lastPart(from)+"_to_"+lastPart(f.To)))
		var b strings.Builder
		fmt.Fprintf(&b, "flow %q {\n  from = %s\n  to   = %s\n", name, from, f.To)
		if f.Protocol != "" {
			fmt.Fprintf(&b, "  protocol = %q\n", strings.ToLower(f.Protocol))
		}
		if f.Port > 0 {
			fmt.Fprintf(&b, "  port     = %d\n", f.Port)
		}
		b.WriteString("}\n")
		return res.appendToModel(fmt.Sprintf("Declare the flow %s → %s in the threat model", from, f.To), b.String())
	}
	return "", nil, false
}

// appendToModel adds text at the end of the workspace's threat-model file: the one
// holding the `model` block, else the first of its own (not imported) files.
func (res *Result) appendToModel(title, text string) (string, []Edit, bool) {
	file := ""
	if res.DSL.Model != nil && !res.DSL.Model.Imported {
		file = res.DSL.Model.File
	}
	if file == "" {
		var own []string
		for rel, f := range res.DSL.Files {
			if !f.Imported {
				own = append(own, rel)
			}
		}
		sort.Strings(own)
		if len(own) == 0 {
			return "", nil, false
		}
		file = own[0]
	}
	src, ok := res.Files[file]
	if !ok {
		return "", nil, false
	}
	prefix := "\n"
	if len(src) > 0 && src[len(src)-1] != '\n' {
		prefix = "\n\n"
	}
	return title, []Edit{{File: file, Start: len(src), End: len(src), NewText: prefix + text}}, true
}

// untrustedActor is the first declared actor in an untrusted boundary.
func (res *Result) untrustedActor() string {
	trust := map[string]string{}
	for _, b := range res.Graph.Boundaries {
		trust[b.Address] = b.Trust
	}
	for _, a := range res.Graph.Actors {
		if a.Origin == model.Declared && trust[a.Boundary] == "untrusted" {
			return a.Address
		}
	}
	return ""
}

// freshName returns name, or name_2, name_3… when kind.name is already declared.
func (res *Result) freshName(kind, name string) string {
	taken := func(n string) bool { return res.DSL.Lookup(kind+"."+n) != nil }
	if !taken(name) {
		return name
	}
	for i := 2; ; i++ {
		if n := fmt.Sprintf("%s_%d", name, i); !taken(n) {
			return n
		}
	}
}

var nonIdent = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// identifier makes a DSL name out of a resource or element name.
func identifier(s string) string {
	s = strings.Trim(nonIdent.ReplaceAllString(s, "_"), "_")
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		s = "c_" + s
	}
	return s
}

func lastPart(addr string) string {
	if i := strings.LastIndexByte(addr, '.'); i >= 0 {
		return addr[i+1:]
	}
	return addr
}

func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

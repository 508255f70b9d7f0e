package compliance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func TestEmbeddedCatalogueLoads(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"pci-dss-4.0", "nist-800-53-r5", "dora", "dora-rts-2024-1774", "osfi-b13", "mas-trm-2021", "cis-aws-1.4"}
	for _, id := range want {
		f, ok := FrameworkByID(id)
		if !ok {
			t.Errorf("framework %s is missing", id)
			continue
		}
		if f.Version == "" || f.Source == "" || len(f.Requirements) == 0 {
			t.Errorf("framework %s lacks version, source or requirements", id)
		}
	}
}

func TestLookup(t *testing.T) {
	r, ok := Lookup("nist-800-53-r5:SC-28")
	if !ok || r.Framework != "nist-800-53-r5" || r.ID != "SC-28" || r.Title != "Protection of Information at Rest" {
		t.Errorf("Lookup(SC-28) = %+v, %v", r, ok)
	}
	if r.Key() != "nist-800-53-r5:SC-28" {
		t.Errorf("Key() = %q", r.Key())
	}
	for _, bad := range []string{"", "pci-dss-4.0", "pci-dss-4.0:", "pci-dss-4.0:99.9", "nope:1.1", "osfi-b13:2.4"} {
		if _, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) succeeded", bad)
		}
	}
}

func TestFrameworksReturnsCopies(t *testing.T) {
	fs := Frameworks()
	fs[0].Requirements[0].Title = "changed"
	fs[0].Name = "changed"
	again := Frameworks()
	if again[0].Requirements[0].Title == "changed" || again[0].Name == "changed" {
		t.Error("Frameworks() exposes the shared catalogue")
	}
}

func TestParseRejectsBadData(t *testing.T) {
	cases := map[string]string{
		"not json":          `{`,
		"no framework id":   `{"frameworks":[{"name":"x","requirements":[]}]}`,
		"colon in id":       `{"frameworks":[{"id":"a:b","name":"x"}]}`,
		"duplicate fw":      `{"frameworks":[{"id":"a","name":"x"},{"id":"a","name":"y"}]}`,
		"requirement title": `{"frameworks":[{"id":"a","name":"x","requirements":[{"id":"1"}]}]}`,
		"duplicate req":     `{"frameworks":[{"id":"a","name":"x","requirements":[{"id":"1","title":"t"},{"id":"1","title":"u"}]}]}`,
	}
	for name, src := range cases {
		if _, err := parse([]byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestCatalogCitationsExist reads every rule file of the built-in catalogue and
// requires each `compliance` entry to be a requirement of this catalogue, so that no
// rule maps to a clause that does not exist.
func TestCatalogCitationsExist(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "catalog", "*.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no rule files in ../catalog")
	}
	cited := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		if diags.HasErrors() {
			t.Errorf("%s: %s", file, diags.Error())
			continue
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			if b.Type != "rule" || len(b.Labels) != 1 {
				continue
			}
			attr, ok := b.Body.Attributes["compliance"]
			if !ok {
				continue
			}
			v, diags := attr.Expr.Value(nil)
			if diags.HasErrors() || !v.Type().IsTupleType() && !v.Type().IsListType() {
				t.Errorf("%s: rule %s: compliance must be a list of strings", file, b.Labels[0])
				continue
			}
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if !e.Type().Equals(cty.String) {
					t.Errorf("%s: rule %s: compliance entries must be strings", file, b.Labels[0])
					continue
				}
				key := e.AsString()
				cited++
				if _, ok := Lookup(key); !ok {
					fw, _, _ := strings.Cut(key, ":")
					if _, known := FrameworkByID(fw); !known {
						t.Errorf("%s: rule %s cites %q: unknown framework %q", filepath.Base(file), b.Labels[0], key, fw)
					} else {
						t.Errorf("%s: rule %s cites %q, which is not in the compliance catalogue", filepath.Base(file), b.Labels[0], key)
					}
				}
			}
		}
	}
	if cited == 0 {
		t.Error("no rule cites any requirement")
	}
}

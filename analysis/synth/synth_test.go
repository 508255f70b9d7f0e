package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateIsDeterministicAndParses(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 60, 600, 7); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 60, 600, 7); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != 60 {
		t.Errorf("%d files, want 60", len(ta))
	}
	var names []string
	blocks := 0
	for name, content := range ta {
		names = append(names, name)
		if !bytes.Equal(content, tb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		f, diags := hclsyntax.ParseConfig(content, name, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", name, diags)
		}
		for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
			if blk.Type == "resource" || blk.Type == "data" {
				blocks++
			}
		}
	}
	sort.Strings(names)
	if !strings.Contains(strings.Join(names, " "), "modules/bucket/main.tf") {
		t.Errorf("no local module: %v", names)
	}
	if blocks < 300 {
		t.Errorf("only %d resource blocks", blocks)
	}
	c := t.TempDir()
	if err := Generate(c, 60, 600, 8); err != nil {
		t.Fatal(err)
	}
	same := true
	for name, content := range readTree(t, c) {
		if !bytes.Equal(content, ta[name]) {
			same = false
		}
	}
	if same {
		t.Error("a different seed gave the same workspace")
	}
}

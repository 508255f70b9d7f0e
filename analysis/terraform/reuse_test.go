package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// byRoot indexes resources by root and address.
func byRoot(ws *Workspace) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, r := range ws.Resources {
		if out[r.Root] == nil {
			out[r.Root] = map[string]bool{}
		}
		out[r.Root][r.Address] = true
	}
	return out
}

func TestPreviousReusesUntouchedRoots(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"modules/b/main.tf":    "variable \"name\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.name\n}\n",
		"stacks/a/main.tf":     "module \"b\" {\n  source = \"../../modules/b\"\n  name   = \"a\"\n}\nresource \"aws_instance\" \"x\" {\n  ami = \"ami-1\"\n}\n",
		"stacks/b/main.tf":     "resource \"aws_instance\" \"y\" {\n  ami = \"ami-2\"\n}\n",
		"stacks/c/main.tf":     "module \"b\" {\n  source = \"../../modules/b\"\n  name   = \"c\"\n}\n",
		"stacks/c/vars.tfvars": "",
	})
	ctx := context.Background()
	cache := NewCache()
	first, err := Load(ctx, Options{Root: dir, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	ptr := func(ws *Workspace, root, addr string) any { return ws.Lookup(root, addr) }

	// An edit in stacks/b re-evaluates stacks/b only.
	edited := "resource \"aws_instance\" \"y\" {\n  ami = \"ami-3\"\n}\n"
	second, err := Load(ctx, Options{Root: dir, Cache: cache, Previous: first,
		Overlays: map[string][]byte{filepath.Join(dir, "stacks/b/main.tf"): []byte(edited)}})
	if err != nil {
		t.Fatal(err)
	}
	if ptr(second, "stacks/a", "aws_instance.x") != ptr(first, "stacks/a", "aws_instance.x") ||
		ptr(second, "stacks/c", "module.b.aws_s3_bucket.this") != ptr(first, "stacks/c", "module.b.aws_s3_bucket.this") {
		t.Error("untouched roots were evaluated again")
	}
	y := second.Lookup("stacks/b", "aws_instance.y")
	if y == nil || y == first.Lookup("stacks/b", "aws_instance.y") || !y.Attrs.GetAttr("ami").RawEquals(cty.StringVal("ami-3")) {
		t.Fatalf("the edited root was not re-evaluated: %+v", y)
	}

	// An edit of a shared module re-evaluates every root that calls it, and only those.
	mod := "variable \"name\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = \"${var.name}-2\"\n}\n"
	third, err := Load(ctx, Options{Root: dir, Cache: cache, Previous: second, Overlays: map[string][]byte{
		filepath.Join(dir, "stacks/b/main.tf"):  []byte(edited),
		filepath.Join(dir, "modules/b/main.tf"): []byte(mod),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ptr(third, "stacks/b", "aws_instance.y") != ptr(second, "stacks/b", "aws_instance.y") {
		t.Error("a root that does not call the module was evaluated again")
	}
	for _, root := range []string{"stacks/a", "stacks/c"} {
		b := third.Lookup(root, "module.b.aws_s3_bucket.this")
		if b == nil || b == second.Lookup(root, "module.b.aws_s3_bucket.this") {
			t.Errorf("%s calls the edited module but was reused", root)
		}
	}

	// Reuse never changes the outcome: the incremental Loads equal cold Loads of the same input.
	cold, err := Load(ctx, Options{Root: dir, Overlays: map[string][]byte{
		filepath.Join(dir, "stacks/b/main.tf"):  []byte(edited),
		filepath.Join(dir, "modules/b/main.tf"): []byte(mod),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cold.Resources) != len(third.Resources) {
		t.Fatalf("incremental %d resources, cold %d", len(third.Resources), len(cold.Resources))
	}
	for i := range cold.Resources {
		a, b := cold.Resources[i], third.Resources[i]
		if a.Address != b.Address || a.Root != b.Root || !a.Attrs.RawEquals(b.Attrs) || a.DeclRange != b.DeclRange {
			t.Errorf("resource %d differs: cold %s %#v, incremental %s %#v", i, a.Address, a.Attrs, b.Address, b.Attrs)
		}
	}
	if len(cold.Diagnostics) != len(third.Diagnostics) {
		t.Errorf("diagnostics: cold %d, incremental %d", len(cold.Diagnostics), len(third.Diagnostics))
	}

	// A new module directory changes how calls could resolve: nothing is reused.
	writeTree(t, dir, map[string]string{"stacks/d/main.tf": "resource \"aws_instance\" \"z\" {\n  ami = \"ami-4\"\n}\n"})
	fourth, err := Load(ctx, Options{Root: dir, Cache: cache, Previous: third, Overlays: map[string][]byte{
		filepath.Join(dir, "stacks/b/main.tf"):  []byte(edited),
		filepath.Join(dir, "modules/b/main.tf"): []byte(mod),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if fourth.Lookup("stacks/b", "aws_instance.y") == third.Lookup("stacks/b", "aws_instance.y") {
		t.Error("a root was reused although the set of module directories changed")
	}
	if got := byRoot(fourth); !got["stacks/d"]["aws_instance.z"] {
		t.Errorf("new root missing: %v", got)
	}
}

// TestCacheForgetsUnusedFiles: a file deleted from a workspace leaves the parse
// cache at the next Load, while what another workspace's Load put there stays.
func TestCacheForgetsUnusedFiles(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeTree(t, a, map[string]string{"main.tf": "resource \"aws_instance\" \"a\" {}\n", "gone.tf": "resource \"aws_instance\" \"g\" {}\n"})
	writeTree(t, b, map[string]string{"main.tf": "resource \"aws_instance\" \"b\" {}\n"})
	ctx := context.Background()
	cache := NewCache()
	for _, dir := range []string{a, b} {
		if _, err := Load(ctx, Options{Root: dir, Cache: cache}); err != nil {
			t.Fatal(err)
		}
	}
	held := func(abs string) bool {
		cache.mu.Lock()
		defer cache.mu.Unlock()
		_, ok := cache.files[abs]
		_, decl := cache.decls[abs]
		return ok || decl
	}
	gone := filepath.Join(a, "gone.tf")
	if !held(gone) || !held(filepath.Join(b, "main.tf")) {
		t.Fatal("the cache does not hold the loaded files")
	}
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, Options{Root: a, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	if held(gone) {
		t.Error("a deleted file stayed in the cache")
	}
	if !held(filepath.Join(a, "main.tf")) || !held(filepath.Join(b, "main.tf")) {
		t.Error("files still in use, or of another workspace, left the cache")
	}
}

// TestCacheForget drops a whole workspace from the cache, and only it.
func TestCacheForget(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeTree(t, a, map[string]string{"main.tf": "resource \"aws_instance\" \"a\" {}\n"})
	writeTree(t, b, map[string]string{"main.tf": "resource \"aws_instance\" \"b\" {}\n"})
	cache := NewCache()
	for _, dir := range []string{a, b} {
		if _, err := Load(context.Background(), Options{Root: dir, Cache: cache}); err != nil {
			t.Fatal(err)
		}
	}
	cache.Forget(a)
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if _, ok := cache.files[filepath.Join(a, "main.tf")]; ok {
		t.Error("a forgotten workspace's file stayed in the cache")
	}
	if _, ok := cache.files[filepath.Join(b, "main.tf")]; !ok {
		t.Error("forgetting one workspace dropped another's file")
	}
}

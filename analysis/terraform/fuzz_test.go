package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad loads arbitrary bytes as a .tf file: Load must return without panicking.
// The seeds are the fixtures' main.tf files. Run it with
// `go test ./analysis/terraform -run XXX -fuzz FuzzLoad -fuzztime 60s -fuzzminimizetime 3s`.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(testdataDir, "*", "main.tf"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`resource "a" "b" { dynamic "x" { for_each = [1] content { y = x.value } } }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		root := t.TempDir()
		if err := os.WriteFile(filepath.Join(root, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		ws, err := Load(context.Background(), Options{Root: root, instanceLimit: 2000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range ws.Resources {
			ws.Related(r, "aws_s3_bucket")
		}
	})
}

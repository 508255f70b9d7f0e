package catalogtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/packtest"
)

// site is where an expected finding is; the marker conventions are shared with user
// rule packs (`tm-ls rules test`), so both read them through packtest.
type site = packtest.Site

var (
	readExpectations = packtest.ReadExpectations
	tfFiles          = packtest.TFFiles
)

// TestReadExpectations checks the marker parser itself on a small fixture.
func TestReadExpectations(t *testing.T) {
	dir := t.TempDir()
	src := `# expect: TM-A
# some note
resource "aws_s3_bucket" "a" {
}

# expect: TM-B x3
// expect: TM-A
data "aws_iam_policy_document" "d" {
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := packtest.ReadExpectations(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[packtest.Site]int{
		{Rule: "TM-A", File: "main.tf", Line: 3}: 1,
		{Rule: "TM-B", File: "main.tf", Line: 8}: 3,
		{Rule: "TM-A", File: "main.tf", Line: 8}: 1,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}

	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "main.tf"), []byte("# expect: TM-A\nlocals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := packtest.ReadExpectations(bad); err == nil {
		t.Error("a marker above a locals block was accepted")
	}
}

package packtest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func pack(name string) string { return filepath.Join("..", "..", "testdata", "rulepack", name) }

func TestGoodPackPasses(t *testing.T) {
	res, err := Run(context.Background(), pack("good"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("want 2 rules tested, got %+v", res)
	}
	for _, r := range res {
		if len(r.Problems) > 0 {
			t.Errorf("%s: %v", r.Rule, r.Problems)
		}
	}
}

func TestWrongFixtureIsReported(t *testing.T) {
	res, err := Run(context.Background(), pack("wrong"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || len(res[0].Problems) != 1 || !strings.Contains(res[0].Problems[0], "want 1 finding(s) of ACME-WRONG at main.tf:2, got 0") {
		t.Fatalf("problems = %+v", res)
	}
}

func TestBrokenPackNamesFileAndLine(t *testing.T) {
	res, err := Run(context.Background(), pack("broken"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Rule != "(pack)" {
		t.Fatalf("want pack problems first, got %+v", res)
	}
	all := strings.Join(res[0].Problems, "\n")
	for _, want := range []string{"bad.hcl:3:", "bad.hcl:7:", "bad.hcl:8:"} {
		if !strings.Contains(all, want) {
			t.Errorf("pack problems lack %q:\n%s", want, all)
		}
	}
	if _, err := Run(context.Background(), pack("missing")); err == nil {
		t.Error("a missing pack directory is not an error")
	}
}

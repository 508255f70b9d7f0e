package rules

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/fixes")

func packCatalog(t *testing.T) *Catalog {
	t.Helper()
	rs, ds := LoadDir("testdata/pack")
	if len(ds) > 0 {
		t.Fatalf("pack diagnostics: %v", ds)
	}
	c, _ := NewCatalog(rs)
	return c
}

var commentRE = regexp.MustCompile(`(#|//)[^\n]*`)

// checkFix applies the fix of rule on the resource at addr, and checks that:
// the edits only replace whitespace or the expression they target (never a comment),
// every comment of the original survives, the result re-parses, the rule passes on
// the fixed workspace, and the fixed files equal their golden copies.
func checkFix(t *testing.T, c *Catalog, ruleID string, files map[string]string, addr string, link [][2]string) map[string]string {
	t.Helper()
	w := newWorkspace(t, files, nil)
	for _, l := range link {
		w.link(l[0], l[1])
	}
	ru := c.Rule(ruleID)
	r := w.res(t, addr)
	if res := c.NewEvaluator(w).EvaluateRule(context.Background(), ru, r); res.Outcome != Open {
		t.Fatalf("before the fix %s is %v on %s, want open", ruleID, res.Outcome, addr)
	}
	fr, err := ru.Fix(r, w, w.src)
	if err != nil {
		t.Fatalf("Fix: %v", err)
	}
	if fr == nil {
		t.Fatal("Fix returned no fix")
	}
	byFile := map[string][]Edit{}
	for _, e := range fr.Edits {
		byFile[e.File] = append(byFile[e.File], e)
	}
	fixed := map[string]string{}
	for n, s := range files {
		fixed[n] = s
	}
	for n, edits := range byFile {
		orig := []byte(files[n])
		for _, e := range edits {
			removed := string(orig[e.Start:e.End])
			if commentRE.MatchString(removed) {
				t.Errorf("edit [%d,%d) in %s removes a comment: %q", e.Start, e.End, n, removed)
			}
		}
		out, err := ApplyEdits(orig, edits)
		if err != nil {
			t.Fatal(err)
		}
		fixed[n] = string(out)
		for _, cm := range commentRE.FindAllString(files[n], -1) {
			if !strings.Contains(fixed[n], cm) {
				t.Errorf("comment %q lost in %s", cm, n)
			}
		}
		if _, ds := hclsyntax.ParseConfig(out, n, hcl.InitialPos); ds.HasErrors() {
			t.Errorf("fixed %s does not parse: %s\n%s", n, ds.Error(), out)
		}
		// The bytes before the first edit and after the last are untouched.
		sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
		first, last := edits[0], edits[len(edits)-1]
		if !strings.HasPrefix(string(out), string(orig[:first.Start])) || !strings.HasSuffix(string(out), string(orig[last.End:])) {
			t.Errorf("bytes outside the edits changed in %s", n)
		}
	}
	w2 := newWorkspace(t, fixed, nil)
	for _, l := range link {
		w2.link(l[0], l[1])
	}
	// A resource added by the fix is related to the flagged one, as the loader would find.
	for _, r2 := range w2.resources {
		if w.byAddr[r2.Address] == nil {
			w2.link(addr, r2.Address)
		}
	}
	if res := c.NewEvaluator(w2).EvaluateRule(context.Background(), ru, w2.res(t, addr)); res.Outcome != Pass {
		t.Errorf("after the fix %s is %v (%s), want pass:\n%s", ruleID, res.Outcome, res.Reason, fixed[r.File])
	}
	compareGolden(t, fixed, byFile)
	return fixed
}

func compareGolden(t *testing.T, fixed map[string]string, changed map[string][]Edit) {
	t.Helper()
	var names []string
	for n := range changed {
		names = append(names, n)
	}
	sort.Strings(names)
	var sb strings.Builder
	for _, n := range names {
		sb.WriteString("=== " + n + "\n" + fixed[n])
		if !strings.HasSuffix(fixed[n], "\n") {
			sb.WriteString("\n")
		}
	}
	golden := filepath.Join("testdata", "fixes", strings.ReplaceAll(t.Name(), "/", "_")+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("missing golden file (run go test ./rules -run %s -update): %v", t.Name(), err)
	}
	if string(want) != sb.String() {
		t.Errorf("fixed files differ from %s:\n--- got\n%s\n--- want\n%s", golden, sb.String(), want)
	}
}

func TestFixSetAttribute(t *testing.T) {
	c := packCatalog(t)
	cases := []struct {
		name, src string
	}{
		{"nested block missing", `# web server
resource "aws_instance" "web" {
  ami           = "ami-123" # pinned
  instance_type = "t3.micro"

  # tags follow
  tags = {
    Name = "web"
  }
}

resource "aws_instance" "other" {
  ami = "x"
}
`},
		{"attribute replaced", `resource "aws_instance" "web" {
  ami = "ami-123"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # TODO
  }
}
`},
		{"attribute added to existing block", `resource "aws_instance" "web" {
  ami = "ami-123"
  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
  }
}
`},
		{"single-line resource block", `resource "aws_instance" "web" { ami = "ami-123" }
`},
		{"one-line block", `resource "aws_instance" "web" {}
`},
		{"single-line nested block", `resource "aws_instance" "web" {
  metadata_options { http_endpoint = "enabled" }
}
`},
		{"tabs", "resource \"aws_instance\" \"web\" {\n\tami = \"ami-123\"\n\tmetadata_options {\n\t\thttp_endpoint = \"enabled\"\n\t}\n}\n"},
		{"tabs without nested block", "resource \"aws_instance\" \"web\" {\n\tami = \"ami-123\"\n}\n"},
		{"crlf", "# windows\r\nresource \"aws_instance\" \"web\" {\r\n  ami = \"ami-123\"\r\n}\r\n"},
		{"crlf nested block", "resource \"aws_instance\" \"web\" {\r\n  metadata_options {\r\n    http_endpoint = \"enabled\"\r\n  }\r\n}\r\n"},
		{"no final newline", `resource "aws_instance" "web" {
  ami = "ami-123"
}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fixed := checkFix(t, c, "TT-EC2-IMDSV1", map[string]string{"main.tf": tc.src}, "aws_instance.web", nil)
			if strings.Contains(tc.src, "\r\n") && strings.Count(fixed["main.tf"], "\n") != strings.Count(fixed["main.tf"], "\r\n") {
				t.Errorf("CRLF file got LF line endings:\n%q", fixed["main.tf"])
			}
			if strings.Contains(tc.src, "\t") && strings.Contains(fixed["main.tf"], "  http_tokens") {
				t.Errorf("tab-indented file got spaces:\n%s", fixed["main.tf"])
			}
		})
	}
}

func TestFixNestedPathsAndExprTemplate(t *testing.T) {
	c := packCatalog(t)
	t.Run("whole path created", func(t *testing.T) {
		fixed := checkFix(t, c, "TT-S3-KMS", map[string]string{"main.tf": `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
`}, "aws_s3_bucket.logs", nil)
		if strings.Count(fixed["main.tf"], "server_side_encryption_configuration {") != 1 {
			t.Errorf("the two set blocks must share one created block:\n%s", fixed["main.tf"])
		}
		if !strings.Contains(fixed["main.tf"], "kms_master_key_id = aws_kms_key.logs.arn") {
			t.Errorf("expr template not rendered with name:\n%s", fixed["main.tf"])
		}
	})
	t.Run("partly present", func(t *testing.T) {
		checkFix(t, c, "TT-S3-KMS", map[string]string{"main.tf": `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}
`}, "aws_s3_bucket.logs", nil)
	})
}

func TestFixAddResource(t *testing.T) {
	c := packCatalog(t)
	cases := []struct{ name, src, want string }{
		{"plain", `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
} # end of bucket

resource "aws_s3_bucket_policy" "p" {
  bucket = "logs"
}
`, `bucket                  = aws_s3_bucket.logs.id`},
		{"count", `resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "logs-${count.index}"
}
`, `count = length(aws_s3_bucket.logs)`},
		{"crlf", "resource \"aws_s3_bucket\" \"logs\" {\r\n  bucket = \"logs\"\r\n}\r\n", "restrict_public_buckets = true\r\n}"},
		{"for_each", `resource "aws_s3_bucket" "logs" {
  for_each = { a = 1, b = 2 }
  bucket   = each.key
}
`, `for_each = aws_s3_bucket.logs`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fixed := checkFix(t, c, "TT-S3-PUBLIC-ACCESS", map[string]string{"main.tf": tc.src}, "aws_s3_bucket.logs", nil)
			if !strings.Contains(fixed["main.tf"], tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, fixed["main.tf"])
			}
			if !strings.Contains(fixed["main.tf"], `resource "aws_s3_bucket_public_access_block" "logs" {`) {
				t.Errorf("name not rendered:\n%s", fixed["main.tf"])
			}
		})
	}
}

func TestFixTargetsRelatedResource(t *testing.T) {
	c := packCatalog(t)
	files := map[string]string{
		"main.tf": `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
`,
		"pab.tf": `resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = aws_s3_bucket.logs.id
  block_public_acls = false # was open
}
`,
	}
	link := [][2]string{{"aws_s3_bucket.logs", "aws_s3_bucket_public_access_block.logs"}}
	fixed := checkFix(t, c, "TT-S3-PUBLIC-ACCESS", files, "aws_s3_bucket.logs", link)
	if fixed["main.tf"] != files["main.tf"] {
		t.Error("the bucket's file changed; only the target's should")
	}
}

func TestFixInModuleDir(t *testing.T) {
	c := packCatalog(t)
	fixed := checkFix(t, c, "TT-EC2-IMDSV1", map[string]string{
		"main.tf":              "module \"m\" {\n  source = \"./modules/m\"\n}\n",
		"modules/m/compute.tf": "resource \"aws_instance\" \"web\" {\n  ami = var.ami\n}\n",
	}, "module.m.aws_instance.web", nil)
	if fixed["main.tf"] != "module \"m\" {\n  source = \"./modules/m\"\n}\n" {
		t.Error("the caller changed")
	}
}

func TestNoFixOffered(t *testing.T) {
	c := packCatalog(t)
	w := newWorkspace(t, map[string]string{"main.tf": `resource "aws_instance" "web" {}`}, nil)
	r := w.res(t, "aws_instance.web")

	js := *r
	js.File = "main.tf.json"
	if fr, err := c.Rule("TT-EC2-IMDSV1").Fix(&js, w, w.src); fr != nil || err != nil {
		t.Errorf("a .tf.json resource got a fix: %v %v", fr, err)
	}
	if fr, err := c.Rule("TT-EC2-IMDSV1").Fix(r, w, func(string) ([]byte, bool) { return nil, false }); fr != nil || err == nil {
		t.Errorf("missing source: %v %v, want an error", fr, err)
	}
	bad := map[string][]byte{"main.tf": []byte(`resource "aws_instance" "web" {`)}
	if _, err := c.Rule("TT-EC2-IMDSV1").Fix(r, w, func(f string) ([]byte, bool) { b, ok := bad[f]; return b, ok }); err == nil {
		t.Error("a file with syntax errors must not be fixed")
	}

	rs := mustParse(t, `rule "TM-NOFIX-ONE" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_instance"
  condition = "true"
  fix {
    title = "never"
    applies = "has(r.nothing)"
    set {
      path = "a"
      value = 1
    }
  }
}
rule "TM-NOFIX-TWO" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_instance"
  condition = "true"
  fix {
    title = "needs a target"
    target = "aws_nothing"
    set {
      path = "a"
      value = 1
    }
  }
}
rule "TM-NOFIX-THREE" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_instance"
  condition = "true"
  fix {
    title = "crosses an attribute"
    set {
      path = "tags.Name"
      value = "x"
    }
  }
}
`)
	if fr, err := rs[0].Fix(r, w, w.src); fr != nil || err != nil {
		t.Errorf("applies false: %v %v", fr, err)
	}
	if fr, err := rs[1].Fix(r, w, w.src); fr != nil || err != nil {
		t.Errorf("no target: %v %v", fr, err)
	}
	w3 := newWorkspace(t, map[string]string{"main.tf": "resource \"aws_instance\" \"web\" {\n  tags = {}\n}\n"}, nil)
	if _, err := rs[2].Fix(w3.res(t, "aws_instance.web"), w3, w3.src); err == nil || !strings.Contains(err.Error(), "tags is an attribute") {
		t.Errorf("path through an attribute: %v", err)
	}
	w4 := newWorkspace(t, map[string]string{"main.tf": `resource "aws_instance" "web" {
  dynamic "metadata_options" {
    for_each = [1]
    content {
      http_endpoint = "enabled"
    }
  }
}
`}, nil)
	if _, err := c.Rule("TT-EC2-IMDSV1").Fix(w4.res(t, "aws_instance.web"), w4, w4.src); err == nil || !strings.Contains(err.Error(), "dynamic block") {
		t.Errorf("path through a dynamic block: %v", err)
	}
}

func TestFixAlreadyAppliedOffersNothing(t *testing.T) {
	c := packCatalog(t)
	w := newWorkspace(t, map[string]string{"main.tf": `resource "aws_instance" "web" {
  metadata_options {
    http_tokens = "required"
  }
}
`}, nil)
	fr, err := c.Rule("TT-EC2-IMDSV1").Fix(w.res(t, "aws_instance.web"), w, w.src)
	if err != nil || fr != nil {
		t.Errorf("a fix whose edits change nothing must not be offered: %+v %v", fr, err)
	}
}

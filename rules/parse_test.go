package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
)

func TestLoadDirSamplePack(t *testing.T) {
	rs, ds := LoadDir("testdata/pack")
	for _, d := range ds {
		t.Errorf("unexpected diagnostic %s:%d: %s: %s", d.File, d.Range.Start.Line, d.Summary, d.Detail)
	}
	c, ds := NewCatalog(rs)
	if len(ds) != 0 {
		t.Fatalf("NewCatalog diagnostics: %v", ds)
	}
	var ids []string
	for _, r := range c.Rules() {
		ids = append(ids, r.Meta.ID)
	}
	if got := strings.Join(ids, ","); got != "TT-EC2-IMDSV1,TT-S3-KMS,TT-S3-PUBLIC-ACCESS" {
		t.Fatalf("rules = %s (fixtures/ must be skipped, order by ID)", got)
	}
	r := c.Rule("TT-EC2-IMDSV1")
	m := r.Meta
	if m.Title != "EC2 instance allows IMDSv1" || m.Severity != model.SeverityHigh || m.Likelihood != 4 || m.Impact != 4 {
		t.Errorf("meta = %+v", m)
	}
	if m.Provider != "aws" || len(m.Resources) != 2 || !r.AppliesTo("aws_launch_template") || r.AppliesTo("aws_s3_bucket") {
		t.Errorf("resources/provider wrong: %+v", m)
	}
	if m.Equivalents.Checkov[0] != "CKV_AWS_79" || m.Equivalents.Trivy[0] != "AVD-AWS-0028" || m.Equivalents.Tfsec[0] != "aws-ec2-enforce-http-token-imds" {
		t.Errorf("equivalents = %+v", m.Equivalents)
	}
	if !m.HasFix || r.Location != "metadata_options.http_tokens" || r.Message != m.Title {
		t.Errorf("fix/location/message wrong: %v %q %q", m.HasFix, r.Location, r.Message)
	}
	if !strings.HasPrefix(m.Description, "The instance metadata service") || m.Remediation == "" {
		t.Errorf("description/remediation = %q / %q", m.Description, m.Remediation)
	}
	if m.Source != "testdata/pack/ec2.hcl:2" {
		t.Errorf("source = %q", m.Source)
	}
	if c.Rule("TT-S3-PUBLIC-ACCESS").Message != "Bucket can be made public" {
		t.Errorf("message not read")
	}
	if len(c.RulesFor("aws_s3_bucket")) != 2 {
		t.Errorf("RulesFor(aws_s3_bucket) = %d rules", len(c.RulesFor("aws_s3_bucket")))
	}
}

const goodRule = `
rule "TM-GOOD-ONE" {
  title = "good"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "has(r.x)"
}
`

// diagAt finds a diagnostic whose summary contains want and returns it.
func diagAt(t *testing.T, ds []model.Diagnostic, want string) model.Diagnostic {
	t.Helper()
	for _, d := range ds {
		if strings.Contains(d.Summary+" "+d.Detail, want) {
			return d
		}
	}
	var all []string
	for _, d := range ds {
		all = append(all, d.Summary+": "+d.Detail)
	}
	t.Fatalf("no diagnostic mentioning %q in:\n%s", want, strings.Join(all, "\n"))
	return model.Diagnostic{}
}

func TestRuleFileErrorsAreLocated(t *testing.T) {
	cases := []struct {
		name       string
		rule       string
		want       string
		line, col  int // expected start of the diagnostic, 1-based, in the rule text below
		wantNoRule bool
	}{
		{"unknown attribute", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "true"
  colour = "red"
}`, "Unsupported argument", 8, 3, true},
		{"unknown block", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "true"
  extra {
  }
}`, "Unsupported block type", 8, 3, true},
		{"missing condition", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
}`, "condition", 1, 15, true},
		{"bad severity", `rule "TM-A-B" {
  title = "t"
  severity = "urgent"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "true"
}`, "Invalid severity", 3, 14, true},
		{"likelihood out of range", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 7
  impact = 1
  resource = "aws_thing"
  condition = "true"
}`, "from 1 to 5", 4, 16, true},
		{"impact not whole", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 2.5
  resource = "aws_thing"
  condition = "true"
}`, "impact must be a whole number", 5, 12, true},
		{"bad id", `rule "tm-lower" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "true"
}`, "Invalid rule ID", 1, 6, true},
		{"CEL syntax error in quoted string", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "r.a == \"x\" && && r.b"
}`, "Syntax error", 7, 32, true},
		{"CEL type error in heredoc", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = <<-EOT
    has(r.a) &&
      size(1, 2, 3) > 0
  EOT
}`, "no matching overload", 9, 11, true},
		{"CEL error after an escape", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "r.a == 'xé\u00e9' && nope(1)"
}`, "undeclared reference to 'nope'", 7, 41, true},
		{"condition not bool", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "1 + 2"
}`, "must be a bool", 7, 15, true},
		{"cost too high", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "r.a.all(x, r.b.all(y, r.c.all(z, r.d.all(w, r.e.all(v, v == w)))))"
}`, "exceeds the limit", 7, 15, true},
		{"set without value", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "true"
  fix {
    title = "f"
    set {
      path = "a"
    }
  }
}`, "Missing value", 10, 5, true},
		{"broken add_resource template", `rule "TM-A-B" {
  title = "t"
  severity = "low"
  likelihood = 1
  impact = 1
  resource = "aws_thing"
  condition = "true"
  fix {
    title = "f"
    add_resource = "resource \"x\" \"$${nosuch}\" {}"
  }
}`, "nosuch", 10, 20, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.rule + "\n" + goodRule
			rs, ds := ParseFile("bad.hcl", []byte(src))
			d := diagAt(t, ds, tc.want)
			if d.Code != "rule-file" || d.File != "bad.hcl" || d.Severity != model.SeverityHigh {
				t.Errorf("diagnostic code/file/severity = %q %q %v", d.Code, d.File, d.Severity)
			}
			if d.Range.Start.Line != tc.line || d.Range.Start.Column != tc.col {
				lines := strings.Split(src, "\n")
				ctx := ""
				if d.Range.Start.Line >= 1 && d.Range.Start.Line <= len(lines) {
					ctx = lines[d.Range.Start.Line-1]
				}
				t.Errorf("diagnostic %q at %d:%d, want %d:%d (line: %q)", d.Summary+": "+d.Detail, d.Range.Start.Line, d.Range.Start.Column, tc.line, tc.col, ctx)
			}
			var ids []string
			for _, r := range rs {
				ids = append(ids, r.Meta.ID)
			}
			if tc.wantNoRule && strings.Join(ids, ",") != "TM-GOOD-ONE" {
				t.Errorf("rules loaded = %v, want only TM-GOOD-ONE (the malformed rule rejected, the good one kept)", ids)
			}
		})
	}
}

func TestDuplicateIDs(t *testing.T) {
	_, ds := ParseFile("dup.hcl", []byte(goodRule+goodRule))
	d := diagAt(t, ds, "defined twice")
	if d.Range.Start.Line != 11 {
		t.Errorf("duplicate reported at line %d, want 11 (the second block's label)", d.Range.Start.Line)
	}

	dir := t.TempDir()
	for _, n := range []string{"a.hcl", "b.hcl"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(goodRule), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rs, ds := LoadDir(dir)
	if len(rs) != 1 || rs[0].File != filepath.ToSlash(filepath.Join(dir, "a.hcl")) {
		t.Fatalf("LoadDir kept %d rules, want the first file's", len(rs))
	}
	d = diagAt(t, ds, "Duplicate rule ID")
	if !strings.HasSuffix(d.File, "b.hcl") {
		t.Errorf("duplicate reported in %s, want b.hcl", d.File)
	}
}

func TestSyntaxErrorKeepsOtherRules(t *testing.T) {
	src := goodRule + `
rule "TM-BROKEN-ONE" {
  title = "t
  severity = "low"
}
`
	rs, ds := ParseFile("syn.hcl", []byte(src))
	if len(ds) == 0 {
		t.Fatal("no diagnostic for a syntax error")
	}
	for _, r := range rs {
		if r.Meta.ID == "TM-BROKEN-ONE" {
			t.Error("a rule with a syntax error was loaded")
		}
	}
	if len(rs) != 1 || rs[0].Meta.ID != "TM-GOOD-ONE" {
		t.Errorf("rules = %d, want TM-GOOD-ONE kept", len(rs))
	}
}

func TestCatalogWithAndConfigure(t *testing.T) {
	base, _ := NewCatalog(mustParse(t, goodRule+strings.ReplaceAll(goodRule, "TM-GOOD-ONE", "TM-GOOD-TWO")))
	over := mustParse(t, strings.ReplaceAll(goodRule, `title = "good"`, `title = "override"`))
	c, ds := base.With(over)
	if len(ds) != 1 || ds[0].Severity != model.SeverityMedium || !strings.Contains(ds[0].Summary, "TM-GOOD-ONE") {
		t.Fatalf("With diagnostics = %+v", ds)
	}
	if c.Rule("TM-GOOD-ONE").Meta.Title != "override" || base.Rule("TM-GOOD-ONE").Meta.Title != "good" {
		t.Error("With: the later rule must win and the base must not change")
	}
	cfg := c.Configure([]string{"TM-GOOD-TWO", "TM-NO-SUCH"}, map[string]model.Severity{"TM-GOOD-ONE": model.SeverityCritical})
	if cfg.Rule("TM-GOOD-TWO") != nil || len(cfg.Rules()) != 1 {
		t.Error("Configure did not disable TM-GOOD-TWO")
	}
	if cfg.Rule("TM-GOOD-ONE").Meta.Severity != model.SeverityCritical {
		t.Error("Configure did not override the severity")
	}
	if c.Rule("TM-GOOD-ONE").Meta.Severity != model.SeverityLow || c.Rule("TM-GOOD-TWO") == nil {
		t.Error("Configure mutated its receiver")
	}
	if len(cfg.RulesFor("aws_thing")) != 1 {
		t.Error("Configure did not rebuild the type index")
	}
}

func TestBuiltinCatalogLoads(t *testing.T) {
	c, ds, err := LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		t.Errorf("built-in catalogue: %s:%d:%d: %s: %s", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Summary, d.Detail)
	}
	for _, r := range c.Rules() {
		if !strings.HasPrefix(r.Meta.Source, "builtin:catalog/") {
			t.Errorf("%s: source %q does not say builtin", r.Meta.ID, r.Meta.Source)
		}
	}
}

// TestTruncatedRuleFilesNeverPanic parses every prefix of the sample rule files (and
// a few mangled copies): each must give diagnostics or rules, never a panic, and any
// rule that loads must be complete.
func TestTruncatedRuleFilesNeverPanic(t *testing.T) {
	env, err := newEnv()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"testdata/pack/ec2.hcl", "testdata/pack/sub/s3.hcl"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		step := 2
		if testing.Short() {
			step = 13
		}
		for n := 0; n <= len(src); n += step {
			rs, ds := parseFile(env, "cut.hcl", src[:n])
			for _, r := range rs {
				if r.condition == nil || r.Meta.Title == "" || len(r.Meta.Resources) == 0 {
					t.Fatalf("prefix %d: incomplete rule %s loaded", n, r.Meta.ID)
				}
			}
			if len(rs) == 0 && len(ds) == 0 && strings.Contains(string(src[:n]), "rule \"") && strings.Count(string(src[:n]), "}") > 2 {
				// A prefix holding a whole rule must give it or say why not.
				t.Fatalf("prefix %d of %s: no rule and no diagnostic", n, f)
			}
		}
		mangled := strings.NewReplacer("=", "", "\"", "'", "{", "(").Replace(string(src))
		if _, ds := ParseFile("mangled.hcl", []byte(mangled)); len(ds) == 0 {
			t.Errorf("mangled %s gave no diagnostic", f)
		}
	}
	if _, ds := ParseFile("bin.hcl", []byte{0, 1, 2, 0xff, 0xfe, '{', '}'}); len(ds) == 0 {
		t.Error("binary input gave no diagnostic")
	}
}

func FuzzParseFile(f *testing.F) {
	for _, p := range []string{"testdata/pack/ec2.hcl", "testdata/pack/sub/s3.hcl"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(goodRule))
	f.Fuzz(func(t *testing.T, src []byte) {
		rs, _ := ParseFile("fuzz.hcl", src)
		for _, r := range rs {
			if r.condition == nil {
				t.Fatalf("rule %s without condition", r.Meta.ID)
			}
		}
	})
}

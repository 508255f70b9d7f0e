package terraform

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestFunctions evaluates every Terraform function the loader implements.
func TestFunctions(t *testing.T) {
	root := writeFiles(t, map[string]string{"files/a.txt": "hello", "files/t.tpl": "%{ for x in xs }${x};%{ endfor }"})
	funcs := rootFuncs(baseFuncs(), root, root, nil)
	cases := map[string]string{
		`jsonencode({a = [1, "x"]})`:                       `{"a":[1,"x"]}`,
		`jsondecode("{\"a\":1}").a`:                        `1`,
		`format("%s-%03d", "a", 7)`:                        `a-007`,
		`join(",", formatlist("<%s>", ["a", "b"]))`:        `<a>,<b>`,
		`merge({a = 1}, {b = 2}).b`:                        `2`,
		`length(concat([1], [2, 3]))`:                      `3`,
		`lookup({a = "x"}, "b", "dflt")`:                   `dflt`,
		`coalesce("", "b")`:                                `b`,
		`length(coalescelist([], [1, 2]))`:                 `2`,
		`element(["a", "b"], 3)`:                           `b`,
		`length("héllo")`:                                  `5`,
		`join(",", keys({b = 1, a = 2}))`:                  `a,b`,
		`join(",", values({b = "1", a = "2"}))`:            `2,1`,
		`length(flatten([[1], [2, [3]]]))`:                 `3`,
		`length(distinct([1, 1, 2]))`:                      `2`,
		`contains(["a"], "a")`:                             `true`,
		`join("-", split(",", "a,b"))`:                     `a-b`,
		`replace("a.b.c", ".", "/")`:                       `a/b/c`,
		`replace("a1b22", "/[0-9]+/", "#")`:                `a#b#`,
		`"${lower("A")}${upper("b")}${title("cd")}"`:       `aBCd`,
		`trimspace("  x ")`:                                `x`,
		`trimprefix(trimsuffix("[x]", "]"), "[")`:          `x`,
		`trim("--x--", "-")`:                               `x`,
		`substr("hello", 1, 3)`:                            `ell`,
		`regex("[0-9]+", "ab12")`:                          `12`,
		`length(regexall("a", "banana"))`:                  `3`,
		`min(3, 1, 2) + max(1, 5) + abs(-1)`:               `7`,
		`ceil(1.2) + floor(1.8)`:                           `3`,
		`tostring(tonumber("5")) == "5" && tobool("true")`: `true`,
		`length(tolist(toset(["a", "a"])))`:                `1`,
		`tomap({a = "b"}).a`:                               `b`,
		`zipmap(["a"], ["b"]).a`:                           `b`,
		`length(setproduct(["a", "b"], [1, 2]))`:           `4`,
		`length(setunion(["a"], ["b"]))`:                   `2`,
		`length(range(3))`:                                 `3`,
		`reverse([1, 2])[0]`:                               `2`,
		`slice(["a", "b", "c"], 1, 2)[0]`:                  `b`,
		`sort(["b", "a"])[0]`:                              `a`,
		`length(chunklist([1, 2, 3], 2))`:                  `2`,
		`length(compact(["a", "", null]))`:                 `1`,
		`index(["a", "b"], "b")`:                           `1`,
		`one(["x"])`:                                       `x`,
		`sum([1, 2, 3])`:                                   `6`,
		`alltrue([true, "true"]) && !anytrue([false])`:     `true`,
		`startswith("abc", "a") && endswith("abc", "c") && strcontains("abc", "b")`: `true`,
		`base64decode(base64encode("hi"))`:                                          `hi`,
		`urlencode("a b&c")`:                                                        `a+b%26c`,
		`csvdecode("a,b\n1,2\n")[0].b`:                                              `2`,
		`cidrhost("10.0.0.0/24", 5)`:                                                `10.0.0.5`,
		`cidrsubnet("10.0.0.0/16", 8, 3)`:                                           `10.0.3.0/24`,
		`join(" ", cidrsubnets("10.1.0.0/16", 4, 4, 8, 4))`:                         `10.1.0.0/20 10.1.16.0/20 10.1.32.0/24 10.1.48.0/20`,
		`cidrnetmask("10.0.0.0/12")`:                                                `255.240.0.0`,
		`try(tonumber("x"), "fallback")`:                                            `fallback`,
		`can(tonumber("x"))`:                                                        `false`,
		`file("files/a.txt")`:                                                       `hello`,
		`fileexists("files/a.txt") && !fileexists("/etc/passwd")`:                   `true`,
		`templatefile("files/t.tpl", { xs = ["a", "b"] })`:                          `a;b;`,
		`sha256("")`:                   `e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
		`nonsensitive(sensitive("s"))`: `s`,
		`strrev("abc")`:                `cba`,
	}
	for src, want := range cases {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Errorf("%s: parse: %v", src, diags)
			continue
		}
		v, diags := expr.Value(&hcl.EvalContext{Functions: funcs})
		if diags.HasErrors() {
			t.Errorf("%s: %v", src, diags)
			continue
		}
		if got := str(v); got != want {
			t.Errorf("%s = %#v, want %q", src, ctyJSON(v), want)
		}
	}
	// Reading outside the workspace gives unknown, never the file.
	expr, _ := hclsyntax.ParseExpression([]byte(`file("/etc/hostname")`), "t.tf", hcl.InitialPos)
	if v, _ := expr.Value(&hcl.EvalContext{Functions: funcs}); v.IsKnown() {
		t.Errorf("file outside the root read: %#v", ctyJSON(v))
	}
	// Absurd format widths are refused rather than allocated.
	expr, _ = hclsyntax.ParseExpression([]byte(`format("%999999999s", "x")`), "t.tf", hcl.InitialPos)
	if _, diags := expr.Value(&hcl.EvalContext{Functions: funcs}); !diags.HasErrors() {
		t.Error("huge format width accepted")
	}
	// Unknown arguments give unknown results.
	expr, _ = hclsyntax.ParseExpression([]byte(`upper(x)`), "t.tf", hcl.InitialPos)
	if v, _ := expr.Value(&hcl.EvalContext{Functions: funcs, Variables: map[string]cty.Value{"x": cty.UnknownVal(cty.String)}}); v.IsKnown() {
		t.Error("upper(unknown) is known")
	}
}

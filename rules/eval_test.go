package rules

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

func TestOutcomesWithUnknowns(t *testing.T) {
	attrs := cty.ObjectVal(map[string]cty.Value{
		"x":     cty.UnknownVal(cty.String),
		"known": cty.StringVal("a"),
		"gone":  cty.NullVal(cty.String),
		"metadata_options": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"http_tokens": cty.UnknownVal(cty.String),
		})}),
		"list": cty.TupleVal([]cty.Value{cty.StringVal("10.0.0.0/8"), cty.UnknownVal(cty.String)}),
		"dyn":  cty.DynamicVal,
	})
	cases := []struct {
		cond, applies string
		want          Outcome
		reason        string
	}{
		{cond: "r.x == 'a'", want: Undecided, reason: "x is unknown"},
		{cond: "false && r.x == 'a'", want: Pass},
		{cond: "r.x == 'a' && false", want: Pass},
		{cond: "r.x == 'a' || true", want: Open},
		{cond: "!has(r.x)", want: Pass},
		{cond: "has(r.x)", want: Open},
		{cond: "has(r.gone)", want: Pass},
		{cond: "!has(r.nothing)", want: Open},
		{cond: "r.known == 'a'", want: Open},
		{cond: "r.known != 'a'", want: Pass},
		{cond: "get(r, 'metadata_options.http_tokens', 'optional') != 'required'", want: Undecided, reason: "metadata_options.0.http_tokens is unknown"},
		{cond: "r.metadata_options[0].http_tokens == 'required'", want: Undecided, reason: "metadata_options.0.http_tokens is unknown"},
		{cond: "r.dyn.anything == 1", want: Undecided, reason: "dyn is unknown"},
		{cond: "r.list.exists(c, c == '10.0.0.0/8')", want: Open},
		{cond: "r.list.exists(c, cidr_public(c))", want: Undecided, reason: "list.1 is unknown"},
		{cond: "any_public(r.list)", want: Undecided, reason: "list.1 is unknown"},
		{cond: "r.x == 'a' && r.dyn == 'b'", want: Undecided, reason: "are unknown"},
		{cond: "r.nothing == 1", want: Failed, reason: "no such key"},
		{cond: "r.known", want: Failed, reason: "not a bool"},
		{cond: "true", applies: "r.known == 'b'", want: NotApplicable},
		{cond: "true", applies: "r.x == 'b'", want: Undecided, reason: "x is unknown"},
		{cond: "true", applies: "r.known == 'a'", want: Open},
		{cond: "res.type == 'aws_thing' && res.name == 'x' && res.address == 'aws_thing.x'", want: Open},
	}
	for _, tc := range cases {
		t.Run(tc.cond+"|"+tc.applies, func(t *testing.T) {
			res := evalOne(t, ruleWith(t, tc.cond, tc.applies), attrs, nil)
			if res.Outcome != tc.want {
				t.Fatalf("outcome = %v (%s), want %v", res.Outcome, res.Reason, tc.want)
			}
			if tc.reason != "" && !strings.Contains(res.Reason, tc.reason) {
				t.Errorf("reason = %q, want it to contain %q", res.Reason, tc.reason)
			}
		})
	}
}

func TestWhollyUnknownResourceIsUndecided(t *testing.T) {
	res := evalOne(t, ruleWith(t, "r.a == 1", ""), cty.DynamicVal, nil)
	if res.Outcome != Undecided || res.Reason != "a is unknown" {
		t.Fatalf("got %v %q", res.Outcome, res.Reason)
	}
}

func TestRelatedRecordsResources(t *testing.T) {
	w := newWorkspace(t, map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" {
  bucket = "logs"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket = "logs"
  block_public_acls = true
  restrict_public_buckets = var.restrict
}
resource "aws_s3_bucket" "other" {
  bucket = "other"
}
resource "aws_kms_key" "k" {
}
`}, map[string]cty.Value{"restrict": cty.UnknownVal(cty.Bool)})
	w.link("aws_s3_bucket.b", "aws_s3_bucket_public_access_block.b")
	w.link("aws_s3_bucket_public_access_block.b", "aws_kms_key.k")
	rs, ds := LoadDir("testdata/pack")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	c, _ := NewCatalog(rs)
	ev := c.NewEvaluator(w)
	results := ev.Evaluate(context.Background(), w.res(t, "aws_s3_bucket.b"))
	var got *Result
	for i := range results {
		if results[i].Rule.Meta.ID == "TT-S3-PUBLIC-ACCESS" {
			got = &results[i]
		}
	}
	if got == nil {
		t.Fatal("TT-S3-PUBLIC-ACCESS not evaluated")
	}
	if got.Outcome != Undecided || got.Reason != "aws_s3_bucket_public_access_block.b.restrict_public_buckets is unknown" {
		t.Errorf("outcome %v %q", got.Outcome, got.Reason)
	}
	if len(got.Related) != 1 || got.Related[0].Address != "aws_s3_bucket_public_access_block.b" {
		t.Errorf("related = %v", got.Related)
	}
	for _, r := range ev.Evaluate(context.Background(), w.res(t, "aws_s3_bucket.other")) {
		if r.Rule.Meta.ID == "TT-S3-PUBLIC-ACCESS" && (r.Outcome != Open || len(r.Related) != 0) {
			t.Errorf("other bucket: %v related %v", r.Outcome, r.Related)
		}
	}

	// related() works on related resources too, and only on resources.
	c2 := ruleWith(t, "related('aws_s3_bucket_public_access_block').exists(p, related(p, 'aws_kms_key').size() == 1)", "")
	c2 = retype(t, c2, "aws_s3_bucket")
	res := c2.NewEvaluator(w).EvaluateRule(context.Background(), c2.Rules()[0], w.res(t, "aws_s3_bucket.b"))
	if res.Outcome != Open || len(res.Related) != 2 || res.Related[1].Address != "aws_kms_key.k" {
		t.Errorf("chained related: %v %q %v", res.Outcome, res.Reason, res.Related)
	}
	c3 := ruleWith(t, "related(r.bucket, 'aws_kms_key').size() == 0", "")
	res = c3.NewEvaluator(w).EvaluateRule(context.Background(), c3.Rules()[0], w.res(t, "aws_s3_bucket.b"))
	if res.Outcome != Failed || !strings.Contains(res.Reason, "must be a resource") {
		t.Errorf("related on a string: %v %q", res.Outcome, res.Reason)
	}
}

// retype returns a copy of c's only rule applying to typ.
func retype(t *testing.T, c *Catalog, typ string) *Catalog {
	t.Helper()
	r := *c.Rules()[0]
	r.Meta.Resources = []string{typ}
	r.types = map[string]bool{typ: true}
	out, _ := NewCatalog([]*Rule{&r})
	return out
}

func TestEvaluateSkipsOtherTypesAndNotApplicable(t *testing.T) {
	rs, _ := LoadDir("testdata/pack")
	c, _ := NewCatalog(rs)
	w := newWorkspace(t, map[string]string{"main.tf": `
resource "aws_instance" "off" {
  metadata_options {
    http_endpoint = "disabled"
  }
}
resource "aws_instance" "on" {
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_instance" "v1" {
}
resource "aws_vpc" "v" {
}
`}, nil)
	ev := c.NewEvaluator(w)
	ctx := context.Background()
	if got := ev.Evaluate(ctx, w.res(t, "aws_instance.off")); len(got) != 0 {
		t.Errorf("disabled endpoint: %d results, want none (not applicable is left out)", len(got))
	}
	if got := ev.Evaluate(ctx, w.res(t, "aws_vpc.v")); len(got) != 0 {
		t.Errorf("vpc: %d results", len(got))
	}
	if got := ev.Evaluate(ctx, w.res(t, "aws_instance.on")); len(got) != 1 || got[0].Outcome != Pass {
		t.Errorf("IMDSv2 instance: %+v", got)
	}
	if got := ev.Evaluate(ctx, w.res(t, "aws_instance.v1")); len(got) != 1 || got[0].Outcome != Open {
		t.Errorf("IMDSv1 instance: %+v", got)
	}
	stats := ev.Stats()
	if len(stats) != 1 || stats[0].RuleID != "TT-EC2-IMDSV1" || stats[0].Count != 3 || stats[0].Total <= 0 {
		t.Errorf("stats = %+v", stats)
	}
	merged := MergeStats(stats, stats)
	if merged[0].Count != 6 || merged[0].Total != 2*stats[0].Total {
		t.Errorf("merged = %+v", merged)
	}
}

func TestCostLimitAndCancellation(t *testing.T) {
	// A nested comprehension passes the estimate (lists are assumed small) but not
	// the runtime limit when the lists are long.
	var elems []cty.Value
	for i := 0; i < 2000; i++ {
		elems = append(elems, cty.NumberIntVal(int64(i)))
	}
	attrs := cty.ObjectVal(map[string]cty.Value{"a": cty.TupleVal(elems), "s": cty.StringVal(strings.Repeat("x", 100000))})
	// contains() on a long string costs its length, so the limit is reached in few
	// iterations (cel-go's cost tracker is slow on long comprehensions, under -race).
	c := ruleWith(t, "r.a.all(x, !r.s.contains('y'))", "")
	start0 := time.Now()
	res := evalOne(t, c, attrs, nil)
	t.Logf("cost limit reached after %v", time.Since(start0))
	if res.Outcome != Failed || !strings.Contains(res.Reason, "cost limit") {
		t.Fatalf("outcome %v %q, want a cost-limit failure", res.Outcome, res.Reason)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c = ruleWith(t, "r.a.exists(x, x < 0)", "")
	r := &model.Resource{Address: "aws_thing.x", Type: "aws_thing", Name: "x", Attrs: attrs}
	res = c.NewEvaluator(nil).EvaluateRule(ctx, c.Rules()[0], r)
	if res.Outcome != Failed {
		t.Fatalf("cancelled: %v %q", res.Outcome, res.Reason)
	}
	if got := c.NewEvaluator(nil).Evaluate(ctx, r); len(got) != 0 {
		t.Errorf("Evaluate with a cancelled context ran %d rules", len(got))
	}
	// Cancelling in the middle of a long comprehension stops it.
	c = ruleWith(t, "r.a.all(x, r.a.all(y, x >= 0))", "")
	ctx, cancel2 := context.WithCancel(context.Background())
	time.AfterFunc(5*time.Millisecond, cancel2)
	start := time.Now()
	res = c.NewEvaluator(nil).EvaluateRule(ctx, c.Rules()[0], r)
	if res.Outcome != Failed || !strings.Contains(res.Reason, "context canceled") {
		t.Errorf("cancelled mid-way: %v %q", res.Outcome, res.Reason)
	}
	t.Logf("stopped after %v", time.Since(start))
}

func TestMarkedValuesAreRead(t *testing.T) {
	attrs := cty.ObjectVal(map[string]cty.Value{
		"password": cty.StringVal("hunter2").Mark("sensitive"),
		"blocks":   cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"x": cty.NumberIntVal(1)})}).Mark("sensitive"),
	}).Mark("sensitive")
	res := evalOne(t, ruleWith(t, "r.password == 'hunter2' && r.blocks[0].x == 1 && get(r, 'blocks.x', 0) == 1", ""), attrs, nil)
	if res.Outcome != Open {
		t.Fatalf("marked values: %v %s", res.Outcome, res.Reason)
	}
}

func TestEvaluatorsInParallel(t *testing.T) {
	c := packCatalog(t)
	w := newWorkspace(t, map[string]string{"main.tf": `
resource "aws_instance" "a" {
}
resource "aws_s3_bucket" "b" {
}
resource "aws_s3_bucket_public_access_block" "b" {
  block_public_acls = true
  restrict_public_buckets = true
}
`}, nil)
	w.link("aws_s3_bucket.b", "aws_s3_bucket_public_access_block.b")
	done := make(chan []Outcome)
	for g := 0; g < 4; g++ {
		go func() {
			ev := c.NewEvaluator(w)
			var got []Outcome
			for i := 0; i < 50; i++ {
				for _, r := range w.resources {
					for _, res := range ev.Evaluate(context.Background(), r) {
						got = append(got, res.Outcome)
					}
				}
			}
			done <- got
		}()
	}
	var first []Outcome
	for g := 0; g < 4; g++ {
		got := <-done
		if first == nil {
			first = got
			continue
		}
		if len(got) != len(first) {
			t.Fatalf("goroutines disagree: %d vs %d results", len(got), len(first))
		}
		for i := range got {
			if got[i] != first[i] {
				t.Fatalf("goroutines disagree at %d", i)
			}
		}
	}
	if len(first) != 50*3 {
		t.Errorf("%d results, want 150 (IMDS on the instance, two S3 rules on the bucket)", len(first))
	}
}

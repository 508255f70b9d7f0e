package rules

import (
	"context"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

const benchSrc = `
resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  tags = { Name = "web", Env = "prod" }
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
  root_block_device {
    encrypted = true
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "logs"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = "logs"
  block_public_acls       = true
  restrict_public_buckets = true
}
`

// BenchmarkEvaluate measures one rule on one resource: "cold" with a new Evaluator per
// operation (every attribute converted again), "warm" with one Evaluator (conversions
// cached), and the related() rule on a bucket.
func BenchmarkEvaluate(b *testing.B) {
	t := &testing.T{}
	w := newWorkspace(t, map[string]string{"main.tf": benchSrc}, map[string]cty.Value{})
	w.link("aws_s3_bucket.b", "aws_s3_bucket_public_access_block.b")
	rs, _ := LoadDir("testdata/pack")
	c, _ := NewCatalog(rs)
	inst, bucket := w.byAddr["aws_instance.web"], w.byAddr["aws_s3_bucket.b"]
	imds, pab := c.Rule("TT-EC2-IMDSV1"), c.Rule("TT-S3-PUBLIC-ACCESS")
	ctx := context.Background()
	b.Run("imds-cold", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if c.NewEvaluator(w).EvaluateRule(ctx, imds, inst).Outcome != Open {
				b.Fatal("want open")
			}
		}
	})
	b.Run("imds-warm", func(b *testing.B) {
		b.ReportAllocs()
		ev := c.NewEvaluator(w)
		for i := 0; i < b.N; i++ {
			if ev.EvaluateRule(ctx, imds, inst).Outcome != Open {
				b.Fatal("want open")
			}
		}
	})
	b.Run("related-warm", func(b *testing.B) {
		b.ReportAllocs()
		ev := c.NewEvaluator(w)
		for i := 0; i < b.N; i++ {
			if ev.EvaluateRule(ctx, pab, bucket).Outcome != Pass {
				b.Fatal("want pass")
			}
		}
	})
}

// BenchmarkBuiltinCatalog evaluates every built-in rule that applies to the bench
// resources, reporting ns per (rule, resource) evaluation.
func BenchmarkBuiltinCatalog(b *testing.B) {
	t := &testing.T{}
	w := newWorkspace(t, map[string]string{"main.tf": benchSrc}, map[string]cty.Value{})
	c, _, err := LoadBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	evals := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev := c.NewEvaluator(w)
		for _, r := range w.resources {
			evals += len(c.RulesFor(r.Type))
			ev.Evaluate(ctx, r)
		}
	}
	if evals > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(evals), "ns/rule-eval")
	}
}

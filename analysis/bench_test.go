package analysis

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tm-ls/tm-ls/analysis/synth"
)

// BenchmarkAnalyze measures a cold full analysis (load, evaluation, the whole rule
// catalogue, suppressions) of the generated 1,000-file, 10,000-resource workspace,
// against a bare hclsyntax parse of the same files measured in the same run (the
// "parse floor"). Targets (issue 3): ≤ 3× the floor, < 2 s, < 1 GiB.
func BenchmarkAnalyze(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.DefaultFiles, synth.DefaultResources, 1); err != nil {
		b.Fatal(err)
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			files = append(files, p)
		}
		return nil
	})
	a, err := NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var parse, full time.Duration
	var peak uint64
	var res *Result
	for i := 0; i < b.N; i++ {
		runtime.GC()
		t0 := time.Now()
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if _, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
		parse += time.Since(t0)
		runtime.GC()
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
				}
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
			}
		}()
		// A fresh Analyzer per run: nothing is cached from the previous iteration.
		a.cache = nil
		t1 := time.Now()
		res, err = a.Analyze(ctx, Options{Root: dir})
		full += time.Since(t1)
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(parse.Milliseconds())/n, "ms/parse-floor")
	b.ReportMetric(float64(full.Milliseconds())/n, "ms/analyze")
	b.ReportMetric(float64(full)/float64(parse), "x/floor")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	b.ReportMetric(float64(len(res.Resources)), "resources")
	b.ReportMetric(float64(len(res.Findings)), "findings")
	b.ReportMetric(float64(len(res.Rules)), "rules")
	for i, s := range res.RuleStats {
		if i == 5 {
			break
		}
		b.Logf("slow rule %d: %s %d evaluations, %v total, %v each", i+1, s.RuleID, s.Count, s.Total, s.Total/time.Duration(max(s.Count, 1)))
	}
}

// BenchmarkAnalyzeEdit measures the re-analysis after an edit of one file of one
// root module of the generated 10,000-resource workspace, reusing the previous
// analysis (what the language server does on every change), against a cold analysis
// of the same final text in the same run.
func BenchmarkAnalyzeEdit(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.DefaultFiles, synth.DefaultResources, 1); err != nil {
		b.Fatal(err)
	}
	var target string
	filepath.WalkDir(filepath.Join(dir, "stacks"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && target == "" && !d.IsDir() && strings.HasSuffix(p, ".tf") && !strings.HasSuffix(p, "variables.tf") {
			target = p
		}
		return nil
	})
	src, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	a, err := NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	t0 := time.Now()
	prev, err := a.Analyze(ctx, Options{Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	cold := time.Since(t0)
	var edit time.Duration
	var lat []time.Duration
	for i := 0; i < b.N*20; i++ {
		text := fmt.Sprintf("%s\n# edit %d\nresource \"aws_instance\" \"edit_%d\" {\n  ami = \"ami-%d\"\n}\n", src, i, i%3, i)
		t1 := time.Now()
		res, err := a.Analyze(ctx, Options{Root: dir, Overlays: map[string][]byte{target: []byte(text)}, Previous: prev})
		d := time.Since(t1)
		if err != nil {
			b.Fatal(err)
		}
		edit += d
		lat = append(lat, d)
		prev = res
	}
	// The language server's first answer to a keystroke: the threat-model stage
	// taken from the previous analysis (a full one follows in the background).
	var quick []time.Duration
	for i := 0; i < b.N*20; i++ {
		text := fmt.Sprintf("%s\n# quick %d\nresource \"aws_instance\" \"quick_%d\" {\n  ami = \"ami-%d\"\n}\n", src, i, i%3, i)
		t1 := time.Now()
		res, err := a.Analyze(ctx, Options{Root: dir, Overlays: map[string][]byte{target: []byte(text)}, Previous: prev, QuickGraph: true})
		quick = append(quick, time.Since(t1))
		if err != nil {
			b.Fatal(err)
		}
		prev = res
	}
	sort.Slice(quick, func(i, j int) bool { return quick[i] < quick[j] })
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pq := func(l []time.Duration, q float64) float64 {
		return float64(l[int(q*float64(len(l)-1))].Microseconds()) / 1000
	}
	p := func(q float64) float64 { return pq(lat, q) }
	b.ReportMetric(pq(quick, 0.5), "ms/quick-p50")
	b.ReportMetric(pq(quick, 0.95), "ms/quick-p95")
	b.ReportMetric(float64(cold)/float64(quick[len(quick)/2]), "x/quick-faster-than-cold")
	b.ReportMetric(float64(cold.Milliseconds()), "ms/cold")
	b.ReportMetric(p(0.5), "ms/edit-p50")
	b.ReportMetric(p(0.95), "ms/edit-p95")
	b.ReportMetric(float64(cold)/float64(lat[len(lat)/2]), "x/faster-than-cold")
	b.ReportMetric(float64(prev.ReusedRoots()), "roots-reused")
}

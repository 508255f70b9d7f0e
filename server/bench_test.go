package server

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/synth"
	"github.com/tm-ls/tm-ls/server/lsptest"
)

// BenchmarkEditLatency measures the server on a generated 10,000-resource
// workspace: the time from initialize to all diagnostics published, then one op =
// one didChange of one file until that file's publishDiagnostics (each edit adds or
// removes an aws_instance, so its diagnostics always change). Debounce is off, so
// the figure is the analysis pipeline itself; an editor adds the debounce (150 ms by
// default) on top. Reported: index-ms, cold-ms (a fresh analyzer on the same
// workspace), p50-ms / p95-ms of the edits, the cold/p50 and cold/p95 ratios, heap-MB after indexing,
// server-overhead-p50-ms: the part of an edit's latency outside Analyze,
// alloc-MB/edit and gc/edit, and peak-heap-MB: the largest heap (garbage included)
// seen after an edit. It runs under the memory settings of `tm-ls serve`
// (TuneMemory). Run with -benchtime 100x for meaningful percentiles;
// TM_LS_EDIT_CPUPROFILE / TM_LS_EDIT_MEMPROFILE profile the edit loop alone and
// TM_LS_EDIT_TRACE=1 logs every edit's latency.
func BenchmarkEditLatency(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.DefaultFiles, synth.DefaultResources, 1); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The memory settings of `tm-ls serve`, for the cold baseline too.
	defer TuneMemory()()

	coldAnalyzer, err := analysis.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	coldRes, err := coldAnalyzer.Analyze(ctx, analysis.Options{Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	cold := time.Since(t0)
	resources := len(coldRes.Resources)
	coldRes, coldAnalyzer = nil, nil

	a, c := net.Pipe()
	served := make(chan error, 1)
	var amu sync.Mutex
	var lastAnalysis time.Duration
	timed := func(ctx context.Context, o analysis.Options) (*analysis.Result, error) {
		t0 := time.Now()
		res, err := analysis.Analyze(ctx, o)
		if err == nil {
			amu.Lock()
			lastAnalysis = time.Since(t0)
			amu.Unlock()
		}
		return res, err
	}
	go func() { served <- Serve(ctx, a, Options{Logger: zap.NewNop(), Debounce: -1, Analyze: timed}) }()
	client := lsptest.New(c)
	defer func() { _ = client.Close(); <-served }()

	t0 = time.Now()
	if _, err := client.Initialize(ctx, pathToURI(dir)); err != nil {
		b.Fatal(err)
	}
	if err := client.Call(ctx, "workspace/symbol", map[string]any{"query": "zz-no-match"}, nil); err != nil {
		b.Fatal(err)
	}
	index := time.Since(t0)
	published := len(client.AllDiagnostics())
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heapMB := float64(ms.HeapAlloc) / (1 << 20)

	target := firstTF(b, dir)
	uri := pathToURI(target)
	text, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	if err := client.Open(ctx, uri, string(text)); err != nil {
		b.Fatal(err)
	}
	if err := client.Call(ctx, "workspace/symbol", map[string]any{"query": "zz-no-match"}, nil); err != nil {
		b.Fatal(err)
	}

	var lat, overhead []time.Duration
	var peakHeap uint64 // the largest heap seen after an edit, garbage included
	if path := os.Getenv("TM_LS_EDIT_CPUPROFILE"); path != "" {
		stop := startCPUProfile(b, path)
		defer stop()
	}
	memProfile := os.Getenv("TM_LS_EDIT_MEMPROFILE")
	if memProfile != "" {
		writeHeapProfile(b, memProfile+".before")
		defer writeHeapProfile(b, memProfile)
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, _ := client.Doc(uri)
		var edit protocol.TextEdit
		end := lsptest.Position(doc.Text, len(doc.Text))
		if i%2 == 0 {
			edit = protocol.TextEdit{Range: protocol.Range{Start: end, End: end}, NewText: fmt.Sprintf("\nresource \"aws_instance\" \"bench_%d\" {\n  ami = \"ami-1\"\n}\n", i)}
		} else {
			cut := strings.LastIndex(doc.Text, "\nresource \"aws_instance\" \"bench_")
			edit = protocol.TextEdit{Range: protocol.Range{Start: lsptest.Position(doc.Text, cut), End: end}, NewText: ""}
		}
		start := time.Now()
		if err := client.Edit(ctx, uri, []protocol.TextEdit{edit}); err != nil {
			b.Fatal(err)
		}
		want := doc.Version + 1
		wctx, wcancel := context.WithTimeout(ctx, 2*time.Minute)
		_, err := client.WaitDiagnostics(wctx, uri, func(p lsptest.Published) bool { return p.Version != nil && *p.Version == want })
		wcancel()
		if err != nil {
			b.Fatalf("edit %d: %v", i, err)
		}
		lat = append(lat, time.Since(start))
		var ems runtime.MemStats
		runtime.ReadMemStats(&ems)
		peakHeap = max(peakHeap, ems.HeapAlloc)
		amu.Lock()
		overhead = append(overhead, lat[len(lat)-1]-lastAnalysis)
		amu.Unlock()
	}
	b.StopTimer()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MB/edit")
	b.ReportMetric(float64(after.NumGC-before.NumGC)/float64(b.N), "gc/edit")
	if os.Getenv("TM_LS_EDIT_TRACE") != "" {
		for i, d := range lat {
			b.Logf("edit %d: %.1f ms (overhead %.1f ms)", i, ms2(d), ms2(overhead[i]))
		}
	}
	slices.Sort(lat)
	slices.Sort(overhead)
	p50, p95 := percentile(lat, 50), percentile(lat, 95)
	// What the server adds to the analysis itself (conversion, publication, JSON-RPC).
	b.ReportMetric(ms2(percentile(overhead, 50)), "server-overhead-p50-ms")
	b.ReportMetric(float64(resources), "resources")
	b.ReportMetric(float64(published), "files-published")
	b.ReportMetric(ms2(index), "index-ms")
	b.ReportMetric(ms2(cold), "cold-ms")
	b.ReportMetric(ms2(p50), "p50-ms")
	b.ReportMetric(ms2(p95), "p95-ms")
	if p50 > 0 {
		b.ReportMetric(float64(cold)/float64(p50), "cold/p50")
	}
	if p95 > 0 {
		b.ReportMetric(float64(cold)/float64(p95), "cold/p95")
	}
	b.ReportMetric(heapMB, "heap-MB")
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
}

// startCPUProfile writes a CPU profile of the edit loop alone to path, so that
// indexing and the cold baseline do not drown the per-edit costs.
func startCPUProfile(b *testing.B, path string) func() {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); _ = f.Close() }
}

// writeHeapProfile writes the heap profile; the allocations of the edit loop alone
// are the difference between the profiles before and after it (pprof -base).
func writeHeapProfile(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

func ms2(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return sorted[i-1]
}

// firstTF returns the first .tf file of the workspace in path order.
func firstTF(b *testing.B, dir string) string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") && strings.Contains(p, "stacks") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		b.Fatal("generated workspace has no stack files")
	}
	sort.Strings(files)
	return files[0]
}

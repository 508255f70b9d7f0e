package terraform

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/synth"
)

func tfFiles(tb testing.TB, dir string) []string {
	tb.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// parseFloor reads and parses every file with hclsyntax on one goroutine: the least
// work any loader must do.
func parseFloor(tb testing.TB, files []string) {
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		if _, diags := hclsyntax.ParseConfig(b, p, hcl.InitialPos); diags.HasErrors() {
			tb.Fatal(diags)
		}
	}
}

// parseFloorParallel is parseFloor spread over GOMAXPROCS goroutines, as Load parses.
func parseFloorParallel(tb testing.TB, files []string) {
	ch := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				b, err := os.ReadFile(p)
				if err != nil {
					tb.Error(err)
					continue
				}
				hclsyntax.ParseConfig(b, p, hcl.InitialPos)
			}
		}()
	}
	for _, p := range files {
		ch <- p
	}
	close(ch)
	wg.Wait()
}

// peakHeap samples HeapInuse every 20 ms until stop is closed.
func peakHeap(stop <-chan struct{}, out *uint64, wg *sync.WaitGroup) {
	defer wg.Done()
	var ms runtime.MemStats
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > *out {
			*out = ms.HeapInuse
		}
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// BenchmarkLoad loads the synthetic 1,000-file / 10,000-resource workspace and
// compares it with a bare single-goroutine parse of the same files.
// Metrics: ms/parse (the floor), ms/parse-par (the same on GOMAXPROCS goroutines),
// ms/load, x/floor and x/par-floor (Load over each floor), ms-cpu/load,
// ms-cpu/parse and x-cpu/floor (the same in process CPU time), MB-peak-heap
// (largest HeapInuse sampled every 20 ms during Load), MB-live-heap (HeapInuse after
// GC with the Workspace alive) and MB-alloc/load (TotalAlloc per Load).
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.DefaultFiles, synth.DefaultResources, 1); err != nil {
		b.Fatal(err)
	}
	files := tfFiles(b, dir)
	ctx := context.Background()
	var parseDur, parDur, loadDur, parseCPU, loadCPU time.Duration
	var peak, live, alloc uint64
	var nres int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		c0, t0 := cpuTime(), time.Now()
		parseFloor(b, files)
		t1 := time.Now()
		parseCPU += cpuTime() - c0
		runtime.GC()
		tp := time.Now()
		parseFloorParallel(b, files)
		parDur += time.Since(tp)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go peakHeap(stop, &peak, &wg)
		c2, t2 := cpuTime(), time.Now()
		ws, err := Load(ctx, Options{Root: dir})
		t3 := time.Now()
		loadCPU += cpuTime() - c2
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		alloc += after.TotalAlloc - before.TotalAlloc
		runtime.GC()
		runtime.ReadMemStats(&after)
		if after.HeapInuse > live {
			live = after.HeapInuse
		}
		nres = len(ws.Resources)
		runtime.KeepAlive(ws)
		parseDur += t1.Sub(t0)
		loadDur += t3.Sub(t2)
	}
	n := float64(b.N)
	b.ReportMetric(float64(parseDur.Milliseconds())/n, "ms/parse")
	b.ReportMetric(float64(loadDur.Milliseconds())/n, "ms/load")
	b.ReportMetric(float64(loadDur)/float64(parseDur), "x/floor")
	b.ReportMetric(float64(parDur.Milliseconds())/n, "ms/parse-par")
	if parseCPU > 0 {
		// CPU time is steadier than wall time on a shared machine.
		b.ReportMetric(float64(loadCPU.Milliseconds())/n, "ms-cpu/load")
		b.ReportMetric(float64(parseCPU.Milliseconds())/n, "ms-cpu/parse")
		b.ReportMetric(float64(loadCPU)/float64(parseCPU), "x-cpu/floor")
	}
	b.ReportMetric(float64(loadDur)/float64(parDur), "x/par-floor")
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	b.ReportMetric(float64(live)/(1<<20), "MB-live-heap")
	b.ReportMetric(float64(alloc)/n/(1<<20), "MB-alloc/load")
	b.ReportMetric(float64(nres), "resources")
	b.ReportMetric(float64(len(files)), "files")
}

// TestSyntheticWorkspaceLoads checks a small synthetic workspace end to end.
func TestSyntheticWorkspaceLoads(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, 100, 1000, 3); err != nil {
		t.Fatal(err)
	}
	ws := load(t, Options{Root: dir})
	if n := len(ws.Resources); n < 1000 || n > 1000+5*100 {
		t.Errorf("%d resources", n)
	}
	for _, d := range ws.Diagnostics {
		if d.Code != "unknown-expansion" {
			t.Errorf("unexpected diagnostic %+v", d)
		}
	}
	r := mustLookup(t, ws, "stacks/s00", `module.net["b"].aws_subnet.public[1]`)
	wantString(t, attrOf(t, r.Attrs, "cidr_block"), "10.2.1.0/24")
	joined := 0
	for _, r := range ws.Resources {
		if r.JoinedTo != "" {
			joined++
		}
	}
	if joined == 0 {
		t.Error("no split resource was joined")
	}
}

// BenchmarkReloadWithCache measures what an editor keystroke costs: the synthetic
// workspace is loaded once into a Cache, then each iteration reloads it with one
// file changed through an overlay (only that file is parsed again).
func BenchmarkReloadWithCache(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.DefaultFiles, synth.DefaultResources, 1); err != nil {
		b.Fatal(err)
	}
	files := tfFiles(b, dir)
	edited := files[len(files)/2]
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	cache := NewCache()
	ctx := context.Background()
	if _, err := Load(ctx, Options{Root: dir, Cache: cache}); err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf := append(append([]byte{}, orig...), []byte("\n# edit "+time.Now().String()+"\n")...)
		t0 := time.Now()
		ws, err := Load(ctx, Options{Root: dir, Cache: cache, Overlays: map[string][]byte{edited: buf}})
		total += time.Since(t0)
		if err != nil || len(ws.Resources) == 0 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/reload")
}

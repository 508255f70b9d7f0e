package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/synth"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

// benchModel declares two components over synthetic resources and one flow, the
// flow the edit benchmark changes.
func benchModel(ws *terraform.Workspace, protocol string) []byte {
	var store, compute string
	for _, r := range ws.Resources {
		if store == "" && r.Type == "aws_db_instance" {
			store = r.BaseAddress
		}
		if compute == "" && r.Type == "aws_instance" {
			compute = r.BaseAddress
		}
	}
	return fmt.Appendf(nil, `data "pii" {
  classification = "restricted"
}
component "db" {
  kind      = "datastore"
  terraform = [%s]
  stores    = [data.pii]
}
component "app" {
  kind      = "compute"
  terraform = [%s]
}
flow "query" {
  from     = component.app
  to       = component.db
  protocol = %q
  data     = [data.pii]
}
`, store, compute, protocol)
}

// BenchmarkGraph measures, on the generated 10,000-resource workspace (loaded once;
// loading is the loader's benchmark): a cold graph build with threats and attack
// paths, the re-analysis after one flow of the threat model changes, and the heap
// the graph holds.
func BenchmarkGraph(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Generate(dir, synth.DefaultFiles, synth.DefaultResources, 1); err != nil {
		b.Fatal(err)
	}
	ws, err := terraform.Load(context.Background(), terraform.Options{Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	modelPath := filepath.Join(dir, "model.tm.hcl")
	if err := os.WriteFile(modelPath, benchModel(ws, "https"), 0o644); err != nil {
		b.Fatal(err)
	}
	cat, _ := graphrules.Builtin()
	ctx := context.Background()
	var cache *Cache
	run := func(inf *Inferred, overlays map[string][]byte) (*model.Graph, int) {
		dsl, _ := tmdsl.Load(dir, overlays)
		g, _ := BuildFrom(inf, dsl)
		fs, _ := ThreatsCached(ctx, g, cat, time.Now(), cache)
		return g, len(fs)
	}
	var cold, edit, coldCPU, editCPU time.Duration
	var comps, flows, findings int
	for i := 0; i < b.N; i++ {
		// Cold: inference from the loaded Terraform, merge, threats, paths.
		cache = NewCache()
		start, startCPU := time.Now(), cpuTime()
		inf, err := Infer(ws)
		if err != nil {
			b.Fatal(err)
		}
		g, n := run(inf, nil)
		cold += time.Since(start)
		coldCPU += cpuTime() - startCPU
		comps, flows, findings = len(g.Components), len(g.Flows), n
		// Edit of one flow in the threat model: the Terraform did not change, so the
		// inferred graph and the outcomes of unchanged components are reused.
		start, startCPU = time.Now(), cpuTime()
		g2, _ := run(inf, map[string][]byte{modelPath: benchModel(ws, "http")})
		edit += time.Since(start)
		editCPU += cpuTime() - startCPU
		if protocolOf(g2, "flow.query") != "http" || protocolOf(g, "flow.query") != "https" {
			b.Fatal("the edit did not reach the graph")
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	cache = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	inf, _ := Infer(ws)
	g, _ := run(inf, nil)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(g)
	runtime.KeepAlive(inf)
	b.ReportMetric(float64(cold.Microseconds())/1000/float64(b.N), "cold-ms")
	b.ReportMetric(float64(edit.Microseconds())/1000/float64(b.N), "edit-ms")
	b.ReportMetric(float64(coldCPU.Microseconds())/1000/float64(b.N), "cold-cpu-ms")
	b.ReportMetric(float64(editCPU.Microseconds())/1000/float64(b.N), "edit-cpu-ms")
	b.ReportMetric(float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc))/(1<<20), "graph-MB")
	b.ReportMetric(float64(len(ws.Resources)), "resources")
	b.ReportMetric(float64(comps), "components")
	b.ReportMetric(float64(flows), "flows")
	b.ReportMetric(float64(findings), "findings")
}

func protocolOf(g *model.Graph, addr string) string {
	for _, f := range g.Flows {
		if f.Address == addr {
			return f.Protocol
		}
	}
	return ""
}

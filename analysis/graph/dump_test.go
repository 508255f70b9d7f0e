package graph

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
	"time"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		return
	}
	ws, err := terraform.Load(context.Background(), terraform.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	dsl, dd := tmdsl.Load(dir, nil)
	g, diags := Build(ws, dsl)
	for _, b := range g.Boundaries {
		fmt.Printf("B %s %s\n", b.Address, b.Trust)
	}
	for _, c := range g.Components {
		fmt.Printf("C %s kind=%s b=%s inet=%v enc=%v bak=%v waf=%v audit=%v guarded=%v stores=%v\n", c.Address, c.Kind, c.Boundary, c.InternetFacing, c.EncryptedAtRest, c.Backup, c.WAF, c.AuditTrail, c.Guarded, c.Stores)
	}
	for _, f := range g.Flows {
		fmt.Printf("F %s %s enc=%v auth=%v via=%v %s:%d\n", f.Address, f.Protocol, f.Encrypted, f.Authenticated, f.Via, f.File, f.Range.Start.Line)
	}
	for _, d := range append(dd, diags...) {
		fmt.Printf("D %s:%d %s %s\n", d.File, d.Range.Start.Line, d.Code, d.Summary)
	}
}

func TestDumpThreats(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		return
	}
	ws, _ := terraform.Load(context.Background(), terraform.Options{Root: dir})
	dsl, _ := tmdsl.Load(dir, nil)
	g, _ := Build(ws, dsl)
	cat, cd := graphrules.Builtin()
	fmt.Println(cd)
	fs, diags := Threats(context.Background(), g, cat, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	for _, f := range fs {
		fmt.Printf("%s %s:%d %s [%s] %d %.1f %s %s\n", f.ID, f.File, f.Range.Start.Line, f.Message, f.Severity, f.Inherent, f.Residual, f.Status, f.StatusNote)
		for _, r := range f.Related {
			fmt.Printf("    %s %s:%d\n", r.Message, r.File, r.Range.Start.Line)
		}
	}
	fmt.Println(diags)
}

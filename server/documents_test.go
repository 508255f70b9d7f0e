package server

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/server/lsptest"
)

func rng(l0, c0, l1, c1 uint32) protocol.Range {
	return protocol.Range{Start: pos(l0, c0), End: pos(l1, c1)}
}

func TestDiagnosticsOpenChangeClear(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.initialize()
	// é (1 unit) and 🔒 (2 units) precede BAD on its line.
	text := "resource \"aws_x\" \"a\" {\n  name = \"é🔒 BAD\"\n}\n"
	uri := ts.uri("main.tf")
	if err := ts.c.Open(ts.ctx, uri, text); err != nil {
		t.Fatal(err)
	}
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	d := lsptest.FindCode(p.Diagnostics, "TM-TEST-TOKEN")
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version = %v, want 1", p.Version)
	}
	if want := rng(1, 14, 1, 17); d.Range != want {
		t.Errorf("range = %v, want %v", d.Range, want)
	}
	if d.Severity != protocol.DiagnosticSeverityError || d.Source != "tm-ls" || d.Message != "Bad token present" {
		t.Errorf("diagnostic = %+v", d)
	}
	if d.CodeDescription == nil || string(d.CodeDescription.Href) != "https://github.com/tm-ls/tm-ls/blob/main/docs/rules.md#tm-test-token" {
		t.Errorf("codeDescription = %+v", d.CodeDescription)
	}
	if id := findingIDOf(*d); id != "TM-TEST-TOKEN@aws_x.a" {
		t.Errorf("data.findingId = %q", id)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.Range != rng(0, 0, 0, 20) || d.RelatedInformation[0].Message != "declared here" {
		t.Errorf("relatedInformation = %+v", d.RelatedInformation)
	}

	// An incremental edit (UTF-16 range after the emoji) removes the token.
	if err := ts.c.Edit(ts.ctx, uri, []protocol.TextEdit{{Range: rng(1, 14, 1, 17), NewText: "ok"}}); err != nil {
		t.Fatal(err)
	}
	p = ts.waitDiags("main.tf", func(p lsptest.Published) bool { return len(p.Diagnostics) == 0 })
	if p.Version == nil || *p.Version != 2 {
		t.Errorf("cleared diagnostics version = %v, want 2", p.Version)
	}
	doc, _ := ts.c.Doc(uri)
	if !strings.Contains(doc.Text, "é🔒 ok") {
		t.Fatalf("client text = %q", doc.Text)
	}

	// Syntax errors are published as diagnostics, with a sane range.
	if err := ts.c.Replace(ts.ctx, uri, "resource \"aws_x\" \"a\" {\n  name = bogus(\n"); err != nil {
		t.Fatal(err)
	}
	p = ts.waitDiags("main.tf", lsptest.HasCode("syntax"))
	for _, d := range p.Diagnostics {
		if lessRange(protocol.Range{Start: d.Range.End}, protocol.Range{Start: d.Range.Start}) {
			t.Errorf("range ends before it starts: %v", d.Range)
		}
	}
}

func TestOverlayWinsAndWatchedFiles(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("disk.tf", "resource \"x\" \"d\" {\n  a = \"BAD\"\n}\n")
	ts.write("open.tf", "resource \"x\" \"o\" {\n  a = \"BAD\"\n}\n")
	ts.initialize()
	ts.waitDiags("disk.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	ts.waitDiags("open.tf", lsptest.HasCode("TM-TEST-TOKEN"))

	// The open buffer wins over the file on disk.
	if err := ts.c.Open(ts.ctx, ts.uri("open.tf"), "resource \"x\" \"o\" {\n  a = \"fine\"\n}\n"); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("open.tf", lsptest.LacksCode("TM-TEST-TOKEN"))
	// Closing it makes the disk count again.
	if err := ts.c.CloseDoc(ts.ctx, ts.uri("open.tf")); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("open.tf", lsptest.HasCode("TM-TEST-TOKEN"))

	// A change on disk is picked up when the client reports it.
	ts.write("disk.tf", "resource \"x\" \"d\" {\n  a = \"fixed\"\n}\n")
	if err := ts.c.Notify(ts.ctx, "workspace/didChangeWatchedFiles", map[string]any{
		"changes": []map[string]any{{"uri": ts.uri("disk.tf"), "type": 2}},
	}); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("disk.tf", lsptest.LacksCode("TM-TEST-TOKEN"))
}

func TestCrossFileAndOnlyChangedFilesPublished(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("a.tf", "resource \"x\" \"a\" {\n  p = needs_provider\n}\n")
	ts.write("c.tf", "resource \"x\" \"c\" {\n  a = \"BAD\"\n}\n")
	ts.initialize()
	ts.waitDiags("a.tf", lsptest.HasCode("TM-TEST-CROSS"))
	ts.waitDiags("c.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	count := func(uri string) int {
		n := 0
		for _, p := range ts.c.History() {
			if p.URI == uri {
				n++
			}
		}
		return n
	}
	before := count(ts.uri("c.tf"))

	// Editing b.tf (new, open) changes the diagnostics of a.tf only.
	b := ts.uri("b.tf")
	if err := ts.c.Open(ts.ctx, b, "# empty\n"); err != nil {
		t.Fatal(err)
	}
	if err := ts.c.Edit(ts.ctx, b, []protocol.TextEdit{{Range: rng(1, 0, 1, 0), NewText: "locals {\n  x = provider_present\n}\n"}}); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("a.tf", lsptest.LacksCode("TM-TEST-CROSS"))
	if after := count(ts.uri("c.tf")); after != before {
		t.Errorf("c.tf republished %d times although its diagnostics did not change", after-before)
	}
	if n := count(b); n != 0 {
		t.Errorf("b.tf (never had diagnostics) published %d times", n)
	}
}

func TestDebounceCancelsOlderAnalyses(t *testing.T) {
	fa := &fakeAnalyzer{delay: 150 * time.Millisecond}
	ts := startServer(t, Options{Analyze: fa.analyze, Debounce: 20 * time.Millisecond})
	ts.initialize()
	uri := ts.uri("main.tf")
	if err := ts.c.Open(ts.ctx, uri, "resource \"x\" \"y\" {\n}\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the first analysis (nothing to publish)
	base := fa.calls.Load()
	const edits = 12
	for i := range edits {
		tok := "fine"
		if i == edits-1 {
			tok = "BAD"
		}
		if err := ts.c.Edit(ts.ctx, uri, []protocol.TextEdit{{Range: rng(1, 0, 1, 0), NewText: fmt.Sprintf("  a%d = \"%s\"\n", i, tok)}}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(40 * time.Millisecond) // longer than the debounce, shorter than an analysis
	}
	p := ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	if p.Version == nil || *p.Version != edits+1 {
		t.Errorf("final version = %v, want %d", p.Version, edits+1)
	}
	if fa.cancelled.Load() == 0 {
		t.Errorf("no analysis was cancelled by a newer edit (%d calls)", fa.calls.Load()-base)
	}
	for _, h := range ts.c.History() {
		if h.URI == uri && h.Version != nil && *h.Version < edits+1 && lsptest.FindCode(h.Diagnostics, "TM-TEST-TOKEN") != nil {
			t.Errorf("version %d published a finding that only the last version has", *h.Version)
		}
	}
}

func TestDebounceCoalescesBursts(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze, Debounce: 200 * time.Millisecond})
	ts.initialize()
	uri := ts.uri("main.tf")
	if err := ts.c.Open(ts.ctx, uri, "resource \"x\" \"y\" {\n}\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	base := fa.calls.Load()
	for i := range 20 {
		if err := ts.c.Edit(ts.ctx, uri, []protocol.TextEdit{{Range: rng(1, 0, 1, 0), NewText: fmt.Sprintf("  a%d = 1\n", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ts.c.Edit(ts.ctx, uri, []protocol.TextEdit{{Range: rng(1, 0, 1, 0), NewText: "  z = \"BAD\"\n"}}); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	if n := fa.calls.Load() - base; n > 3 {
		t.Errorf("a burst of 21 edits ran %d analyses", n)
	}
}

func TestCancelRequestNumericAndStringIDs(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("main.tf", "resource \"x\" \"y\" {}\n")
	ts.initialize()
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": ""}, nil); err != nil {
		t.Fatal(err)
	}
	// Every analysis now blocks, so a hover after an edit waits.
	fa.mu.Lock()
	fa.block = make(chan struct{})
	fa.mu.Unlock()
	defer func() { fa.mu.Lock(); close(fa.block); fa.block = nil; fa.mu.Unlock() }()

	for _, id := range []jsonrpc2.ID{jsonrpc2.NewNumberID(4242), jsonrpc2.NewStringID("hover-1")} {
		if err := ts.c.Notify(ts.ctx, "workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": ts.uri("main.tf"), "type": 2}}}); err != nil {
			t.Fatal(err)
		}
		errc := make(chan error, 1)
		go func() { errc <- ts.c.CallID(ts.ctx, id, "textDocument/hover", hoverAt(ts.uri("main.tf"), 0, 1), nil) }()
		select {
		case err := <-errc:
			t.Fatalf("hover answered before cancellation: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		raw, _ := id.MarshalJSON()
		if err := ts.c.Notify(ts.ctx, "$/cancelRequest", map[string]any{"id": jsonRaw(raw)}); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-errc:
			if lsptest.Code(err) != codeRequestCancelled {
				t.Errorf("id %v: got %v, want RequestCancelled", id, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("id %v: cancellation ignored", id)
		}
	}
}

type jsonRaw []byte

func (j jsonRaw) MarshalJSON() ([]byte, error) { return j, nil }

func TestWorkspaceFoldersAreIndependent(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	other := t.TempDir()
	ts.write("a.tf", "resource \"x\" \"one\" {\n  a = \"BAD\"\n}\n")
	otherTS := &testSession{t: t, root: other}
	otherTS.write("b.tf", "resource \"x\" \"two\" {\n  a = \"BAD\"\n}\n")
	if _, err := ts.c.Initialize(ts.ctx, pathToURI(ts.root), pathToURI(other)); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("a.tf", lsptest.HasCode("TM-TEST-TOKEN"))
	ctx, cancel := context.WithTimeout(ts.ctx, 10*time.Second)
	defer cancel()
	if _, err := ts.c.WaitDiagnostics(ctx, otherTS.uri("b.tf"), lsptest.HasCode("TM-TEST-TOKEN")); err != nil {
		t.Fatal(err)
	}
	var syms []protocol.SymbolInformation
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": "X."}, &syms); err != nil {
		t.Fatal(err)
	}
	if len(syms) != 2 {
		t.Fatalf("workspace/symbol over two folders = %+v", syms)
	}
	// Fixing the file of one folder leaves the other folder's diagnostics alone.
	if err := ts.c.Open(ts.ctx, ts.uri("a.tf"), "resource \"x\" \"one\" {\n}\n"); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("a.tf", lsptest.LacksCode("TM-TEST-TOKEN"))
	if p, _ := ts.c.Diagnostics(otherTS.uri("b.tf")); lsptest.FindCode(p.Diagnostics, "TM-TEST-TOKEN") == nil {
		t.Error("the other folder's diagnostics were cleared")
	}
	// A file outside every folder gets its own implicit workspace.
	loose := t.TempDir()
	looseTS := &testSession{t: t, root: loose}
	if err := ts.c.Open(ts.ctx, looseTS.uri("l.tf"), "resource \"x\" \"l\" {\n  a = \"BAD\"\n}\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.c.WaitDiagnostics(ctx, looseTS.uri("l.tf"), lsptest.HasCode("TM-TEST-TOKEN")); err != nil {
		t.Fatal(err)
	}
}

func TestWorkspaceFolderChangesAndUnlocatedProblems(t *testing.T) {
	fa := &fakeAnalyzer{unlocated: "rule pack ./x could not be read"}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("a.tf", "resource \"x\" \"a\" {\n  v = \"BAD\"\n}\n")
	if _, err := ts.c.Initialize(ts.ctx); err != nil { // no folder at all
		t.Fatal(err)
	}
	added := &testSession{t: t, root: t.TempDir()}
	added.write("b.tf", "resource \"x\" \"b\" {\n  v = \"BAD\"\n}\n")
	folders := func(kind string, root string) map[string]any {
		return map[string]any{"event": map[string]any{kind: []map[string]any{{"uri": pathToURI(root), "name": "f"}}}}
	}
	if err := ts.c.Notify(ts.ctx, "workspace/didChangeWorkspaceFolders", folders("added", added.root)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ts.ctx, 10*time.Second)
	defer cancel()
	if _, err := ts.c.WaitDiagnostics(ctx, added.uri("b.tf"), lsptest.HasCode("TM-TEST-TOKEN")); err != nil {
		t.Fatal(err)
	}
	if _, ok := ts.c.Diagnostics(ts.uri("a.tf")); ok {
		t.Error("a file outside every folder was analysed")
	}
	// Re-analyses do not repeat the problem without a file.
	for range 2 {
		if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.restart"}, nil); err != nil {
			t.Fatal(err)
		}
		if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": ""}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(strings.Join(ts.c.Notifications(), " "), "window/logMessage"); n != 1 {
		t.Errorf("problem without a file logged %d times, want once", n)
	}
	if err := ts.c.Notify(ts.ctx, "workspace/didChangeWorkspaceFolders", folders("removed", added.root)); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.c.WaitDiagnostics(ctx, added.uri("b.tf"), func(p lsptest.Published) bool { return len(p.Diagnostics) == 0 }); err != nil {
		t.Fatal("diagnostics of a removed folder were not cleared: ", err)
	}
}

// TestQuickAnswersTrustTheDiskUntilAPause: keystrokes get quick answers that take
// the files on disk from the previous analysis (DiskUnchanged); a change on disk
// that the client reports is read by the very next analysis, and one it does not
// report is read by the full analysis that follows a pause in typing.
func TestQuickAnswersTrustTheDiskUntilAPause(t *testing.T) {
	var mu sync.Mutex
	var seen []analysis.Options
	record := func(ctx context.Context, o analysis.Options) (*analysis.Result, error) {
		mu.Lock()
		seen = append(seen, o)
		mu.Unlock()
		return analysis.Analyze(ctx, o)
	}
	last := func() analysis.Options {
		mu.Lock()
		defer mu.Unlock()
		return seen[len(seen)-1]
	}
	ts := startServer(t, Options{Analyze: record})
	bad := "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n}\n"
	good := bad + "resource \"aws_s3_bucket_versioning\" \"a\" {\n  bucket = aws_s3_bucket.a.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"
	ts.write("a.tf", bad)
	ts.write("b.tf", "resource \"aws_instance\" \"b\" {\n  ami = \"ami-1\"\n}\n")
	ts.initialize()
	ts.waitDiags("a.tf", lsptest.HasCode("TM-AWS-S3-VERSIONING"))
	uri := ts.uri("b.tf")
	if err := ts.c.Open(ts.ctx, uri, "resource \"aws_instance\" \"b\" {\n  ami = \"ami-1\"\n}\n"); err != nil {
		t.Fatal(err)
	}
	edit := func(text string) {
		t.Helper()
		doc, _ := ts.c.Doc(uri)
		end := lsptest.Position(doc.Text, len(doc.Text))
		if err := ts.c.Edit(ts.ctx, uri, []protocol.TextEdit{{Range: protocol.Range{Start: end, End: end}, NewText: text}}); err != nil {
			t.Fatal(err)
		}
		want := doc.Version + 1
		if _, err := ts.c.WaitDiagnostics(ts.ctx, uri, func(p lsptest.Published) bool { return p.Version != nil && *p.Version == want }); err != nil {
			t.Fatal(err)
		}
	}

	// Fixed on disk, unreported: the keystroke's quick answer may trust the disk as
	// it was, the full analysis after the pause reads it.
	ts.write("a.tf", good)
	edit("resource \"aws_instance\" \"c\" {\n  ami = \"ami-2\"\n}\n")
	if o := last(); !o.QuickGraph || !o.DiskUnchanged {
		t.Errorf("a keystroke's analysis: QuickGraph %v DiskUnchanged %v, want both", o.QuickGraph, o.DiskUnchanged)
	}
	ts.waitDiags("a.tf", lsptest.LacksCode("TM-AWS-S3-VERSIONING"))
	if o := last(); o.DiskUnchanged {
		t.Error("the full analysis after the pause trusted the previous disk")
	}

	// Broken again on disk and reported: the next analysis reads the disk.
	ts.write("a.tf", bad)
	if err := ts.c.Notify(ts.ctx, "workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": ts.uri("a.tf"), "type": 2}}}); err != nil {
		t.Fatal(err)
	}
	ts.waitDiags("a.tf", lsptest.HasCode("TM-AWS-S3-VERSIONING"))
	mu.Lock()
	for _, o := range seen[len(seen)-1:] {
		if o.DiskUnchanged {
			t.Error("the analysis after a reported change on disk trusted the previous disk")
		}
	}
	mu.Unlock()
}

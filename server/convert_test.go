package server

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

func TestSeverityMapping(t *testing.T) {
	tests := []struct {
		sev    model.Severity
		status model.Status
		want   protocol.DiagnosticSeverity
		shown  bool
	}{
		{model.SeverityCritical, model.Open, protocol.DiagnosticSeverityError, true},
		{model.SeverityHigh, model.Open, protocol.DiagnosticSeverityError, true},
		{model.SeverityMedium, model.Open, protocol.DiagnosticSeverityWarning, true},
		{model.SeverityLow, model.Open, protocol.DiagnosticSeverityInformation, true},
		{model.SeverityInfo, model.Open, protocol.DiagnosticSeverityHint, true},
		{model.SeverityHigh, model.Mitigated, protocol.DiagnosticSeverityError, true},
		{model.SeverityCritical, model.Accepted, protocol.DiagnosticSeverityHint, true},
		{model.SeverityCritical, model.Suppressed, 0, false},
	}
	for _, tt := range tests {
		got, shown := severityOf(&model.Finding{Severity: tt.sev, Status: tt.status})
		if got != tt.want || shown != tt.shown {
			t.Errorf("%s/%s → %v,%v want %v,%v", tt.sev, tt.status, got, shown, tt.want, tt.shown)
		}
	}
	if inputSeverity(model.SeverityHigh) != protocol.DiagnosticSeverityError || inputSeverity(model.SeverityMedium) != protocol.DiagnosticSeverityWarning || inputSeverity(model.SeverityInfo) != protocol.DiagnosticSeverityInformation {
		t.Error("input diagnostic severities")
	}
}

func TestMergeEdits(t *testing.T) {
	in := []analysis.Edit{
		{File: "b.tf", Start: 5, End: 5, NewText: "x"},
		{File: "a.tf", Start: 10, End: 20, NewText: "one"},
		{File: "a.tf", Start: 15, End: 25, NewText: "overlaps"},
		{File: "a.tf", Start: 30, End: 30, NewText: "i1"},
		{File: "a.tf", Start: 30, End: 30, NewText: "i2"},
		{File: "a.tf", Start: 10, End: 20, NewText: "one"}, // the same edit twice (two fixes)
		{File: "b.tf", Start: 1, End: 3, NewText: "y"},
	}
	got := mergeEdits(in)
	want := []analysis.Edit{
		{File: "a.tf", Start: 10, End: 20, NewText: "one"},
		{File: "a.tf", Start: 30, End: 30, NewText: "i1"},
		{File: "a.tf", Start: 30, End: 30, NewText: "i2"},
		{File: "b.tf", Start: 1, End: 3, NewText: "y"},
		{File: "b.tf", Start: 5, End: 5, NewText: "x"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("edit %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestURIs(t *testing.T) {
	p, err := uriToPath("file:///tmp/a%20b/%C3%A9.tf")
	if err != nil || p != "/tmp/a b/é.tf" {
		t.Errorf("uriToPath = %q, %v", p, err)
	}
	if u := pathToURI("/tmp/a b/é.tf"); u != "file:///tmp/a%20b/%C3%A9.tf" {
		t.Errorf("pathToURI = %q", u)
	}
	for _, bad := range []string{"untitled:Untitled-1", "http://x/y.tf", "file://", "%zz"} {
		if _, err := uriToPath(bad); err == nil {
			t.Errorf("uriToPath(%q) accepted", bad)
		}
	}
	if !within("/a/b", "/a/b/c.tf") || within("/a/b", "/a/bc/d.tf") || !within("/a/b", "/a/b") {
		t.Error("within")
	}
}

func TestFingerprint(t *testing.T) {
	base := func() []protocol.Diagnostic {
		return []protocol.Diagnostic{{
			Range:    protocol.Range{Start: protocol.Position{Line: 1, Character: 2}, End: protocol.Position{Line: 1, Character: 5}},
			Severity: protocol.DiagnosticSeverityError, Code: "TM-X", Message: "m", Data: findingData{FindingID: "TM-X@a.b"},
			RelatedInformation: []protocol.DiagnosticRelatedInformation{{Location: protocol.Location{URI: "file:///a.tf"}, Message: "r"}},
		}}
	}
	ref := fingerprint(base())
	if fingerprint(base()) != ref {
		t.Fatal("equal lists differ")
	}
	changes := map[string]func(d *protocol.Diagnostic){
		"range":    func(d *protocol.Diagnostic) { d.Range.End.Character++ },
		"severity": func(d *protocol.Diagnostic) { d.Severity = protocol.DiagnosticSeverityWarning },
		"code":     func(d *protocol.Diagnostic) { d.Code = "TM-Y" },
		"message":  func(d *protocol.Diagnostic) { d.Message = "n" },
		"data":     func(d *protocol.Diagnostic) { d.Data = findingData{FindingID: "TM-X@a.c"} },
		"related":  func(d *protocol.Diagnostic) { d.RelatedInformation[0].Location.Range.Start.Line = 9 },
	}
	for name, change := range changes {
		ds := base()
		change(&ds[0])
		if fingerprint(ds) == ref {
			t.Errorf("a change of %s keeps the fingerprint", name)
		}
	}
	if fingerprint(nil) == ref || fingerprint(append(base(), base()...)) == ref {
		t.Error("list length not reflected")
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/riskreport"
)

func TestReportFormats(t *testing.T) {
	res := analyseExample(t)
	open := 0
	for _, f := range res.Findings {
		if f.Status.String() == "open" || f.Status.String() == "mitigated" {
			open++
		}
	}
	var stdout, stderr bytes.Buffer
	if code := runReport(context.Background(), []string{"--format", "json", example}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rep riskreport.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Open != open || len(rep.TopRisks) == 0 || len(rep.Diagram.Nodes) == 0 {
		t.Errorf("report: %d open (want %d), %d top risks, %d diagram nodes", rep.Open, open, len(rep.TopRisks), len(rep.Diagram.Nodes))
	}

	out := filepath.Join(t.TempDir(), "r.html")
	stderr.Reset()
	if code := runReport(context.Background(), []string{"-o", out, example}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	page, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) || !bytes.Contains(page, []byte("<svg")) {
		t.Errorf("HTML report: %v, %.200s", err, page)
	}

	stdout.Reset()
	if code := runReport(context.Background(), []string{"--format", "md", "--top", "3", example}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	md := stdout.String()
	if !strings.Contains(md, "```mermaid\nflowchart LR") || !strings.Contains(md, "\n| 3 | ") || strings.Contains(md, "\n| 4 | ") {
		t.Errorf("Markdown report:\n%s", stdout.String())
	}
}

func TestReportUsageErrors(t *testing.T) {
	for want, args := range map[string][]string{
		`--format "pdf": want html, md or json`: {"--format", "pdf", example},
		"--top 0: want at least 1":              {"--top", "0", example},
		"nope is not a readable directory":      {"nope"},
		"one directory at most":                 {example, example},
	} {
		var stderr bytes.Buffer
		if code := runReport(context.Background(), args, &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", args, code, stderr.String(), want)
		}
	}
}

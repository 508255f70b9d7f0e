package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommandFormats(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "examples", "three-tier-aws")
	var out, errb bytes.Buffer
	if code := runExport(context.Background(), []string{"--format", "otm", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || doc["otmVersion"] != "0.2.0" {
		t.Fatalf("not an OTM document: %v %.200s", err, out.String())
	}
	out.Reset()
	file := filepath.Join(t.TempDir(), "model.mmd")
	if code := runExport(context.Background(), []string{dir, "--format", "mermaid", "-o", file}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(file)
	if err != nil || !strings.HasPrefix(string(b), "flowchart LR") || out.Len() != 0 {
		t.Fatalf("mermaid to file: %v %q (stdout %q)", err, b, out.String())
	}
	if code := runExport(context.Background(), []string{"--format", "pdf", dir}, &out, &errb); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
	if code := runExport(context.Background(), []string{filepath.Join(dir, "nope")}, &out, &errb); code != 2 {
		t.Errorf("missing directory: exit %d", code)
	}
}

func TestInitCommandNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_lb" "api" {
  internal = false
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := runInit(context.Background(), []string{dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, initFile))
	if err != nil || !strings.Contains(string(b), "terraform = [aws_lb.api]") || !strings.Contains(string(b), "terraform = [aws_s3_bucket.logs]") {
		t.Fatalf("generated model: %v\n%s", err, b)
	}
	if err := os.WriteFile(filepath.Join(dir, initFile), []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := runInit(context.Background(), []string{dir}, &out, &errb); code != 1 {
		t.Errorf("existing file: exit %d, want 1", code)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, initFile)); string(b) != "# mine\n" {
		t.Errorf("file overwritten without --force")
	}
	if code := runInit(context.Background(), []string{"--force", dir}, &out, &errb); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errb.String())
	}
	if b, _ := os.ReadFile(filepath.Join(dir, initFile)); !strings.Contains(string(b), "model ") {
		t.Errorf("--force did not rewrite the file: %s", b)
	}
}

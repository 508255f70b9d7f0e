package server

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/server/lsptest"
)

const randomBase = `resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
}

resource "aws_s3_bucket" "b" {
  bucket = "bucket-é🔒"
}

resource "aws_security_group" "sg" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

// randomSnippets are what the random editor types: valid blocks and attributes,
// half-typed syntax, non-ASCII text.
var randomSnippets = []string{
	"\nresource \"aws_instance\" \"r%d\" {\n  ami = \"x\"\n}\n",
	"\n  metadata_options {\n    http_tokens = \"required\"\n  }\n",
	"\nresource \"aws_s3_bucket_public_access_block\" \"p\" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n",
	"  encrypted = true\n", "{", "}", "\"", "bogus(", "= ", "\n", "é", "🔒", "👩\u200d💻", "# comment\n",
	"\nvariable \"v\" {}\n", "${", "[", "0.0.0.0/0",
}

// TestRandomEditsConverge applies long random sequences of incremental edits
// (including invalid syntax, at random UTF-16 positions, at random speeds against
// the debounce) through the real analysis, then checks that the diagnostics the
// client holds equal those of a cold analysis of the final text.
func TestRandomEditsConverge(t *testing.T) {
	for _, seed := range []uint64{1, 7, 2026} {
		t.Run("seed", func(t *testing.T) {
			t.Logf("seed %d", seed)
			r := rand.New(rand.NewPCG(seed, seed*31+1))
			ts := startServer(t, Options{Debounce: 5 * time.Millisecond})
			ts.initialize()
			uri := ts.uri("main.tf")
			if err := ts.c.Open(ts.ctx, uri, randomBase); err != nil {
				t.Fatal(err)
			}
			for step := range 60 {
				doc, _ := ts.c.Doc(uri)
				edit := randomEdit(r, doc.Text, step)
				if err := ts.c.Edit(ts.ctx, uri, []protocol.TextEdit{edit}); err != nil {
					t.Fatal(err)
				}
				if r.IntN(4) == 0 {
					time.Sleep(time.Duration(r.IntN(15)) * time.Millisecond)
				}
			}
			// Any request waits for the latest snapshot's analysis, whose diagnostics
			// are written before the response.
			if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": ""}, nil); err != nil {
				t.Fatal(err)
			}
			doc, _ := ts.c.Doc(uri)
			got, _ := ts.c.Diagnostics(uri)
			want := coldDiagnostics(t, doc.Text, ts.root)
			gotJSON, _ := json.Marshal(nonNil(got.Diagnostics))
			t.Logf("%d diagnostics on %d bytes of final text", len(got.Diagnostics), len(doc.Text))
			if string(gotJSON) != want {
				t.Fatalf("after random edits the published diagnostics differ from a cold analysis\ntext:\n%s\ngot:  %s\nwant: %s", doc.Text, gotJSON, want)
			}
		})
	}
}

func nonNil(ds []protocol.Diagnostic) []protocol.Diagnostic {
	if ds == nil {
		return []protocol.Diagnostic{}
	}
	return ds
}

// coldDiagnostics analyses text from scratch in a fresh directory and returns its
// diagnostics as JSON, with URIs rewritten to the session's root.
func coldDiagnostics(t *testing.T, text, sessionRoot string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := analysis.Analyze(ctx, analysis.Options{Root: dir, ShowUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	v := &view{snap: &snapshot{root: dir, overlays: map[string][]byte{}, versions: map[string]int32{}, uris: map[string]string{}}, res: res}
	b, _ := json.Marshal(nonNil(v.diagnostics()["main.tf"]))
	return strings.ReplaceAll(string(b), pathToURI(dir), pathToURI(sessionRoot))
}

// randomEdit picks an insertion, deletion or replacement at rune boundaries.
func randomEdit(r *rand.Rand, text string, step int) protocol.TextEdit {
	boundary := func() int {
		off := r.IntN(len(text) + 1)
		for off < len(text) && !utf8.RuneStart(text[off]) {
			off++
		}
		return off
	}
	a, b := boundary(), boundary()
	if a > b {
		a, b = b, a
	}
	if b-a > 40 {
		b = a + r.IntN(40)
		for b < len(text) && !utf8.RuneStart(text[b]) {
			b++
		}
	}
	snippet := randomSnippets[r.IntN(len(randomSnippets))]
	if strings.Contains(snippet, "%d") {
		snippet = strings.ReplaceAll(snippet, "%d", string(rune('a'+step%26)))
	}
	switch r.IntN(3) {
	case 0: // insert
		b = a
	case 1: // delete
		snippet = ""
	}
	return protocol.TextEdit{Range: protocol.Range{Start: lsptest.Position(text, a), End: lsptest.Position(text, b)}, NewText: snippet}
}

package server

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
)

// changeEvent is one content change of didChange. protocol's own type has a plain
// Range, so a full-text change and a change at 0:0 look the same; here a nil Range
// means the whole text.
type changeEvent struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []changeEvent                            `json:"contentChanges"`
}

func (s *server) didOpen(_ context.Context, p *protocol.DidOpenTextDocumentParams) error {
	path, err := uriToPath(string(p.TextDocument.URI))
	if err != nil {
		return err
	}
	s.sess.open(&document{uri: string(p.TextDocument.URI), path: path, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)})
	return nil
}

func (s *server) didChange(_ context.Context, p *didChangeParams) error {
	path, err := uriToPath(string(p.TextDocument.URI))
	if err != nil {
		return err
	}
	d := s.sess.doc(path)
	if d == nil {
		return fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	text, err := applyChanges(d.text, p.ContentChanges)
	if err != nil {
		return fmt.Errorf("applying changes to %s: %w", p.TextDocument.URI, err)
	}
	s.sess.open(&document{uri: d.uri, path: path, version: p.TextDocument.Version, text: text})
	return nil
}

// applyChanges applies content changes in order, each against the text left by the
// previous one, and returns a new slice (the old text is shared by snapshots).
func applyChanges(text []byte, changes []changeEvent) ([]byte, error) {
	for _, c := range changes {
		if c.Range == nil {
			text = []byte(c.Text)
			continue
		}
		m := newMapper(text)
		start, end := m.offset(c.Range.Start), m.offset(c.Range.End)
		if end < start {
			return nil, fmt.Errorf("change range ends before it starts: %v", *c.Range)
		}
		next := make([]byte, 0, len(text)-(end-start)+len(c.Text))
		next = append(next, text[:start]...)
		next = append(next, c.Text...)
		next = append(next, text[end:]...)
		text = next
	}
	return text, nil
}

// didSave needs no work: the buffer was already the overlay, and the bytes on disk
// now equal it. (Saves are not requested; clients may send them anyway.)
func (s *server) didSave(_ context.Context, _ *protocol.DidSaveTextDocumentParams) error {
	return nil
}

func (s *server) didClose(_ context.Context, p *protocol.DidCloseTextDocumentParams) error {
	path, err := uriToPath(string(p.TextDocument.URI))
	if err != nil {
		return err
	}
	s.sess.closeDoc(path)
	return nil
}

// relevant reports whether a file on disk can change an analysis.
func relevant(path string) bool {
	base := filepath.Base(path)
	// *.hcl covers threat models (*.tm.hcl), .tm-ls.hcl and rule packs, which are
	// reloaded when edited.
	for _, suf := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json", ".hcl"} {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	return base == ".tm-ls.hcl" || !strings.Contains(base, ".") // a directory
}

func (s *server) didChangeWatchedFiles(_ context.Context, p *protocol.DidChangeWatchedFilesParams) error {
	var paths []string
	for _, e := range p.Changes {
		if e == nil {
			continue
		}
		path, err := uriToPath(string(e.URI))
		if err != nil || !relevant(path) {
			continue
		}
		paths = append(paths, path)
	}
	s.sess.touch(paths)
	return nil
}

func (s *server) didChangeWorkspaceFolders(_ context.Context, p *protocol.DidChangeWorkspaceFoldersParams) error {
	for _, f := range p.Event.Removed {
		if path, err := uriToPath(f.URI); err == nil {
			s.sess.removeFolder(path)
		}
	}
	for _, f := range p.Event.Added {
		if path, err := uriToPath(f.URI); err == nil {
			s.sess.addFolder(path, false)
		}
	}
	return nil
}

// didChangeConfiguration re-analyses everything: settings may name rule packs.
func (s *server) didChangeConfiguration(_ context.Context, _ *protocol.DidChangeConfigurationParams) error {
	for _, w := range s.sess.all() {
		w.update(diskChanged)
	}
	return nil
}

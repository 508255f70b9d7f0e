// Package lsptest is a small LSP client for tests: it speaks JSON-RPC with
// Content-Length framing over a real stream (an in-process pipe or the stdio of the
// tm-ls binary), records what the server publishes, answers the server's own
// requests, and keeps client-side copies of open documents to which it applies
// workspace edits exactly as an editor would (UTF-16 positions).
package lsptest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Published is one textDocument/publishDiagnostics notification.
type Published struct {
	URI         string                `json:"uri"`
	Version     *int32                `json:"version,omitempty"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
}

// Document is the client's copy of an open document.
type Document struct {
	URI     string
	Version int32
	Text    string
}

// Client is a test LSP client. Its methods are safe for concurrent use.
type Client struct {
	rwc    io.ReadWriteCloser
	stream jsonrpc2.Stream

	writeMu sync.Mutex
	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever something is recorded
	nextID  int32
	pending map[jsonrpc2.ID]chan *jsonrpc2.Response
	diags   map[string]Published
	history []Published
	// ServerRequests lists the methods of requests the server sent, in order.
	serverRequests []string
	serverParams   []json.RawMessage
	notifications  []string
	docs           map[string]*Document
	orphanErrors   []*jsonrpc2.Error
	notifParams    []json.RawMessage
	done           chan struct{}
	readErr        error
}

// New starts a client on rwc; it reads until the stream ends.
func New(rwc io.ReadWriteCloser) *Client {
	c := &Client{
		rwc:     rwc,
		stream:  jsonrpc2.NewStream(rwc),
		changed: make(chan struct{}),
		pending: map[jsonrpc2.ID]chan *jsonrpc2.Response{},
		diags:   map[string]Published{},
		docs:    map[string]*Document{},
		done:    make(chan struct{}),
	}
	go c.read()
	return c
}

// Done is closed when the server's side of the stream ended.
func (c *Client) Done() <-chan struct{} { return c.done }

// Close closes the stream.
func (c *Client) Close() error { return c.rwc.Close() }

func (c *Client) bump() {
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *Client) read() {
	defer close(c.done)
	ctx := context.Background()
	in := bufio.NewReader(c.rwc)
	for {
		body, err := readFrame(in)
		if err != nil {
			c.mu.Lock()
			c.readErr = err
			c.bump()
			c.mu.Unlock()
			return
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err != nil {
			// jsonrpc2 rejects responses with a null id, which is how a server
			// answers a message it could not parse: keep them apart.
			var orphan struct {
				Error *jsonrpc2.Error `json:"error"`
			}
			c.mu.Lock()
			if json.Unmarshal(body, &orphan) == nil && orphan.Error != nil {
				c.orphanErrors = append(c.orphanErrors, orphan.Error)
			}
			c.bump()
			c.mu.Unlock()
			continue
		}
		switch m := msg.(type) {
		case *jsonrpc2.Response:
			c.mu.Lock()
			ch := c.pending[m.ID()]
			delete(c.pending, m.ID())
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
		case *jsonrpc2.Call:
			c.mu.Lock()
			c.serverRequests = append(c.serverRequests, m.Method())
			c.serverParams = append(c.serverParams, m.Params())
			c.bump()
			c.mu.Unlock()
			var result any
			if m.Method() == "workspace/applyEdit" {
				result = map[string]any{"applied": false, "failureReason": "lsptest does not apply edits on request"}
			}
			// Answer from another goroutine: the reader must never block on a write
			// (over a synchronous pipe both ends would wait for each other).
			if resp, err := jsonrpc2.NewResponse(m.ID(), result, nil); err == nil {
				go func() { _ = c.write(ctx, resp) }()
			}
		case *jsonrpc2.Notification:
			c.mu.Lock()
			c.notifications = append(c.notifications, m.Method())
			c.notifParams = append(c.notifParams, m.Params())
			if m.Method() == "textDocument/publishDiagnostics" {
				var p Published
				if json.Unmarshal(m.Params(), &p) == nil {
					c.diags[p.URI] = p
					c.history = append(c.history, p)
				}
			}
			c.bump()
			c.mu.Unlock()
		}
	}
}

func (c *Client) write(ctx context.Context, msg jsonrpc2.Message) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := c.stream.Write(ctx, msg)
	return err
}

// WriteRaw sends bytes as one framed message body, valid JSON or not.
func (c *Client) WriteRaw(body []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := fmt.Fprintf(c.rwc, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

// Call sends a request with a fresh numeric id and decodes its result.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	c.mu.Lock()
	c.nextID++
	id := jsonrpc2.NewNumberID(c.nextID)
	c.mu.Unlock()
	return c.CallID(ctx, id, method, params, result)
}

// CallID sends a request with the given id (numeric or string) and waits for its
// response. A cancelled ctx abandons the wait but sends no $/cancelRequest.
func (c *Client) CallID(ctx context.Context, id jsonrpc2.ID, method string, params, result any) error {
	call, err := jsonrpc2.NewCall(id, method, params)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", method, err)
	}
	ch := make(chan *jsonrpc2.Response, 1)
	c.mu.Lock()
	c.pending[id] = ch
	c.mu.Unlock()
	if err := c.write(ctx, call); err != nil {
		return fmt.Errorf("sending %s: %w", method, err)
	}
	select {
	case resp := <-ch:
		if resp.Err() != nil {
			return resp.Err()
		}
		if result != nil && len(resp.Result()) > 0 {
			if err := json.Unmarshal(resp.Result(), result); err != nil {
				return fmt.Errorf("decoding %s result %s: %w", method, resp.Result(), err)
			}
		}
		return nil
	case <-c.done:
		return fmt.Errorf("%s: connection closed: %w", method, c.readErr)
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
		return ctx.Err()
	}
}

// Notify sends a notification.
func (c *Client) Notify(ctx context.Context, method string, params any) error {
	n, err := jsonrpc2.NewNotification(method, params)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", method, err)
	}
	return c.write(ctx, n)
}

// Code returns the JSON-RPC error code of err, or 0.
func Code(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// Capabilities is what the test client announces: versioned document edits,
// dynamic registration of file watchers and work-done progress.
func Capabilities() protocol.ClientCapabilities {
	return protocol.ClientCapabilities{
		Workspace: &protocol.WorkspaceClientCapabilities{
			WorkspaceEdit:         &protocol.WorkspaceClientCapabilitiesWorkspaceEdit{DocumentChanges: true},
			DidChangeWatchedFiles: &protocol.DidChangeWatchedFilesWorkspaceClientCapabilities{DynamicRegistration: true},
			CodeLens:              &protocol.CodeLensWorkspaceClientCapabilities{RefreshSupport: true},
		},
		Window: &protocol.WindowClientCapabilities{WorkDoneProgress: true},
	}
}

// Initialize sends initialize (with the given workspace folders, the first also as
// rootUri) and initialized.
func (c *Client) Initialize(ctx context.Context, folders ...string) (*protocol.InitializeResult, error) {
	p := map[string]any{"processId": nil, "capabilities": Capabilities()}
	if len(folders) > 0 {
		p["rootUri"] = folders[0]
		var wf []protocol.WorkspaceFolder
		for _, f := range folders {
			wf = append(wf, protocol.WorkspaceFolder{URI: f, Name: f[strings.LastIndex(f, "/")+1:]})
		}
		p["workspaceFolders"] = wf
	} else {
		p["rootUri"] = nil
	}
	var res protocol.InitializeResult
	if err := c.Call(ctx, "initialize", p, &res); err != nil {
		return nil, fmt.Errorf("initialize: %w", err)
	}
	if err := c.Notify(ctx, "initialized", struct{}{}); err != nil {
		return nil, err
	}
	return &res, nil
}

// Shutdown sends shutdown then exit.
func (c *Client) Shutdown(ctx context.Context) error {
	if err := c.Call(ctx, "shutdown", nil, nil); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return c.Notify(ctx, "exit", nil)
}

// Open sends didOpen and remembers the document.
func (c *Client) Open(ctx context.Context, uri, text string) error {
	c.mu.Lock()
	c.docs[uri] = &Document{URI: uri, Version: 1, Text: text}
	c.mu.Unlock()
	return c.Notify(ctx, "textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "terraform", "version": 1, "text": text},
	})
}

// Close sends didClose.
func (c *Client) CloseDoc(ctx context.Context, uri string) error {
	c.mu.Lock()
	delete(c.docs, uri)
	c.mu.Unlock()
	return c.Notify(ctx, "textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// Doc returns a copy of the client's document.
func (c *Client) Doc(uri string) (Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[uri]
	if !ok {
		return Document{}, false
	}
	return *d, true
}

// Edit applies edits to the client's copy of an open document and sends them as
// one incremental didChange (one content change per edit, last edit first so that
// each change's positions are valid against the text the previous one left).
func (c *Client) Edit(ctx context.Context, uri string, edits []protocol.TextEdit) error {
	c.mu.Lock()
	d, ok := c.docs[uri]
	if !ok {
		c.mu.Unlock()
		return fmt.Errorf("%s is not open", uri)
	}
	sorted := append([]protocol.TextEdit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return less(sorted[i].Range.Start, sorted[j].Range.Start) })
	for i, j := 0, len(sorted)-1; i < j; i, j = i+1, j-1 {
		sorted[i], sorted[j] = sorted[j], sorted[i]
	}
	text, err := ApplyEdits(d.Text, edits)
	if err != nil {
		c.mu.Unlock()
		return err
	}
	d.Text = text
	d.Version++
	version := d.Version
	c.mu.Unlock()
	changes := make([]map[string]any, 0, len(sorted))
	for _, e := range sorted {
		changes = append(changes, map[string]any{"range": e.Range, "text": e.NewText})
	}
	return c.Notify(ctx, "textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

// Replace sends the whole new text as a full-document change.
func (c *Client) Replace(ctx context.Context, uri, text string) error {
	c.mu.Lock()
	d, ok := c.docs[uri]
	if !ok {
		c.mu.Unlock()
		return fmt.Errorf("%s is not open", uri)
	}
	d.Text = text
	d.Version++
	version := d.Version
	c.mu.Unlock()
	return c.Notify(ctx, "textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

// ApplyWorkspaceEdit applies a workspace edit to the open documents it names and
// sends the changes; it fails when a versioned edit does not match the client's
// version of the document.
func (c *Client) ApplyWorkspaceEdit(ctx context.Context, we *protocol.WorkspaceEdit) error {
	if we == nil {
		return errors.New("no workspace edit")
	}
	for _, dc := range we.DocumentChanges {
		uri := string(dc.TextDocument.URI)
		d, ok := c.Doc(uri)
		if !ok {
			return fmt.Errorf("edit for %s, which is not open", uri)
		}
		if dc.TextDocument.Version != nil && *dc.TextDocument.Version != d.Version {
			return fmt.Errorf("edit for %s version %d, the document is at %d", uri, *dc.TextDocument.Version, d.Version)
		}
		if err := c.Edit(ctx, uri, dc.Edits); err != nil {
			return err
		}
	}
	for uri, edits := range we.Changes {
		if err := c.Edit(ctx, string(uri), edits); err != nil {
			return err
		}
	}
	return nil
}

// Diagnostics returns the latest diagnostics published for uri.
func (c *Client) Diagnostics(uri string) (Published, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.diags[uri]
	return p, ok
}

// AllDiagnostics returns the latest publication of every URI.
func (c *Client) AllDiagnostics() map[string]Published {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]Published, len(c.diags))
	for k, v := range c.diags {
		out[k] = v
	}
	return out
}

// History returns every publication so far, in order.
func (c *Client) History() []Published {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Published(nil), c.history...)
}

// ServerRequests returns the methods of the requests the server sent so far.
func (c *Client) ServerRequests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.serverRequests...)
}

// ServerRequestParams returns the params of the server's requests of a method.
func (c *Client) ServerRequestParams(method string) []json.RawMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []json.RawMessage
	for i, m := range c.serverRequests {
		if m == method {
			out = append(out, c.serverParams[i])
		}
	}
	return out
}

// Notifications returns the methods of the notifications received so far.
func (c *Client) Notifications() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.notifications...)
}

// WaitFor waits until cond (called with the client locked out of recording) holds.
func (c *Client) WaitFor(ctx context.Context, what string, cond func() bool) error {
	for {
		c.mu.Lock()
		ch := c.changed
		c.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		case <-ch:
		case <-c.done:
			if cond() {
				return nil
			}
			return fmt.Errorf("waiting for %s: connection closed", what)
		}
	}
}

// WaitDiagnostics waits until the latest publication for uri satisfies pred.
func (c *Client) WaitDiagnostics(ctx context.Context, uri string, pred func(Published) bool) (Published, error) {
	var got Published
	err := c.WaitFor(ctx, "diagnostics of "+uri, func() bool {
		p, ok := c.Diagnostics(uri)
		if ok && pred(p) {
			got = p
			return true
		}
		return false
	})
	return got, err
}

// HasCode is a predicate: some diagnostic has the code.
func HasCode(code string) func(Published) bool {
	return func(p Published) bool { return FindCode(p.Diagnostics, code) != nil }
}

// LacksCode is a predicate: no diagnostic has the code.
func LacksCode(code string) func(Published) bool {
	return func(p Published) bool { return FindCode(p.Diagnostics, code) == nil }
}

// FindCode returns the first diagnostic with the code, or nil.
func FindCode(ds []protocol.Diagnostic, code string) *protocol.Diagnostic {
	for i := range ds {
		if s, ok := ds[i].Code.(string); ok && s == code {
			return &ds[i]
		}
	}
	return nil
}

func less(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// Offset converts an LSP position (UTF-16) to a byte offset of text, independently
// of the server's own mapper: lines split on "\n", a character past the end of its
// line clamps to the end of the line (before any "\r").
func Offset(text string, p protocol.Position) int {
	off := 0
	for line := uint32(0); line < p.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	end := len(text)
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		end = off + i
	}
	if end > off && text[end-1] == '\r' {
		end--
	}
	units := uint32(0)
	for off < end && units < p.Character {
		r, size := utf8.DecodeRuneInString(text[off:])
		n := uint32(1)
		if r > 0xFFFF {
			n = 2
		}
		if units+n > p.Character {
			break
		}
		units += n
		off += size
	}
	return off
}

// Position converts a byte offset of text to an LSP position (UTF-16).
func Position(text string, off int) protocol.Position {
	if off > len(text) {
		off = len(text)
	}
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	units := 0
	for _, r := range text[start:off] {
		if r > 0xFFFF {
			units += 2
		} else {
			units++
		}
	}
	return protocol.Position{Line: uint32(line), Character: uint32(units)}
}

// ApplyEdits applies non-overlapping text edits (all against the original text)
// and returns the new text.
func ApplyEdits(text string, edits []protocol.TextEdit) (string, error) {
	type span struct {
		start, end int
		newText    string
		order      int
	}
	spans := make([]span, 0, len(edits))
	for i, e := range edits {
		s, en := Offset(text, e.Range.Start), Offset(text, e.Range.End)
		if en < s {
			return "", fmt.Errorf("edit %d ends before it starts", i)
		}
		spans = append(spans, span{s, en, e.NewText, i})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.start < last {
			return "", fmt.Errorf("overlapping edits at byte %d", s.start)
		}
		b.WriteString(text[last:s.start])
		b.WriteString(s.newText)
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String(), nil
}

// OrphanErrors returns the error responses that carried no id (parse errors).
func (c *Client) OrphanErrors() []*jsonrpc2.Error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*jsonrpc2.Error(nil), c.orphanErrors...)
}

// readFrame reads one Content-Length framed message body.
func readFrame(in *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := in.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				continue
			}
			break
		}
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(in, body); err != nil {
		return nil, err
	}
	return body, nil
}

// NotificationParams returns the params of the notifications of a method received.
func (c *Client) NotificationParams(method string) []json.RawMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []json.RawMessage
	for i, m := range c.notifications {
		if m == method {
			out = append(out, c.notifParams[i])
		}
	}
	return out
}

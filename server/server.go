// Package server is the tm-ls language server: it speaks LSP over JSON-RPC, keeps
// the open documents as overlays, runs analysis.Analyze on immutable snapshots
// (debounced, cancelled when a newer edit arrives) and turns findings into
// diagnostics, hovers, quick fixes, code lenses, symbols and commands. It holds no
// analysis logic of its own: every handler reads one analysed snapshot and
// translates it to protocol types, with UTF-16 positions computed from byte offsets.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"

	"github.com/tm-ls/tm-ls/analysis"
)

// Analyzer runs one analysis; analysis.Analyze is the real one, tests inject fakes.
type Analyzer func(ctx context.Context, opts analysis.Options) (*analysis.Result, error)

// ComplianceLookup returns the framework name and title of a compliance requirement
// ID such as "pci-dss-4.0:2.2.1"; ok is false when the ID is unknown.
type ComplianceLookup func(id string) (framework, title string, ok bool)

// DefaultDebounce is how long the server waits after the last keystroke before it
// analyses the workspace again.
const DefaultDebounce = 150 * time.Millisecond

// Options configure Serve.
type Options struct {
	// Logger receives the server's logs (never stdout); nil discards them.
	Logger *zap.Logger
	// Analyze runs an analysis; nil means analysis.Analyze.
	Analyze Analyzer
	// Debounce is the quiet period after an edit before re-analysis; 0 means
	// DefaultDebounce, a negative value means none.
	Debounce time.Duration
	// RuleDirs are extra rule pack directories passed to every analysis.
	RuleDirs []string
	// Compliance resolves compliance IDs to titles for hover; nil shows IDs only.
	Compliance ComplianceLookup

	// started lets in-package tests reach the server's state.
	started func(*server)
}

// ErrExitWithoutShutdown is returned by Serve when the client sent `exit` without
// `shutdown` first; the protocol asks the server process to exit with status 1.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Error codes of the protocol that jsonrpc2 does not define.
const (
	codeServerNotInitialized jsonrpc2.Code = -32002
	codeRequestCancelled     jsonrpc2.Code = -32800
)

type lifecycle int

const (
	stateNew lifecycle = iota
	stateInitialized
	stateShutdown
)

// server is one LSP session on one connection.
type server struct {
	opts Options
	log  *zap.Logger
	conn jsonrpc2.Conn
	ctx  context.Context // the session's lifetime

	mu       sync.Mutex
	state    lifecycle
	caps     clientCapabilities
	client   clientSettings // initializationOptions
	inflight map[jsonrpc2.ID]context.CancelFunc
	exited   chan struct{}
	exitOnce sync.Once

	sess *session
}

// Serve runs the language server on rwc until the client sends `exit`, the stream
// ends or ctx is cancelled. It returns nil after a clean shutdown + exit.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	if opts.Analyze == nil {
		opts.Analyze = analysis.Analyze
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	} else if opts.Debounce < 0 {
		opts.Debounce = 0
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		opts:     opts,
		log:      opts.Logger,
		ctx:      ctx,
		inflight: map[jsonrpc2.ID]context.CancelFunc{},
		exited:   make(chan struct{}),
	}
	s.sess = newSession(s)
	if opts.started != nil {
		opts.started(s)
	}
	st := newStream(rwc, func(err error) { s.log.Warn("malformed message skipped", zap.Error(err)) })
	s.conn = jsonrpc2.NewConn(st)
	s.conn.Go(ctx, s.handle)

	var err error
	select {
	case <-s.exited:
		s.mu.Lock()
		if s.state != stateShutdown {
			err = ErrExitWithoutShutdown
		}
		s.mu.Unlock()
	case <-s.conn.Done():
		if e := s.conn.Err(); e != nil && !errors.Is(e, io.EOF) && !errors.Is(e, io.ErrClosedPipe) {
			err = fmt.Errorf("connection: %w", e)
		}
	case <-ctx.Done():
		err = ctx.Err()
	}
	cancel()
	s.sess.close()
	_ = s.conn.Close()
	// A read blocked on stdin is not interrupted by Close on every platform; the
	// process is about to exit anyway, so do not wait for it forever.
	select {
	case <-s.conn.Done():
	case <-time.After(time.Second):
		s.log.Debug("read loop still blocked after close")
	}
	return err
}

// method describes one LSP method: how to decode its params and run it.
type method struct {
	// call answers a request; notify handles a notification. Exactly one is set.
	call   func(s *server, ctx context.Context, raw json.RawMessage) (any, error)
	notify func(s *server, ctx context.Context, raw json.RawMessage) error
	// inline runs a request in the read loop, before the next message is read
	// (initialize and shutdown change what every later message sees).
	inline bool
}

func decode[P any](raw json.RawMessage) (*P, error) {
	var p P
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("invalid params: %v", err))
		}
	}
	return &p, nil
}

func request[P, R any](f func(*server, context.Context, *P) (R, error)) method {
	return method{call: func(s *server, ctx context.Context, raw json.RawMessage) (any, error) {
		p, err := decode[P](raw)
		if err != nil {
			return nil, err
		}
		return f(s, ctx, p)
	}}
}

func notification[P any](f func(*server, context.Context, *P) error) method {
	return method{notify: func(s *server, ctx context.Context, raw json.RawMessage) error {
		p, err := decode[P](raw)
		if err != nil {
			return err
		}
		return f(s, ctx, p)
	}}
}

func inline(m method) method { m.inline = true; return m }

// methods is the dispatch table: one entry per implemented method, each handler in
// its own file.
var methods = map[string]method{
	"initialize":                          inline(request((*server).initialize)),
	"initialized":                         notification((*server).initialized),
	"shutdown":                            inline(request((*server).shutdown)),
	"textDocument/didOpen":                notification((*server).didOpen),
	"textDocument/didChange":              notification((*server).didChange),
	"textDocument/didSave":                notification((*server).didSave),
	"textDocument/didClose":               notification((*server).didClose),
	"workspace/didChangeWatchedFiles":     notification((*server).didChangeWatchedFiles),
	"workspace/didChangeWorkspaceFolders": notification((*server).didChangeWorkspaceFolders),
	"workspace/didChangeConfiguration":    notification((*server).didChangeConfiguration),
	"textDocument/hover":                  request((*server).hover),
	"textDocument/codeAction":             request((*server).codeAction),
	"textDocument/codeLens":               request((*server).codeLens),
	"codeLens/resolve":                    request((*server).codeLensResolve),
	"textDocument/documentSymbol":         request((*server).documentSymbol),
	"workspace/symbol":                    request((*server).workspaceSymbol),
	"workspace/executeCommand":            request((*server).executeCommand),
	"textDocument/definition":             request((*server).definition),
	"textDocument/references":             request((*server).references),
	"textDocument/formatting":             request((*server).formatting),
	"textDocument/prepareRename":          request((*server).prepareRename),
	"textDocument/rename":                 request((*server).rename),
	"textDocument/completion":             request((*server).completion),
}

// handle is called by the connection's read loop for every request and
// notification, in arrival order. Notifications run here, so that document state
// changes in order; requests run in their own goroutine with a cancellable context.
func (s *server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	name := req.Method()
	call, isCall := req.(*jsonrpc2.Call)

	switch name {
	case "exit":
		s.exitOnce.Do(func() { close(s.exited) })
		return nil
	case "$/cancelRequest":
		s.cancelRequest(req.Params())
		return nil
	}

	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	m, known := methods[name]
	switch {
	case state == stateShutdown:
		if isCall {
			return s.reply(ctx, reply, name, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shut down"))
		}
		return nil
	case state == stateNew && name != "initialize":
		if isCall {
			return s.reply(ctx, reply, name, nil, jsonrpc2.NewError(codeServerNotInitialized, "server not initialized"))
		}
		return nil
	case !known:
		if isCall {
			return s.reply(ctx, reply, name, nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not found: "+name))
		}
		// Unknown notifications ($/setTrace, ...) are ignored, as the protocol asks.
		return nil
	}

	if !isCall {
		if m.notify == nil {
			return nil
		}
		if err := s.safely(name, func() error { return m.notify(s, s.ctx, req.Params()) }); err != nil {
			s.log.Warn("notification failed", zap.String("method", name), zap.Error(err))
		}
		return nil
	}
	if m.call == nil {
		return s.reply(ctx, reply, name, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, name+" is a notification"))
	}
	if m.inline {
		var res any
		err := s.safely(name, func() (err error) { res, err = m.call(s, s.ctx, req.Params()); return err })
		return s.reply(ctx, reply, name, res, err)
	}

	rctx, cancel := context.WithCancel(s.ctx)
	id := call.ID()
	s.mu.Lock()
	s.inflight[id] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			delete(s.inflight, id)
			s.mu.Unlock()
			cancel()
		}()
		var res any
		err := s.safely(name, func() (err error) { res, err = m.call(s, rctx, req.Params()); return err })
		if rctx.Err() != nil && s.ctx.Err() == nil {
			res, err = nil, jsonrpc2.NewError(codeRequestCancelled, "request cancelled")
		}
		_ = s.reply(s.ctx, reply, name, res, err)
	}()
	return nil
}

// safely runs f and turns a panic into an internal error, so that one broken
// handler never takes the server down.
func (s *server) safely(name string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("handler panicked", zap.String("method", name), zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			err = jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("internal error in %s: %v", name, r))
		}
	}()
	return f()
}

func (s *server) reply(ctx context.Context, reply jsonrpc2.Replier, name string, res any, err error) error {
	if err != nil {
		var rpcErr *jsonrpc2.Error
		if !errors.As(err, &rpcErr) {
			err = jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
		}
		s.log.Debug("request failed", zap.String("method", name), zap.Error(err))
	}
	if rerr := reply(ctx, res, err); rerr != nil {
		s.log.Warn("reply failed", zap.String("method", name), zap.Error(rerr))
	}
	// A failed write is the stream's business; the read loop notices it.
	return nil
}

// cancelRequest decodes the id of `$/cancelRequest` itself (numbers and strings:
// protocol.CancelHandler drops numeric ids) and cancels that request's context.
func (s *server) cancelRequest(raw json.RawMessage) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(raw, &p); err != nil || len(p.ID) == 0 {
		s.log.Debug("bad $/cancelRequest", zap.ByteString("params", raw))
		return
	}
	var id jsonrpc2.ID
	var n int32
	var str string
	if err := json.Unmarshal(p.ID, &n); err == nil {
		id = jsonrpc2.NewNumberID(n)
	} else if err := json.Unmarshal(p.ID, &str); err == nil {
		id = jsonrpc2.NewStringID(str)
	} else {
		return
	}
	s.mu.Lock()
	cancel := s.inflight[id]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// notify sends a notification to the client, logging (not failing on) errors.
func (s *server) notify(method string, params any) {
	if err := s.conn.Notify(s.ctx, method, params); err != nil && s.ctx.Err() == nil {
		s.log.Warn("notify failed", zap.String("method", method), zap.Error(err))
	}
}

// clientCaps returns the capabilities the client sent in initialize.
func (s *server) clientCaps() clientCapabilities {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caps
}

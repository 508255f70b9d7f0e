package server

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap/zaptest"

	"github.com/tm-ls/tm-ls/server/lsptest"
)

// session under test: a server on one end of a pipe, the lsptest client on the other.
type testSession struct {
	t      *testing.T
	c      *lsptest.Client
	ctx    context.Context
	root   string
	served chan error
	srv    chan *server
}

func (ts *testSession) sessionOf() *session {
	s := <-ts.srv
	ts.srv <- s
	return s.sess
}

func startServer(t *testing.T, opts Options) *testSession {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	if opts.Logger == nil {
		opts.Logger = zaptest.NewLogger(t)
	}
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	srv := make(chan *server, 1)
	opts.started = func(s *server) { srv <- s }
	a, b := net.Pipe()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, a, opts) }()
	c := lsptest.New(b)
	t.Cleanup(func() {
		_ = c.Close()
		select {
		case <-served:
		case <-time.After(5 * time.Second):
			t.Error("server did not stop after the stream closed")
		}
	})
	return &testSession{t: t, c: c, ctx: ctx, root: t.TempDir(), served: served, srv: srv}
}

func (ts *testSession) uri(rel string) string {
	return pathToURI(filepath.Join(ts.root, filepath.FromSlash(rel)))
}

func (ts *testSession) write(rel, text string) {
	ts.t.Helper()
	p := filepath.Join(ts.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		ts.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		ts.t.Fatal(err)
	}
}

func (ts *testSession) initialize() *protocol.InitializeResult {
	ts.t.Helper()
	res, err := ts.c.Initialize(ts.ctx, pathToURI(ts.root))
	if err != nil {
		ts.t.Fatal(err)
	}
	return res
}

func (ts *testSession) waitDiags(rel string, pred func(lsptest.Published) bool) lsptest.Published {
	ts.t.Helper()
	ctx, cancel := context.WithTimeout(ts.ctx, 10*time.Second)
	defer cancel()
	p, err := ts.c.WaitDiagnostics(ctx, ts.uri(rel), pred)
	if err != nil {
		last, _ := ts.c.Diagnostics(ts.uri(rel))
		ts.t.Fatalf("%v; last published: %+v", err, last)
	}
	return p
}

func TestLifecycle(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})

	// Before initialize, requests are refused with ServerNotInitialized.
	err := ts.c.Call(ts.ctx, "textDocument/hover", map[string]any{}, nil)
	if lsptest.Code(err) != codeServerNotInitialized {
		t.Fatalf("hover before initialize: %v", err)
	}

	res := ts.initialize()
	sync, ok := res.Capabilities.TextDocumentSync.(map[string]any)
	if !ok || sync["change"] != float64(protocol.TextDocumentSyncKindIncremental) || sync["openClose"] != true {
		t.Errorf("textDocumentSync = %#v, want incremental with open/close", res.Capabilities.TextDocumentSync)
	}
	if res.Capabilities.HoverProvider != true || res.Capabilities.CodeLensProvider == nil || !res.Capabilities.CodeLensProvider.ResolveProvider {
		t.Errorf("hover/codeLens not advertised: %+v", res.Capabilities)
	}
	if res.Capabilities.TypeDefinitionProvider != nil || res.Capabilities.ImplementationProvider != nil {
		t.Error("advertises features it does not implement")
	}
	cmds := res.Capabilities.ExecuteCommandProvider.Commands
	if strings.Join(cmds, ",") != "tm-ls.riskSummary,tm-ls.exportModel,tm-ls.restart,tm-ls.resourceFindings,tm-ls.attackPaths" {
		t.Errorf("commands = %v", cmds)
	}

	// initialize twice is an error.
	if err := ts.c.Call(ts.ctx, "initialize", map[string]any{"capabilities": map[string]any{}}, nil); lsptest.Code(err) != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: %v", err)
	}

	// The watchers are registered dynamically, and progress is shown for the first analysis.
	ctx, cancel := context.WithTimeout(ts.ctx, 5*time.Second)
	defer cancel()
	if err := ts.c.WaitFor(ctx, "registration and progress", func() bool {
		n := ts.c.Notifications()
		return len(ts.c.ServerRequestParams("client/registerCapability")) == 1 && strings.Count(strings.Join(n, " "), "$/progress") >= 2
	}); err != nil {
		t.Fatalf("%v: requests %v, notifications %v", err, ts.c.ServerRequests(), ts.c.Notifications())
	}
	reg := string(ts.c.ServerRequestParams("client/registerCapability")[0])
	for _, g := range []string{`**/*.tf"`, `**/*.tf.json`, `**/*.tfvars`, `**/*.tm.hcl`, `**/.tm-ls.hcl`} {
		if !strings.Contains(reg, g) {
			t.Errorf("registration lacks %s: %s", g, reg)
		}
	}
	creates := ts.c.ServerRequestParams("window/workDoneProgress/create")
	if len(creates) != 1 {
		t.Fatalf("progress token not created: %v", ts.c.ServerRequests())
	}
	var created struct{ Token any }
	if err := json.Unmarshal(creates[0], &created); err != nil {
		t.Fatal(err)
	}
	if tok, ok := created.Token.(string); !ok || tok == "" {
		t.Errorf("progress token %s is not a string", creates[0])
	}
	var kinds []string
	for _, raw := range ts.c.NotificationParams("$/progress") {
		var p struct {
			Token any
			Value struct{ Kind string }
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		if p.Token != created.Token {
			t.Errorf("$/progress token %v, created %v", p.Token, created.Token)
		}
		kinds = append(kinds, p.Value.Kind)
	}
	if strings.Join(kinds, ",") != "begin,end" {
		t.Errorf("progress kinds = %v, want begin then end", kinds)
	}

	// Unknown methods: MethodNotFound.
	if err := ts.c.Call(ts.ctx, "tm-ls/nope", nil, nil); lsptest.Code(err) != jsonrpc2.MethodNotFound {
		t.Errorf("unknown method: %v", err)
	}
	// Invalid params: InvalidParams, and the server carries on.
	if err := ts.c.Call(ts.ctx, "textDocument/hover", json.RawMessage(`{"position":"x"}`), nil); lsptest.Code(err) != jsonrpc2.InvalidParams {
		t.Errorf("bad params: %v", err)
	}

	if err := ts.c.Call(ts.ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := ts.c.Call(ts.ctx, "textDocument/hover", map[string]any{}, nil); lsptest.Code(err) != jsonrpc2.InvalidRequest {
		t.Errorf("hover after shutdown: %v", err)
	}
	if err := ts.c.Notify(ts.ctx, "exit", nil); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-ts.served:
		if err != nil {
			t.Errorf("Serve returned %v after exit", err)
		}
		ts.served <- nil // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("exit did not end Serve")
	}
}

func TestMalformedJSONIsAnsweredAndSkipped(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.initialize()
	if err := ts.c.WriteRaw([]byte(`{"jsonrpc":"2.0","id":7,"method":`)); err != nil {
		t.Fatal(err)
	}
	if err := ts.c.WriteRaw([]byte(`[1,2,3]`)); err != nil {
		t.Fatal(err)
	}
	// Still alive: a normal request works.
	var syms []protocol.SymbolInformation
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": ""}, &syms); err != nil {
		t.Fatalf("server dead after malformed JSON: %v", err)
	}
	errs := ts.c.OrphanErrors()
	if len(errs) != 2 || errs[0].Code != jsonrpc2.ParseError {
		t.Errorf("parse errors answered: %v", errs)
	}
}

func TestPanicInHandlerIsAnError(t *testing.T) {
	fa := &fakeAnalyzer{}
	ts := startServer(t, Options{Analyze: fa.analyze})
	ts.write("main.tf", "resource \"x\" \"y\" {\n  a = \"BAD\"\n}\n")
	ts.initialize()
	ts.waitDiags("main.tf", lsptest.HasCode("TM-TEST-TOKEN"))

	fa.panics.Store(true)
	if err := ts.c.Call(ts.ctx, "workspace/executeCommand", map[string]any{"command": "tm-ls.restart"}, nil); err != nil {
		t.Fatal(err)
	}
	// The analysis panics: the server logs it and keeps the previous view.
	var syms []protocol.SymbolInformation
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": "x"}, &syms); err != nil || len(syms) != 1 {
		t.Fatalf("after a panicking analysis: %v %v", syms, err)
	}
	fa.panics.Store(false)

	// A handler that panics (a nil finding breaks an invariant) answers InternalError.
	ws := ts.workspace(t)
	v, err := ws.current(ts.ctx)
	if err != nil {
		t.Fatal(err)
	}
	v.res.Findings = append(v.res.Findings, nil)
	err = ts.c.Call(ts.ctx, "textDocument/hover", hoverAt(ts.uri("main.tf"), 1, 8), nil)
	if lsptest.Code(err) != jsonrpc2.InternalError || !strings.Contains(err.Error(), "hover") {
		t.Fatalf("panicking hover: %v", err)
	}
	if err := ts.c.Call(ts.ctx, "workspace/symbol", map[string]any{"query": "x"}, &syms); err != nil {
		t.Fatalf("server dead after a handler panic: %v", err)
	}
}

func (ts *testSession) workspace(t *testing.T) *workspace {
	t.Helper()
	for _, w := range ts.sessionOf().all() {
		if w.root == filepath.Clean(ts.root) {
			return w
		}
	}
	t.Fatal("no workspace for the root")
	return nil
}

func hoverAt(uri string, line, char uint32) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

func TestExitWithoutShutdown(t *testing.T) {
	ts := startServer(t, Options{Analyze: (&fakeAnalyzer{}).analyze})
	ts.initialize()
	if err := ts.c.Notify(ts.ctx, "exit", nil); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-ts.served:
		if err != ErrExitWithoutShutdown {
			t.Errorf("Serve = %v, want ErrExitWithoutShutdown", err)
		}
		ts.served <- nil
	case <-time.After(5 * time.Second):
		t.Fatal("exit did not end Serve")
	}
}

func TestRootURIAndRootPathFallbacks(t *testing.T) {
	for _, field := range []string{"rootUri", "rootPath"} {
		t.Run(field, func(t *testing.T) {
			ts := startServer(t, Options{Analyze: (&fakeAnalyzer{}).analyze})
			ts.write("a.tf", "resource \"x\" \"a\" {\n  v = \"BAD\"\n}\n")
			root := pathToURI(ts.root)
			if field == "rootPath" {
				root = ts.root
			}
			if err := ts.c.Call(ts.ctx, "initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}, field: root}, nil); err != nil {
				t.Fatal(err)
			}
			if err := ts.c.Notify(ts.ctx, "initialized", map[string]any{}); err != nil {
				t.Fatal(err)
			}
			ts.waitDiags("a.tf", lsptest.HasCode("TM-TEST-TOKEN"))
			// Without the capabilities, the server asks nothing of the client.
			if reqs := ts.c.ServerRequests(); len(reqs) != 0 {
				t.Errorf("server requests to a client without capabilities: %v", reqs)
			}
		})
	}
}

// TestInitializeToleratesUnexpectedCapabilityShapes: capabilities the server does
// not use cannot fail the handshake, whatever their shape (LSP 3.17 clients send
// objects where 3.16 had booleans).
func TestInitializeToleratesUnexpectedCapabilityShapes(t *testing.T) {
	ts := startServer(t, Options{Analyze: (&fakeAnalyzer{}).analyze})
	caps := json.RawMessage(`{
		"general": {"positionEncodings": ["utf-16"]},
		"textDocument": {"hover": {"contentFormat": "markdown"}, "diagnostic": {"dynamicRegistration": true},
		                 "semanticTokens": {"requests": {"full": {"delta": true}}}},
		"workspace": {"workspaceEdit": {"documentChanges": true, "changeAnnotationSupport": {"groupsOnLabel": true}},
		              "didChangeWatchedFiles": {"dynamicRegistration": true, "relativePatternSupport": true}},
		"window": {"workDoneProgress": true, "showDocument": {"support": true}}
	}`)
	var res protocol.InitializeResult
	if err := ts.c.Call(ts.ctx, "initialize", map[string]any{"processId": 1, "rootUri": pathToURI(ts.root), "capabilities": caps, "trace": "off"}, &res); err != nil {
		t.Fatal(err)
	}
	if res.ServerInfo == nil || res.ServerInfo.Name != "tm-ls" {
		t.Errorf("serverInfo = %+v", res.ServerInfo)
	}
	if err := ts.c.Notify(ts.ctx, "initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ts.ctx, 5*time.Second)
	defer cancel()
	if err := ts.c.WaitFor(ctx, "watcher registration", func() bool { return len(ts.c.ServerRequestParams("client/registerCapability")) == 1 }); err != nil {
		t.Fatal(err)
	}
}

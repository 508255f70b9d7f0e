package server

import (
	"context"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// Commands the server executes (advertised in initialize).
const (
	cmdRiskSummary       = "tm-ls.riskSummary"
	cmdExportModel       = "tm-ls.exportModel"
	cmdRestart           = "tm-ls.restart"
	cmdResourceFindings  = "tm-ls.resourceFindings"
	cmdAttackPaths       = "tm-ls.attackPaths"
	sourceFixAll         = protocol.CodeActionKind("source.fixAll.tm-ls")
	watchRegistrationID  = "tm-ls-watched-files"
	progressTokenPrefix  = "tm-ls-indexing-"
	serverName           = "tm-ls"
	defaultServerVersion = "dev"
)

// watchedGlobs are the files whose changes on disk change an analysis.
var watchedGlobs = []string{"**/*.tf", "**/*.tf.json", "**/*.tfvars", "**/*.tfvars.json", "**/*.tm.hcl", "**/.tm-ls.hcl", "**/*.hcl"}

// initializeParams holds the parts of InitializeParams the server uses. It is its
// own type, not protocol.InitializeParams, so that capability shapes newer than
// LSP 3.16 (where a bool became an object, say) can never fail the handshake.
type initializeParams struct {
	RootURI          string                     `json:"rootUri"`
	RootPath         string                     `json:"rootPath"`
	WorkspaceFolders []protocol.WorkspaceFolder `json:"workspaceFolders"`
	Capabilities     clientCapabilities         `json:"capabilities"`
	// InitializationOptions are the editor client's settings.
	InitializationOptions *clientSettings `json:"initializationOptions"`
}

// clientCapabilities are the client capabilities the server acts on.
type clientCapabilities struct {
	Workspace struct {
		WorkspaceEdit struct {
			DocumentChanges bool `json:"documentChanges"`
		} `json:"workspaceEdit"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		CodeLens struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"codeLens"`
	} `json:"workspace"`
	Window struct {
		WorkDoneProgress bool `json:"workDoneProgress"`
	} `json:"window"`
}

func (s *server) initialize(ctx context.Context, p *initializeParams) (any, error) {
	s.mu.Lock()
	if s.state != stateNew {
		s.mu.Unlock()
		return nil, errInvalidRequest("initialize sent twice")
	}
	s.caps = p.Capabilities
	if p.InitializationOptions != nil {
		s.client = *p.InitializationOptions
	}
	s.state = stateInitialized
	s.mu.Unlock()

	var roots []string
	for _, f := range p.WorkspaceFolders {
		if path, err := uriToPath(f.URI); err == nil {
			roots = append(roots, path)
		} else {
			s.log.Warn("workspace folder ignored", zap.String("uri", f.URI), zap.Error(err))
		}
	}
	if len(roots) == 0 && p.RootURI != "" {
		if path, err := uriToPath(p.RootURI); err == nil {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 && p.RootPath != "" {
		if abs, err := filepath.Abs(p.RootPath); err == nil {
			roots = append(roots, abs)
		}
	}
	for _, r := range roots {
		s.sess.addFolder(r, false)
	}
	s.log.Info("initialize", zap.Strings("roots", roots))

	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindIncremental,
			},
			HoverProvider:           true,
			CodeActionProvider:      protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, protocol.CodeActionKind("source.fixAll"), sourceFixAll}},
			CodeLensProvider:        &protocol.CodeLensOptions{ResolveProvider: true},
			DocumentSymbolProvider:  true,
			WorkspaceSymbolProvider: true,
			DefinitionProvider:      true,
			ReferencesProvider:      true,
			ExecuteCommandProvider: &protocol.ExecuteCommandOptions{
				Commands: []string{cmdRiskSummary, cmdExportModel, cmdRestart, cmdResourceFindings, cmdAttackPaths},
			},
			Workspace: &protocol.ServerCapabilitiesWorkspace{
				WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
			},
			DocumentFormattingProvider: true,
			RenameProvider:             &protocol.RenameOptions{PrepareProvider: true},
			CompletionProvider:         &protocol.CompletionOptions{TriggerCharacters: []string{".", "\""}},
		},
		ServerInfo: &protocol.ServerInfo{Name: serverName, Version: defaultServerVersion},
	}, nil
}

func (s *server) initialized(ctx context.Context, _ *protocol.InitializedParams) error {
	caps := s.clientCaps()
	if caps.Workspace.DidChangeWatchedFiles.DynamicRegistration {
		go s.registerWatchers()
	}
	s.sess.start()
	return nil
}

func (s *server) registerWatchers() {
	watchers := make([]protocol.FileSystemWatcher, 0, len(watchedGlobs))
	for _, g := range watchedGlobs {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: g, Kind: protocol.WatchKindCreate + protocol.WatchKindChange + protocol.WatchKindDelete})
	}
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:              watchRegistrationID,
		Method:          "workspace/didChangeWatchedFiles",
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
	}}}
	if _, err := s.conn.Call(s.ctx, "client/registerCapability", params, nil); err != nil && s.ctx.Err() == nil {
		s.log.Warn("registering file watchers failed", zap.Error(err))
	}
}

func (s *server) shutdown(ctx context.Context, _ *struct{}) (any, error) {
	s.mu.Lock()
	s.state = stateShutdown
	for _, cancel := range s.inflight {
		cancel()
	}
	s.mu.Unlock()
	s.sess.close()
	return nil, nil
}

// supportsProgress reports whether the client accepts server-initiated progress.
func (s *server) supportsProgress() bool {
	caps := s.clientCaps()
	return caps.Window.WorkDoneProgress
}

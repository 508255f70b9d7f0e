package server

import (
	"context"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// createParams and progressParams carry the token as a plain string:
// protocol.ProgressToken marshals only through a pointer, so inside a params value
// it would be sent as {} (which VS Code cannot key its progress by).
type createParams struct {
	Token string `json:"token"`
}

type progressParams struct {
	Token string `json:"token"`
	Value any    `json:"value"`
}

// progressReporter shows work-done progress for the first analysis of a workspace,
// when the client supports server-initiated progress.
type progressReporter struct {
	s       *server
	token   string
	created bool
	tried   bool
}

func newProgressReporter(s *server, token string) *progressReporter {
	return &progressReporter{s: s, token: token}
}

func (p *progressReporter) begin(ctx context.Context, title string) {
	if p.tried {
		return
	}
	p.tried = true
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := p.s.conn.Call(ctx, "window/workDoneProgress/create", createParams{Token: p.token}, nil)
	if err != nil {
		p.s.log.Debug("progress not created", zap.Error(err))
		return
	}
	p.created = true
	p.s.notify("$/progress", progressParams{Token: p.token, Value: protocol.WorkDoneProgressBegin{Kind: protocol.WorkDoneProgressKindBegin, Title: title}})
}

func (p *progressReporter) end(ctx context.Context, msg string) {
	if !p.created {
		return
	}
	p.created = false
	p.s.notify("$/progress", progressParams{Token: p.token, Value: protocol.WorkDoneProgressEnd{Kind: protocol.WorkDoneProgressKindEnd, Message: msg}})
}

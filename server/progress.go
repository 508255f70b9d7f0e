package server

import (
	"context"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

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
	_, err := p.s.conn.Call(ctx, "window/workDoneProgress/create", protocol.WorkDoneProgressCreateParams{Token: *protocol.NewProgressToken(p.token)}, nil)
	if err != nil {
		p.s.log.Debug("progress not created", zap.Error(err))
		return
	}
	p.created = true
	p.s.notify("$/progress", protocol.ProgressParams{Token: *protocol.NewProgressToken(p.token), Value: protocol.WorkDoneProgressBegin{Kind: protocol.WorkDoneProgressKindBegin, Title: title}})
}

func (p *progressReporter) end(ctx context.Context, msg string) {
	if !p.created {
		return
	}
	p.created = false
	p.s.notify("$/progress", protocol.ProgressParams{Token: *protocol.NewProgressToken(p.token), Value: protocol.WorkDoneProgressEnd{Kind: protocol.WorkDoneProgressKindEnd, Message: msg}})
}

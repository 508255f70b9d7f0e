package server

import (
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// ruleDocsBase is where every rule is documented; the anchor is the lower-case ID.
const ruleDocsBase = "https://github.com/tm-ls/tm-ls/blob/main/docs/rules.md#"

// diagnosticSource names tm-ls as the producer of its diagnostics.
const diagnosticSource = "tm-ls"

// publishParams is PublishDiagnosticsParams with an optional version: protocol's
// own type has a uint32 version that drops version 0 and cannot be null.
type publishParams struct {
	URI         string                `json:"uri"`
	Version     *int32                `json:"version,omitempty"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
}

// findingData is the Data of a finding's diagnostic, read back by code actions.
type findingData struct {
	FindingID string `json:"findingId"`
}

// severityOf maps a finding to an LSP severity. Open and mitigated findings keep
// their rule severity (critical/high → Error, medium → Warning, low → Information,
// info → Hint); accepted findings are shown as Hint (they keep their risk but need no
// action); suppressed findings are not published at all (ok false): the user asked
// to hide them, and hover/exports still report them.
func severityOf(f *model.Finding) (protocol.DiagnosticSeverity, bool) {
	switch f.Status {
	case model.Suppressed:
		return 0, false
	case model.Accepted:
		return protocol.DiagnosticSeverityHint, true
	}
	switch {
	case f.Severity >= model.SeverityHigh:
		return protocol.DiagnosticSeverityError, true
	case f.Severity == model.SeverityMedium:
		return protocol.DiagnosticSeverityWarning, true
	case f.Severity == model.SeverityLow:
		return protocol.DiagnosticSeverityInformation, true
	default:
		return protocol.DiagnosticSeverityHint, true
	}
}

// inputSeverity maps the severity of a problem with the input (model.Diagnostic).
func inputSeverity(s model.Severity) protocol.DiagnosticSeverity {
	switch {
	case s >= model.SeverityHigh:
		return protocol.DiagnosticSeverityError
	case s == model.SeverityMedium:
		return protocol.DiagnosticSeverityWarning
	default:
		return protocol.DiagnosticSeverityInformation
	}
}

// ruleHref is the documentation link of a rule.
func ruleHref(ruleID string) string {
	return ruleDocsBase + strings.ToLower(ruleID)
}

// findingDiagnostic converts one finding; ok is false when it is not published.
func (v *view) findingDiagnostic(f *model.Finding) (protocol.Diagnostic, bool) {
	sev, ok := severityOf(f)
	if !ok || (f.Severity < v.minSeverity && f.Status != model.Accepted) {
		return protocol.Diagnostic{}, false
	}
	msg := f.Message
	if msg == "" && f.Rule != nil {
		msg = f.Rule.Title
	}
	if msg == "" {
		msg = f.RuleID
	}
	if f.Status == model.Accepted || f.Status == model.Mitigated {
		msg += " (" + f.Status.String()
		if f.StatusNote != "" {
			msg += ": " + f.StatusNote
		}
		msg += ")"
	}
	if v.newIDs[f.ID] {
		msg = "[new] " + msg
	}
	d := protocol.Diagnostic{
		Range:           v.mapper(f.File).hclRange(f.Range),
		Severity:        sev,
		Code:            f.RuleID,
		CodeDescription: &protocol.CodeDescription{Href: protocol.URI(ruleHref(f.RuleID))},
		Source:          diagnosticSource,
		Message:         msg,
		Data:            findingData{FindingID: f.ID},
	}
	for _, r := range f.Related {
		if r.File == "" {
			continue
		}
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: protocol.DocumentURI(v.snap.uri(r.File)), Range: v.mapper(r.File).hclRange(r.Range)},
			Message:  r.Message,
		})
	}
	return d, true
}

// inputDiagnostic converts a problem with the input.
func (v *view) inputDiagnostic(in model.Diagnostic) protocol.Diagnostic {
	msg := in.Summary
	if in.Detail != "" {
		if msg != "" {
			msg += ": "
		}
		msg += in.Detail
	}
	d := protocol.Diagnostic{
		Range:    v.mapper(in.File).hclRange(in.Range),
		Severity: inputSeverity(in.Severity),
		Source:   diagnosticSource,
		Message:  msg,
	}
	if in.Code != "" {
		d.Code = in.Code
	}
	return d
}

// relFile normalises a file name from the analysis to a root-relative slash path.
func (v *view) relFile(name string) string {
	if filepath.IsAbs(name) {
		return v.snap.rel(name)
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// diagnostics returns the diagnostics of every file of the view, keyed by the
// file's path relative to the root.
func (v *view) diagnostics() map[string][]protocol.Diagnostic {
	out := map[string][]protocol.Diagnostic{}
	for rel, fd := range v.diagnosticsFrom(nil) {
		out[rel] = fd.diags
	}
	return out
}

func lessRange(a, b protocol.Range) bool {
	if a.Start.Line != b.Start.Line {
		return a.Start.Line < b.Start.Line
	}
	if a.Start.Character != b.Start.Character {
		return a.Start.Character < b.Start.Character
	}
	if a.End.Line != b.End.Line {
		return a.End.Line < b.End.Line
	}
	return a.End.Character < b.End.Character
}

// publish sends the diagnostics of every file whose diagnostics changed since the
// last publication, and empty lists for files that no longer have any.
func (w *workspace) publish(v *view) {
	s := w.ss.s
	w.mu.Lock()
	prev := w.view
	w.mu.Unlock()
	files := v.diagnosticsFrom(prev)
	v.published = files
	all := make(map[string][]protocol.Diagnostic, len(files))
	for rel, fd := range files {
		all[rel] = fd.diags
	}
	next := make(map[string]string, len(all))
	type pub struct {
		uri   string
		diags []protocol.Diagnostic
		abs   string
	}
	var todo []pub
	w.mu.Lock()
	for rel, ds := range all {
		uri := v.snap.uri(rel)
		fp := files[rel].fp
		next[uri] = fp
		if w.published[uri] != fp {
			todo = append(todo, pub{uri: uri, diags: ds, abs: filepath.Join(v.snap.root, filepath.FromSlash(rel))})
		}
	}
	for uri := range w.published {
		if _, ok := next[uri]; !ok {
			abs, _ := uriToPath(uri)
			todo = append(todo, pub{uri: uri, diags: []protocol.Diagnostic{}, abs: abs})
		}
	}
	w.published = next
	fresh := w.unlocatedNew(v)
	w.mu.Unlock()
	for _, msg := range fresh {
		s.notify("window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: msg})
	}
	if len(todo) > 0 && s.clientCaps().Workspace.CodeLens.RefreshSupport {
		// Findings moved: lenses the client holds are stale. The request is sent
		// without waiting for the answer, so a slow client never stalls the loop.
		go func() {
			ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
			defer cancel()
			if _, err := s.conn.Call(ctx, "workspace/codeLens/refresh", nil, nil); err != nil && s.ctx.Err() == nil {
				s.log.Debug("codeLens/refresh failed", zap.Error(err))
			}
		}()
	}
	sort.Slice(todo, func(i, j int) bool { return todo[i].uri < todo[j].uri })
	for _, p := range todo {
		params := publishParams{URI: p.uri, Diagnostics: p.diags}
		if ver, ok := v.snap.versions[p.abs]; ok {
			params.Version = &ver
		}
		s.notify("textDocument/publishDiagnostics", params)
	}
}

// clearDiagnostics withdraws everything the workspace published.
func (w *workspace) clearDiagnostics() {
	w.mu.Lock()
	pubs := w.published
	w.published = map[string]string{}
	w.mu.Unlock()
	for uri := range pubs {
		w.ss.s.notify("textDocument/publishDiagnostics", publishParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	}
}

// unlocatedNew returns the problems without a file (a broken rule pack, an
// unreadable config) that the previous analysis did not report, so that each is
// logged to the client once rather than on every keystroke. w.mu is held.
func (w *workspace) unlocatedNew(v *view) []string {
	next := map[string]bool{}
	var fresh []string
	for _, in := range v.res.Diagnostics {
		if in.File != "" {
			continue
		}
		msg := "tm-ls: " + in.Summary
		if in.Detail != "" {
			msg += ": " + in.Detail
		}
		next[msg] = true
		if !w.unlocated[msg] {
			fresh = append(fresh, msg)
		}
	}
	w.unlocated = next
	sort.Strings(fresh)
	return fresh
}

// fingerprint identifies a list of diagnostics by everything a client shows or
// sends back, much more cheaply than encoding it as JSON (it runs for every file
// after every analysis).
func fingerprint(ds []protocol.Diagnostic) string {
	h := fnv.New128a()
	buf := make([]byte, 0, 256)
	rng := func(r protocol.Range) {
		for _, n := range [...]uint32{r.Start.Line, r.Start.Character, r.End.Line, r.End.Character} {
			buf = strconv.AppendUint(buf, uint64(n), 10)
			buf = append(buf, ',')
		}
	}
	str := func(s string) {
		buf = strconv.AppendInt(buf, int64(len(s)), 10)
		buf = append(buf, ':')
		buf = append(buf, s...)
	}
	for _, d := range ds {
		buf = buf[:0]
		rng(d.Range)
		buf = strconv.AppendInt(buf, int64(d.Severity), 10)
		str(fmt.Sprint(d.Code))
		str(d.Message)
		if fd, ok := d.Data.(findingData); ok {
			str(fd.FindingID)
		}
		for _, r := range d.RelatedInformation {
			str(string(r.Location.URI))
			rng(r.Location.Range)
			str(r.Message)
		}
		buf = append(buf, ';')
		_, _ = h.Write(buf)
	}
	return string(h.Sum(nil))
}

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/export"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// executeCommand runs one of the advertised commands.
func (s *server) executeCommand(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	switch p.Command {
	case cmdRiskSummary:
		views, err := s.allViews(ctx)
		if err != nil {
			return nil, err
		}
		return riskSummary(views, s.settings().Frameworks), nil
	case cmdExportModel:
		views, err := s.allViews(ctx)
		if err != nil {
			return nil, err
		}
		format := "json"
		if len(p.Arguments) > 1 {
			if f, ok := p.Arguments[1].(string); ok && f != "" {
				format = f
			}
		}
		var exp any
		switch format {
		case "json":
			exp = exportModel(views)
		case "otm":
			otm, err := exportOTM(views)
			if err != nil {
				return nil, err
			}
			exp = otm
		default:
			return nil, errInvalidParams("tm-ls.exportModel formats are json and otm, not " + format)
		}
		if len(p.Arguments) == 0 || p.Arguments[0] == nil || p.Arguments[0] == "" {
			return exp, nil
		}
		target, ok := p.Arguments[0].(string)
		if !ok {
			return nil, errInvalidParams("tm-ls.exportModel takes an optional path (a string)")
		}
		return s.writeExport(target, exp)
	case cmdRestart:
		for _, w := range s.sess.all() {
			w.update(diskChanged)
		}
		return nil, nil
	case cmdAttackPaths:
		views, err := s.allViews(ctx)
		if err != nil {
			return nil, err
		}
		return attackPaths(views), nil
	case cmdResourceFindings:
		if len(p.Arguments) < 2 {
			return nil, errInvalidParams("tm-ls.resourceFindings takes a document URI and a resource address")
		}
		uri, _ := p.Arguments[0].(string)
		addr, _ := p.Arguments[1].(string)
		v, _, err := s.viewFor(ctx, uri)
		if err != nil {
			return nil, err
		}
		var out []exportFinding
		for _, f := range v.res.Findings {
			if f.Resource == addr || baseOf(f.Resource) == addr {
				out = append(out, v.exportFinding(f))
			}
		}
		return out, nil
	}
	return nil, errInvalidParams("unknown command: " + p.Command)
}

// allViews returns the current view of every workspace.
func (s *server) allViews(ctx context.Context) ([]*view, error) {
	var views []*view
	for _, w := range s.sess.all() {
		v, err := w.current(ctx)
		if err != nil {
			return nil, err
		}
		views = append(views, v)
	}
	return views, nil
}

type exportRange struct {
	URI   string         `json:"uri"`
	Range protocol.Range `json:"range"`
}

type exportFinding struct {
	ID         string   `json:"id"`
	Compliance []string `json:"compliance,omitempty"`
	Rule       string   `json:"rule"`
	Title      string   `json:"title"`
	Severity   string   `json:"severity"`
	Status     string   `json:"status"`
	Resource   string   `json:"resource"`
	Message    string   `json:"message"`
	Inherent   int      `json:"inherent"`
	Residual   float64  `json:"residual"`
	Fixable    bool     `json:"fixable"`
	exportRange
}

func (v *view) exportFinding(f *model.Finding) exportFinding {
	title := f.Message
	if f.Rule != nil {
		title = f.Rule.Title
	}
	rel := v.relFile(f.File)
	var compliance []string
	if f.Rule != nil {
		compliance = f.Rule.Compliance
	}
	return exportFinding{
		ID: f.ID, Compliance: compliance, Rule: f.RuleID, Title: title, Severity: f.Severity.String(), Status: f.Status.String(),
		Resource: f.Resource, Message: f.Message, Inherent: f.Inherent, Residual: f.Residual, Fixable: f.Fixable,
		exportRange: exportRange{URI: v.snap.uri(rel), Range: v.mapper(rel).hclRange(f.Range)},
	}
}

// riskSummaryResult is the answer of tm-ls.riskSummary.
type riskSummaryResult struct {
	Counts        map[string]int  `json:"counts"`   // by severity, suppressed excluded
	Statuses      map[string]int  `json:"statuses"` // by status, all findings
	Total         int             `json:"total"`
	TotalInherent int             `json:"totalInherent"`
	TotalResidual float64         `json:"totalResidual"`
	Top           []exportFinding `json:"top"`
	// Frameworks counts the open findings per compliance framework (restricted to
	// the client's frameworks when it named some).
	Frameworks map[string]int `json:"frameworks"`
	// Requirements counts the open findings per compliance requirement
	// ("pci-dss-4.0:1.3.1"), within the same frameworks.
	Requirements map[string]int `json:"requirements"`
}

func riskSummary(views []*view, frameworks []string) riskSummaryResult {
	out := riskSummaryResult{Counts: map[string]int{}, Statuses: map[string]int{}, Frameworks: map[string]int{}, Requirements: map[string]int{}}
	want := map[string]bool{}
	for _, f := range frameworks {
		want[f] = true
		out.Frameworks[f] = 0
	}
	for _, sev := range []model.Severity{model.SeverityInfo, model.SeverityLow, model.SeverityMedium, model.SeverityHigh, model.SeverityCritical} {
		out.Counts[sev.String()] = 0
	}
	var all []exportFinding
	for _, v := range views {
		for _, f := range v.res.Findings {
			out.Statuses[f.Status.String()]++
			if f.Status == model.Suppressed {
				continue
			}
			out.Counts[f.Severity.String()]++
			if f.Status == model.Open || f.Status == model.Mitigated {
				seen := map[string]bool{}
				for _, c := range ruleCompliance(f) {
					fw := c
					if i := strings.IndexByte(c, ':'); i > 0 {
						fw = c[:i]
					}
					if len(want) > 0 && !want[fw] {
						continue
					}
					out.Requirements[c]++
					if seen[fw] {
						continue
					}
					seen[fw] = true
					out.Frameworks[fw]++
				}
			}
			out.Total++
			out.TotalInherent += f.Inherent
			out.TotalResidual += f.Residual
			all = append(all, v.exportFinding(f))
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Residual != all[j].Residual {
			return all[i].Residual > all[j].Residual
		}
		return all[i].ID < all[j].ID
	})
	if len(all) > 10 {
		all = all[:10]
	}
	out.Top = append([]exportFinding{}, all...)
	return out
}

func ruleCompliance(f *model.Finding) []string {
	if f.Rule == nil {
		return nil
	}
	return f.Rule.Compliance
}

// attackPathResult is the answer of tm-ls.attackPaths.
type attackPathResult struct {
	Paths []attackPathEntry `json:"paths"`
}

type attackPathEntry struct {
	Source         string   `json:"source"`
	Target         string   `json:"target"`
	Nodes          []string `json:"nodes"`
	Flows          []string `json:"flows"`
	Classification string   `json:"classification"`
	Likelihood     int      `json:"likelihood"`
	Impact         int      `json:"impact"`
	Risk           float64  `json:"risk"`
	Level          string   `json:"level"`
	// Location is the target's declaration, when known.
	Location *exportRange `json:"location,omitempty"`
}

// attackPaths lists the attack paths of every workspace, riskiest first.
func attackPaths(views []*view) attackPathResult {
	out := attackPathResult{Paths: []attackPathEntry{}}
	for _, v := range views {
		if v.res.Graph == nil {
			continue
		}
		decl := map[string]model.Component{}
		for _, c := range v.res.Graph.Components {
			decl[c.Address] = *c
		}
		for _, p := range v.res.AttackPaths {
			e := attackPathEntry{Source: p.Source, Target: p.Target, Nodes: p.Nodes, Flows: p.Flows, Classification: p.Classification,
				Likelihood: p.Likelihood, Impact: p.Impact, Risk: p.Risk, Level: analysis.RiskLevel(p.Risk).String()}
			if c, ok := decl[p.Target]; ok && c.File != "" {
				rel := v.relFile(c.File)
				e.Location = &exportRange{URI: v.snap.uri(rel), Range: v.mapper(rel).hclRange(c.Range)}
			}
			out.Paths = append(out.Paths, e)
		}
	}
	sort.SliceStable(out.Paths, func(i, j int) bool { return out.Paths[i].Risk > out.Paths[j].Risk })
	return out
}

// exportOTM is the Open Threat Model (OTM 0.2.0) document of the first workspace
// with a threat model (one per workspace folder; OTM has one project per file).
func exportOTM(views []*view) (json.RawMessage, error) {
	for _, v := range views {
		if v.res.Graph == nil {
			continue
		}
		b, err := export.OTM(v.res.Graph, v.res.Findings)
		if err != nil {
			return nil, fmt.Errorf("OTM export: %w", err)
		}
		return json.RawMessage(b), nil
	}
	return nil, errInvalidParams("no workspace has a threat model to export yet")
}

type exportResource struct {
	Address string   `json:"address"`
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Mode    string   `json:"mode"`
	Root    string   `json:"root"`
	Module  string   `json:"module,omitempty"`
	Refs    []string `json:"refs,omitempty"`
	exportRange
}

type exportResult struct {
	Resources []exportResource `json:"resources"`
	Findings  []exportFinding  `json:"findings"`
}

func exportModel(views []*view) exportResult {
	out := exportResult{Resources: []exportResource{}, Findings: []exportFinding{}}
	for _, v := range views {
		for _, r := range v.res.Resources {
			mode := "managed"
			if r.Mode == model.Data {
				mode = "data"
			}
			er := exportResource{Address: r.Address, Type: r.Type, Name: r.Name, Mode: mode, Root: r.Root, Module: r.Module}
			for _, ref := range r.Refs {
				er.Refs = append(er.Refs, ref.To)
			}
			rel := v.relFile(r.File)
			er.exportRange = exportRange{URI: v.snap.uri(rel), Range: v.mapper(rel).hclRange(r.DeclRange)}
			out.Resources = append(out.Resources, er)
		}
		for _, f := range v.res.Findings {
			out.Findings = append(out.Findings, v.exportFinding(f))
		}
	}
	return out
}

// writeExport writes the export as JSON to target, which must lie inside a
// workspace folder (symlinks resolved), so a client cannot make the server write
// anywhere else on the machine.
func (s *server) writeExport(target string, exp any) (any, error) {
	if u, err := uriToPath(target); err == nil {
		target = u
	}
	if !filepath.IsAbs(target) {
		return nil, errInvalidParams("export path must be absolute: " + target)
	}
	target = filepath.Clean(target)
	dir, err := filepath.EvalSymlinks(filepath.Dir(target))
	if err != nil {
		return nil, errInvalidParams(fmt.Sprintf("export directory: %v", err))
	}
	real := filepath.Join(dir, filepath.Base(target))
	if fi, err := os.Lstat(real); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, errInvalidParams("export path is a symlink: " + target)
	}
	inside := false
	for _, w := range s.sess.all() {
		root, err := filepath.EvalSymlinks(w.root)
		if err != nil {
			continue
		}
		if within(root, real) && real != root {
			inside = true
			break
		}
	}
	if !inside {
		return nil, errInvalidParams("export path is outside every workspace folder: " + target)
	}
	data, err := json.MarshalIndent(exp, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding export: %w", err)
	}
	if err := os.WriteFile(real, append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("writing export: %w", err)
	}
	return map[string]string{"path": real}, nil
}

// baseOf drops the last instance key of an address (`a.b["x"]` → `a.b`).
func baseOf(addr string) string {
	if n := len(addr); n > 0 && addr[n-1] == ']' {
		for i := n - 1; i >= 0; i-- {
			if addr[i] == '[' {
				return addr[:i]
			}
		}
	}
	return addr
}

package server

import (
	"os"
	"path/filepath"
	"time"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/baseline"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// clientSettings are the initializationOptions the editor clients send (VS Code's
// tm-ls.* settings, the Neovim plugin's `settings`).
type clientSettings struct {
	// MinimumSeverity hides open findings below it (info, low, medium, high, critical).
	MinimumSeverity string `json:"minimumSeverity"`
	// Frameworks restricts the per-framework counts of tm-ls.riskSummary.
	Frameworks []string `json:"frameworks"`
	// RuleDirectories are extra rule packs, absolute or relative to each workspace folder.
	RuleDirectories []string `json:"ruleDirectories"`
	// ShowUnknown publishes the rules that could not be decided (a value is
	// unknown) as hints, the editor's form of `tm-ls check --show-unknown`.
	ShowUnknown bool `json:"showUnknown"`
}

// minSeverity is the parsed MinimumSeverity (info when unset or invalid).
func (c clientSettings) minSeverity() model.Severity {
	if s, ok := model.ParseSeverity(c.MinimumSeverity); ok {
		return s
	}
	return model.SeverityInfo
}

// ruleDirs resolves the rule directories for the workspace at root.
func (c clientSettings) ruleDirs(root string, base []string) []string {
	out := append([]string{}, base...)
	for _, d := range c.RuleDirectories {
		if d == "" {
			continue
		}
		if !filepath.IsAbs(d) {
			d = filepath.Join(root, d)
		}
		out = append(out, filepath.Clean(d))
	}
	return out
}

// settings returns the client's initializationOptions.
func (s *server) settings() clientSettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.client
}

// baselineCache keeps the baseline named in .tm-ls.hcl, read again only when the
// file changes on disk.
type baselineCache struct {
	path string
	mod  time.Time
	size int64
	base *baseline.Baseline
	err  error
}

// load returns the baseline at path (nil without error when path is "").
func (c *baselineCache) load(path string) (*baseline.Baseline, error) {
	if path == "" {
		return nil, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if c.path != path || !c.mod.Equal(st.ModTime()) || c.size != st.Size() {
		c.path, c.mod, c.size = path, st.ModTime(), st.Size()
		c.base, c.err = baseline.Load(path)
	}
	return c.base, c.err
}

// newFindings returns the IDs of the findings of res that the workspace's baseline
// (`baseline` in .tm-ls.hcl) does not have; nil when there is no usable baseline.
func (w *workspace) newFindings(res *analysis.Result) map[string]bool {
	if res.Config == nil || res.Config.Baseline == "" {
		return nil
	}
	path := res.Config.Baseline
	if !filepath.IsAbs(path) {
		path = filepath.Join(res.Root, path)
	}
	w.mu.Lock()
	base, err := w.baseline.load(path)
	w.mu.Unlock()
	if err != nil || base == nil {
		if err != nil {
			w.ss.s.log.Sugar().Warnf("baseline %s: %v", path, err)
		}
		return nil
	}
	out := map[string]bool{}
	for _, id := range baseline.Compare(base, res.Findings).New {
		out[id.ID] = true
	}
	return out
}

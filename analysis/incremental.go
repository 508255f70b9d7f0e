package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/config"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/rules"
)

// catalogEntry is a built catalogue with the problems found building it.
type catalogEntry struct {
	cat   *rules.Catalog
	diags []model.Diagnostic
}

// catalog returns the rules in force under cfg plus the extra rule packs: the
// built-in catalogue, the packs, then the config's disables and overrides. The
// result is cached by everything it depends on (the config's rule settings and the
// size and time of every pack file), so that an unchanged configuration yields the
// very same catalogue and the rule outcomes of unchanged roots can be reused.
func (a *Analyzer) catalog(cfg *config.Config, extra []string) (*rules.Catalog, []model.Diagnostic) {
	dirs := append(append([]string{}, cfg.RuleDirs...), extra...)
	key := catalogKey(cfg, dirs)
	if e, ok := a.catalogs.Load(key); ok {
		ce := e.(*catalogEntry)
		return ce.cat, ce.diags
	}
	cat := a.builtin
	var diags []model.Diagnostic
	for _, dir := range dirs {
		rs, rdiags := rules.LoadDir(dir)
		diags = append(diags, rdiags...)
		var wdiags []model.Diagnostic
		cat, wdiags = cat.With(rs)
		diags = append(diags, wdiags...)
	}
	cat = cat.Configure(cfg.Disable, cfg.Severity)
	e, _ := a.catalogs.LoadOrStore(key, &catalogEntry{cat: cat, diags: diags})
	ce := e.(*catalogEntry)
	return ce.cat, ce.diags
}

func catalogKey(cfg *config.Config, dirs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "disable=%v\n", cfg.Disable)
	ids := make([]string, 0, len(cfg.Severity))
	for id := range cfg.Severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "sev %s=%d\n", id, cfg.Severity[id])
	}
	for _, d := range dirs {
		fmt.Fprintf(&b, "dir %s\n", d)
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".hcl") {
				return nil
			}
			if info, err := e.Info(); err == nil {
				fmt.Fprintf(&b, "  %s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}

// reusableRoots lists the root modules whose rule outcomes in prev still hold: the
// same catalogue, and exactly the same resource values (the loader hands back the
// same *model.Resource for a root none of whose files changed).
func reusableRoots(prev *Result, ws *terraform.Workspace, cat *rules.Catalog) map[string]bool {
	out := map[string]bool{}
	if prev == nil || prev.catalog != cat || prev.roots == nil {
		return out
	}
	group := func(rs []*model.Resource) map[string][]*model.Resource {
		g := map[string][]*model.Resource{}
		for _, r := range rs {
			g[r.Root] = append(g[r.Root], r)
		}
		return g
	}
	before, now := group(prev.Resources), group(ws.Resources)
	for root, rs := range now {
		old, ok := before[root]
		if !ok || len(old) != len(rs) || prev.roots[root] == nil && len(rs) > 0 {
			continue
		}
		same := true
		for i := range rs {
			if rs[i] != old[i] {
				same = false
				break
			}
		}
		if same {
			out[root] = true
		}
	}
	return out
}

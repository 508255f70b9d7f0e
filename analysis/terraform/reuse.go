package terraform

import (
	"reflect"

	"github.com/zclconf/go-cty/cty"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// rootState is what one root module's evaluation read and produced. Load keeps it
// per root so that the next Load (Options.Previous) can reuse a root whose inputs
// are unchanged.
type rootState struct {
	// deps are the decoded module directories the root evaluated; a directory's
	// moduleConfig is the same pointer across Loads exactly while its files are the
	// same parsed files (Cache), so pointer equality says "unchanged".
	deps     map[string]*moduleConfig
	tfvars   []*File
	manifest map[string]string
	// dirs is every module directory of the workspace, joined: a directory that
	// appears or disappears can change how a module call resolves.
	dirs  string
	out   []*model.Resource
	diags []model.Diagnostic
	// byAddr indexes out by address (read-only once built).
	byAddr map[string]*model.Resource
	// memo holds the root instance's blocks as evaluated (nil: not reusable), under
	// the input variables varObj and unset; see nodeMemo.
	memo   map[string]*nodeMemo
	varObj cty.Value
	unset  map[string]bool
}

// reusable returns the previous state of root dir d when it can stand for a new
// evaluation, else nil. Roots whose modules read files through file() or
// templatefile() are always evaluated again: those files are not tracked.
func (l *loader) reusable(d, allDirs string) *rootState {
	prev := l.opts.Previous
	if prev == nil || prev.roots == nil {
		return nil
	}
	ps := prev.roots[d]
	if ps == nil || ps.dirs != allDirs || len(ps.deps) == 0 {
		return nil
	}
	for dir, cfg := range ps.deps {
		if l.configs[dir] != cfg {
			return nil
		}
	}
	if readsFiles(ps.deps) {
		return nil
	}
	now := l.tfvars[d]
	if len(now) != len(ps.tfvars) {
		return nil
	}
	for i := range now {
		if now[i] != ps.tfvars[i] {
			return nil
		}
	}
	if !reflect.DeepEqual(ps.manifest, l.manifests[d]) {
		return nil
	}
	return ps
}

// readsFiles reports whether any of these module directories calls a function that
// reads files (file, templatefile...): what those files hold is not tracked, so
// nothing evaluated from such a directory is reused.
func readsFiles(cfgs map[string]*moduleConfig) bool {
	for _, cfg := range cfgs {
		for _, fc := range cfg.fnCalls {
			for _, name := range fileFuncs {
				if fc.name == name {
					return true
				}
			}
		}
	}
	return false
}

package terraform

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// diskState is what one Load read from the disk: the files the walk found, the
// modules.json of each directory, the listings of registry module directories, and
// each disk file as parsed (or why it was skipped). With Options.DiskUnchanged the
// next Load takes all of it as it is instead of walking and stat-ing the workspace
// again: an editor that watches the files knows when that holds.
type diskState struct {
	exclude   []string
	walk      []candidate
	walkDiags []model.Diagnostic
	manifests map[string]manifestRead
	listings  map[string][]string // registry module dir → its .tf file names
	files     map[string]diskFile // abs → the file as read
}

// manifestRead is one directory's modules.json as read (m nil: none).
type manifestRead struct {
	m     map[string]string
	diags []model.Diagnostic
}

// diskFile is a disk file as parsed, or the diagnostic that skipped it.
type diskFile struct {
	f    *File
	skip *model.Diagnostic
}

// previousDisk returns the previous Load's disk record when it may stand for the
// disk: the caller says nothing changed there, and the same paths are excluded.
func (l *loader) previousDisk() *diskState {
	prev := l.opts.Previous
	if !l.opts.DiskUnchanged || prev == nil || prev.disk == nil || !slices.Equal(prev.disk.exclude, l.opts.Exclude) {
		return nil
	}
	return prev.disk
}

// manifest returns dir's modules.json, as the previous Load read it when the disk
// is unchanged (an overlay of it is always read).
func (l *loader) manifest(dir string) map[string]string {
	abs := filepath.Join(l.opts.Root, filepath.FromSlash(dir), ".terraform", "modules", "modules.json")
	if _, ok := l.opts.Overlays[abs]; ok {
		return l.readManifest(dir)
	}
	if base := l.diskBase; base != nil {
		if mr, ok := base.manifests[dir]; ok {
			for _, d := range mr.diags {
				l.diag(d)
			}
			l.disk.manifests[dir] = mr
			return mr.m
		}
	}
	d0 := l.diagCount()
	m := l.readManifest(dir)
	l.mu.Lock()
	mr := manifestRead{m: m, diags: append([]model.Diagnostic(nil), l.diags[d0:]...)}
	l.mu.Unlock()
	l.disk.manifests[dir] = mr
	return m
}

// listModule returns the .tf files of a registry module directory.
func (l *loader) listModule(mdir, abs string) []string {
	if base := l.diskBase; base != nil {
		if names, ok := base.listings[mdir]; ok {
			l.disk.listings[mdir] = names
			return names
		}
	}
	var names []string
	if ents, err := os.ReadDir(abs); err == nil {
		for _, e := range ents {
			if tf, _, _ := isTFName(e.Name()); tf && !e.IsDir() {
				names = append(names, e.Name())
			}
		}
	}
	l.disk.listings[mdir] = names
	return names
}

// recordDisk records how a disk file was read, for the next Load.
func (l *loader) recordDisk(abs string, df diskFile) {
	l.mu.Lock()
	l.disk.files[abs] = df
	l.mu.Unlock()
}

func (l *loader) diagCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.diags)
}

// diagsSince returns the diagnostic with this code on file rel raised since the
// first n diagnostics (other files' diagnostics may interleave), or nil.
func (l *loader) diagsSince(n int, rel, code string) *model.Diagnostic {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := n; i < len(l.diags); i++ {
		if d := l.diags[i]; d.File == rel && d.Code == code {
			return &d
		}
	}
	return nil
}

package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"context"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// maxNesting bounds bracket nesting: deeper files are skipped rather than handed to a
// recursive parser (a Go stack overflow cannot be recovered).
const maxNesting = 1000

// loader holds the state of one Load.
type loader struct {
	opts  Options
	ctx   context.Context
	mu    sync.Mutex
	files map[string]*File // rel → file
	diags []model.Diagnostic
	// modDirs maps a rel dir to its .tf/.tf.json files (sorted by path).
	modDirs map[string][]*File
	// tfvars maps a rel dir to its tfvars files in precedence order.
	tfvars map[string][]*File
	// walked records dirs found by the walk (candidates for root modules);
	// manifestDirs those only reached through a modules.json.
	walked map[string]bool
	// manifests maps a walked rel dir to its modules.json (key → rel dir).
	manifests map[string]map[string]string
	// configs are the decoded module directories; unknownFns the function names
	// stubbed as unknown.
	configs    map[string]*moduleConfig
	unknownFns map[string]bool
	// instances counts evaluated resource and module instances (takeInstance).
	instances atomic.Int64
	limitOnce sync.Once
	// reusedBlocks counts blocks taken from the previous Load (nodeMemo).
	reusedBlocks atomic.Int64
	// disk records what this Load read from the disk; diskBase is the previous
	// Load's record when Options.DiskUnchanged lets it stand for the disk.
	disk     *diskState
	diskBase *diskState
}

type candidate struct {
	rel, abs string
}

func (l *loader) diag(d model.Diagnostic) {
	l.mu.Lock()
	l.diags = append(l.diags, d)
	l.mu.Unlock()
}

func isTFName(name string) (tf, vars, isJSON bool) {
	switch {
	case strings.HasSuffix(name, ".tf"):
		return true, false, false
	case strings.HasSuffix(name, ".tf.json"):
		return true, false, true
	case name == "terraform.tfvars" || strings.HasSuffix(name, ".auto.tfvars"):
		return false, true, false
	case name == "terraform.tfvars.json" || strings.HasSuffix(name, ".auto.tfvars.json"):
		return false, true, true
	}
	return false, false, false
}

// excluded reports whether rel (slash path) matches one of the exclude globs.
func (l *loader) excluded(rel string) bool {
	for _, p := range l.opts.Exclude {
		p = strings.TrimPrefix(path.Clean(filepath.ToSlash(p)), "./")
		if matchGlob(p, rel) {
			return true
		}
	}
	return false
}

func matchGlob(p, rel string) bool {
	if strings.HasPrefix(p, "**/") {
		rest := p[3:]
		parts := strings.Split(rel, "/")
		for i := range parts {
			if matchGlob(rest, strings.Join(parts[i:], "/")) {
				return true
			}
		}
		return false
	}
	if strings.HasSuffix(p, "/**") {
		base := strings.TrimSuffix(p, "/**")
		for d := rel; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			if ok, _ := path.Match(base, d); ok {
				return true
			}
		}
		return false
	}
	ok, _ := path.Match(p, rel)
	return ok
}

func (l *loader) relOf(abs string) string {
	rel, err := filepath.Rel(l.opts.Root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// walkAndParse finds every candidate file, reads and parses them in parallel, and
// groups them by directory.
func (l *loader) walkAndParse() error {
	var cands []candidate
	visited := map[string]bool{}
	if real, err := filepath.EvalSymlinks(l.opts.Root); err == nil {
		visited[real] = true
	}
	l.diskBase = l.previousDisk()
	l.disk = &diskState{exclude: l.opts.Exclude, manifests: map[string]manifestRead{}, listings: map[string][]string{}, files: map[string]diskFile{}}
	if base := l.diskBase; base != nil {
		cands = append(cands, base.walk...)
		for _, d := range base.walkDiags {
			l.diag(d)
		}
		l.disk.walk, l.disk.walkDiags = base.walk, base.walkDiags
	} else {
		d0 := len(l.diags)
		if err := l.walk(l.opts.Root, ".", visited, &cands, true); err != nil {
			return err
		}
		l.disk.walk = append([]candidate(nil), cands...)
		l.disk.walkDiags = append([]model.Diagnostic(nil), l.diags[d0:]...)
	}
	seen := map[string]bool{}
	for _, c := range cands {
		seen[c.abs] = true
	}
	// Overlays may name files not on disk yet.
	for abs := range l.opts.Overlays {
		abs = filepath.Clean(abs)
		rel := l.relOf(abs)
		if seen[abs] || strings.HasPrefix(rel, "../") || rel == ".." {
			continue
		}
		tf, vars, _ := isTFName(path.Base(rel))
		if (!tf && !vars) || l.excluded(rel) || hiddenDir(rel) {
			continue
		}
		seen[abs] = true
		cands = append(cands, candidate{rel: rel, abs: abs})
	}
	l.walked = map[string]bool{}
	for _, c := range cands {
		if tf, _, _ := isTFName(path.Base(c.rel)); tf {
			l.walked[path.Dir(c.rel)] = true
		}
	}
	// Registry modules installed by `terraform init`.
	l.manifests = map[string]map[string]string{}
	for dir := range l.walked {
		m := l.manifest(dir)
		if m == nil {
			continue
		}
		l.manifests[dir] = m
		for _, mdir := range m {
			if l.walked[mdir] {
				continue
			}
			abs := filepath.Join(l.opts.Root, filepath.FromSlash(mdir))
			for _, name := range l.listModule(mdir, abs) {
				a := filepath.Join(abs, name)
				if !seen[a] {
					seen[a] = true
					cands = append(cands, candidate{rel: path.Join(mdir, name), abs: a})
				}
			}
		}
	}
	if err := l.ctx.Err(); err != nil {
		return fmt.Errorf("terraform: load cancelled: %w", err)
	}
	l.parseAll(cands)
	if err := l.ctx.Err(); err != nil {
		return fmt.Errorf("terraform: load cancelled: %w", err)
	}
	l.modDirs = map[string][]*File{}
	l.tfvars = map[string][]*File{}
	for rel, f := range l.files {
		tf, vars, _ := isTFName(path.Base(rel))
		dir := path.Dir(rel)
		if tf {
			l.modDirs[dir] = append(l.modDirs[dir], f)
		} else if vars {
			l.tfvars[dir] = append(l.tfvars[dir], f)
		}
	}
	for d, fs := range l.modDirs {
		sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
		l.modDirs[d] = fs
	}
	for d, fs := range l.tfvars {
		// terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in
		// lexical order: later files win.
		sort.Slice(fs, func(i, j int) bool {
			ri, rj := varsRank(fs[i].Path), varsRank(fs[j].Path)
			if ri != rj {
				return ri < rj
			}
			return fs[i].Path < fs[j].Path
		})
		l.tfvars[d] = fs
	}
	return nil
}

func varsRank(p string) int {
	switch path.Base(p) {
	case "terraform.tfvars":
		return 0
	case "terraform.tfvars.json":
		return 1
	}
	return 2
}

func hiddenDir(rel string) bool {
	for _, part := range strings.Split(path.Dir(rel), "/") {
		if part == ".git" || part == "node_modules" || part == ".terraform" {
			return true
		}
	}
	return false
}

func (l *loader) walk(abs, rel string, visited map[string]bool, out *[]candidate, top bool) error {
	if err := l.ctx.Err(); err != nil {
		return fmt.Errorf("terraform: load cancelled: %w", err)
	}
	ents, err := os.ReadDir(abs)
	if err != nil {
		if top {
			return fmt.Errorf("terraform: read workspace root: %w", err)
		}
		l.diag(model.Diagnostic{Severity: model.SeverityLow, File: rel, Summary: "Directory not readable", Detail: err.Error(), Code: "skipped-file"})
		return nil
	}
	for _, e := range ents {
		name := e.Name()
		childAbs := filepath.Join(abs, name)
		childRel := path.Join(rel, name)
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			st, err := os.Stat(childAbs)
			if err != nil {
				continue // dangling symlink
			}
			isDir = st.IsDir()
		}
		if isDir {
			if name == ".git" || name == "node_modules" || name == ".terraform" {
				continue
			}
			if l.excluded(childRel) {
				continue
			}
			real, err := filepath.EvalSymlinks(childAbs)
			if err != nil || visited[real] {
				continue
			}
			visited[real] = true
			if err := l.walk(childAbs, childRel, visited, out, false); err != nil {
				return err
			}
			continue
		}
		if tf, vars, _ := isTFName(name); (tf || vars) && !l.excluded(childRel) {
			*out = append(*out, candidate{rel: childRel, abs: childAbs})
		}
	}
	return nil
}

// readManifest reads <dir>/.terraform/modules/modules.json: call key → rel dir.
func (l *loader) readManifest(dir string) map[string]string {
	abs := filepath.Join(l.opts.Root, filepath.FromSlash(dir), ".terraform", "modules", "modules.json")
	b, ok := l.opts.Overlays[abs]
	if !ok {
		var err error
		if b, err = os.ReadFile(abs); err != nil {
			return nil
		}
	}
	var m struct {
		Modules []struct {
			Key    string `json:"Key"`
			Source string `json:"Source"`
			Dir    string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		l.diag(model.Diagnostic{Severity: model.SeverityMedium, File: l.relOf(abs), Summary: "Unreadable modules.json", Detail: err.Error(), Code: "unresolved-module"})
		return nil
	}
	out := map[string]string{}
	for _, mod := range m.Modules {
		if mod.Key == "" || mod.Dir == "" {
			continue
		}
		d := path.Clean(path.Join(dir, filepath.ToSlash(mod.Dir)))
		if strings.HasPrefix(d, "../") || d == ".." {
			continue
		}
		out[mod.Key] = d
	}
	return out
}

func (l *loader) parseAll(cands []candidate) {
	workers := runtime.GOMAXPROCS(0)
	if workers > len(cands) {
		workers = len(cands)
	}
	ch := make(chan candidate)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range ch {
				if l.ctx.Err() != nil {
					continue
				}
				if f := l.readParse(c); f != nil {
					l.mu.Lock()
					l.files[f.Path] = f
					l.mu.Unlock()
				}
			}
		}()
	}
	for _, c := range cands {
		ch <- c
	}
	close(ch)
	wg.Wait()
}

func (l *loader) skip(rel, summary string) {
	l.diag(model.Diagnostic{
		Severity: model.SeverityMedium,
		File:     rel,
		Range:    hcl.Range{Filename: rel, Start: hcl.InitialPos, End: hcl.InitialPos},
		Summary:  summary,
		Code:     "skipped-file",
	})
}

// readParse reads (or takes the overlay of) one file and parses it. A disk file
// is taken as the previous Load read it when the disk is known unchanged
// (Options.DiskUnchanged), and what was read is recorded for the next Load.
func (l *loader) readParse(c candidate) *File {
	if _, ok := l.opts.Overlays[c.abs]; ok {
		return l.readParseFrom(c)
	}
	if base := l.diskBase; base != nil {
		if df, ok := base.files[c.abs]; ok && (df.f == nil || df.f.Path == c.rel) {
			l.recordDisk(c.abs, df)
			if df.skip != nil {
				l.diag(*df.skip)
				return nil
			}
			l.addSyntaxDiags(df.f)
			return df.f
		}
	}
	d0 := l.diagCount()
	f := l.readParseFrom(c)
	df := diskFile{f: f}
	if f == nil {
		if d := l.diagsSince(d0, c.rel, "skipped-file"); d != nil {
			df.skip = d
		} else {
			return nil // nothing to record: read again next time
		}
	}
	l.recordDisk(c.abs, df)
	return f
}

// readParseFrom reads (or takes the overlay of) one file and parses it.
func (l *loader) readParseFrom(c candidate) *File {
	b, ok := l.opts.Overlays[c.abs]
	var st os.FileInfo
	if ok {
		if int64(len(b)) > l.opts.MaxFileSize {
			l.skip(c.rel, fmt.Sprintf("File skipped: %d bytes is over the %d byte limit", len(b), l.opts.MaxFileSize))
			return nil
		}
	} else {
		var err error
		if st, err = os.Stat(c.abs); err != nil {
			l.skip(c.rel, "File skipped: "+err.Error())
			return nil
		}
		if st.Size() > l.opts.MaxFileSize {
			l.skip(c.rel, fmt.Sprintf("File skipped: %d bytes is over the %d byte limit", st.Size(), l.opts.MaxFileSize))
			return nil
		}
		if f := l.opts.Cache.getStat(c.abs, st); f != nil && f.Path == c.rel {
			l.addSyntaxDiags(f)
			return f
		}
		if b, err = os.ReadFile(c.abs); err != nil {
			l.skip(c.rel, "File skipped: "+err.Error())
			return nil
		}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		l.skip(c.rel, "File skipped: binary content (NUL byte)")
		return nil
	}
	if !utf8.Valid(b) {
		l.skip(c.rel, "File skipped: not valid UTF-8")
		return nil
	}
	if f := l.opts.Cache.get(c.abs, b); f != nil && f.Path == c.rel {
		l.addSyntaxDiags(f)
		return f
	}
	if d := nesting(b); d > maxNesting {
		l.skip(c.rel, fmt.Sprintf("File skipped: brackets nested %d deep (limit %d)", d, maxNesting))
		return nil
	}
	f := parseFile(c.rel, c.abs, b)
	l.opts.Cache.put(f, st)
	l.addSyntaxDiags(f)
	return f
}

func (l *loader) addSyntaxDiags(f *File) {
	for _, d := range f.Syntax {
		md := model.Diagnostic{Severity: model.SeverityHigh, File: f.Path, Summary: d.Summary, Detail: d.Detail, Code: "syntax"}
		if d.Severity == hcl.DiagWarning {
			md.Severity = model.SeverityMedium
		}
		if d.Subject != nil {
			md.Range = *d.Subject
			if md.Range.End.Byte < md.Range.Start.Byte {
				md.Range.End = md.Range.Start
			}
		}
		l.diag(md)
	}
}

// parseFile parses native or JSON syntax; the body is never nil.
func parseFile(rel, abs string, b []byte) (f *File) {
	f = &File{Path: rel, Abs: abs, Bytes: b, JSON: strings.HasSuffix(rel, ".json")}
	defer func() {
		if r := recover(); r != nil {
			f.Syntax = append(f.Syntax, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Parser failure", Detail: fmt.Sprint(r)})
			f.Body = hcl.EmptyBody()
		}
	}()
	// A UTF-8 byte order mark (common in files saved on Windows) is skipped; ranges
	// stay byte offsets into Bytes.
	src, start := b, hcl.InitialPos
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		src, start = src[3:], hcl.Pos{Line: 1, Column: 1, Byte: 3}
	}
	var hf *hcl.File
	if f.JSON {
		hf, f.Syntax = hcljson.ParseWithStartPos(src, rel, start)
	} else {
		hf, f.Syntax = hclsyntax.ParseConfig(src, rel, start)
	}
	if hf != nil && hf.Body != nil {
		f.Body = hf.Body
	} else if f.JSON {
		f.Body = hcl.EmptyBody()
	} else {
		f.Body = &hclsyntax.Body{}
	}
	return f
}

// nesting returns the maximum bracket depth of b (strings included: an over-estimate).
func nesting(b []byte) int {
	depth, max := 0, 0
	for _, c := range b {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > max {
				max = depth
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return max
}

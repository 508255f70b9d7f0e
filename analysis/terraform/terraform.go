// Package terraform loads a workspace of Terraform files and evaluates it into
// resource instances: variables and tfvars, locals, count/for_each, dynamic blocks,
// local and registry modules, references between resources, and the S3
// split-resource join. It never fails on bad input: syntax errors, skipped files and
// values it cannot know become diagnostics and unknown values.
//
// Conventions callers rely on:
//   - hcl.Range.Filename is the file's path relative to the workspace root (as File.Path).
//   - Attrs holds every argument except count, for_each, provider and depends_on;
//     nested blocks are lists of objects (a tuple when the elements differ in shape);
//     the lifecycle block is kept as "lifecycle" = [{...}]; provisioner and
//     connection blocks are dropped. References to attributes a block does not set
//     (id, arn, ...) are unknown.
//   - In .tf.json files every property is evaluated as an attribute: a nested block
//     written as a JSON object stays an object (there is no provider schema to tell).
//   - count/for_each with an unknown value gives one instance `<base>[*]` with Key
//     cty.DynamicVal and an "unknown-expansion" diagnostic; expansion stops at
//     10,000 instances ("expansion-limit").
//   - Unknown functions (and provider functions) return unknown values, with an
//     "unknown-function" info diagnostic at each call. file, fileexists, filebase64
//     and templatefile read only inside the workspace root (else unknown).
//   - Diagnostic codes: syntax, duplicate-declaration, unsupported-block (a
//     top-level block Terraform rejects, such as a misspelt `resouce`),
//     skipped-file, unresolved-module, unknown-expansion, expansion-limit,
//     unknown-function, module-cycle, internal (a recovered panic).
package terraform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// DefaultMaxFileSize is the size above which a file is skipped (Options.MaxFileSize 0).
const DefaultMaxFileSize = 10 << 20

// Options says what to load.
type Options struct {
	// Root is the absolute path of the workspace root.
	Root string
	// Overlays are editor buffers keyed by absolute path; they win over the disk and
	// may name files that do not exist on disk.
	Overlays map[string][]byte
	// Exclude holds globs relative to Root (path.Match on slash paths; "dir/**"
	// excludes a whole tree, a leading "**/" matches at any depth).
	Exclude []string
	// MaxFileSize is the size above which a file is skipped; 0 means 10 MB.
	MaxFileSize int64
	// Cache, when set, keeps parsed files across Loads so that an edit re-parses only
	// the files whose bytes changed. It is safe for concurrent use.
	Cache *Cache
	// Previous is an earlier Load of the same workspace (with the same Cache). A
	// root module none of whose inputs changed (the files of every module directory
	// it evaluated, its tfvars, its modules.json, the set of module directories) is
	// taken from it as is, same *model.Resource values included, instead of being
	// evaluated again: an edit re-evaluates only the roots it touches.
	Previous *Workspace
	// DiskUnchanged says that no file under Root changed on disk since Previous was
	// loaded (the caller watches the files). The walk, modules.json and disk files
	// are then taken from Previous without touching the disk; only overlays are
	// read. Without it, every Load walks and stats the workspace.
	DiskUnchanged bool

	// instanceLimit overrides maxTotalInstances (tests).
	instanceLimit int64
}

// File is one loaded Terraform or tfvars file. Files are immutable once loaded and
// may be shared between Workspaces through a Cache.
type File struct {
	// Path is relative to the workspace root with forward slashes; Abs is absolute.
	Path string
	Abs  string
	// Bytes is the content that was parsed (the overlay when there is one).
	Bytes []byte
	// Syntax holds the parser's diagnostics.
	Syntax hcl.Diagnostics
	// JSON is true for .tf.json and .tfvars.json files.
	JSON bool
	// Body is the parsed body (*hclsyntax.Body for native syntax); a partial body
	// when the file has syntax errors, never nil.
	Body hcl.Body
}

// Workspace is the evaluated workspace. It is immutable once Load returns.
type Workspace struct {
	Root  string
	Files map[string]*File
	// Resources holds every evaluated instance, sorted by (Root, Address).
	Resources []*model.Resource
	// Diagnostics are problems with the input, sorted by file and position.
	Diagnostics []model.Diagnostic

	byAddr    map[string]map[string]*model.Resource // root → address → resource
	roots     map[string]*rootState                 // root dir → what its evaluation read and produced
	relOnce   sync.Once
	relations map[string]relation // root → relations among its resources
	// reusedBlocks counts the blocks taken from Options.Previous within roots that
	// were evaluated again (nodeMemo).
	reusedBlocks int
	// disk is what this Load read from the disk (see Options.DiskUnchanged).
	disk *diskState
}

// ReusedBlocks returns how many blocks this Load took from the previous one inside
// root modules it evaluated again (blocks of roots reused whole are not counted).
func (w *Workspace) ReusedBlocks() int { return w.reusedBlocks }

// Cache keeps parsed files between Loads, keyed by absolute path and checked by content.
type Cache struct {
	mu    sync.Mutex
	files map[string]cacheEntry
	// mods keeps decoded module directories, valid while their files are the same
	// (pointer-equal) parsed files.
	mods map[string]*moduleConfig
	// decls keeps each file's decoded declarations (by absolute path), valid for
	// the very file they were decoded from.
	decls map[string]*moduleConfig
}

// cacheEntry is a parsed file; disk files also keep the size and modification time
// they were read with, so that an unchanged file is not even read again.
type cacheEntry struct {
	f        *File
	fromDisk bool
	size     int64
	mod      time.Time
}

// NewCache returns an empty parse cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cacheEntry{}, mods: map[string]*moduleConfig{}, decls: map[string]*moduleConfig{}}
}

func (c *Cache) module(dir string, files []*File) *moduleConfig {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.mods[dir]
	if m == nil || len(m.files) != len(files) {
		return nil
	}
	for i := range files {
		if m.files[i] != files[i] {
			return nil
		}
	}
	return m
}

// fileDecls returns the declarations of f, decoded once per parsed file.
func (c *Cache) fileDecls(f *File) *moduleConfig {
	if c == nil {
		return decodeFile(f)
	}
	c.mu.Lock()
	m := c.decls[f.Abs]
	c.mu.Unlock()
	if m != nil && len(m.files) == 1 && m.files[0] == f {
		return m
	}
	m = decodeFile(f)
	c.mu.Lock()
	c.decls[f.Abs] = m
	c.mu.Unlock()
	return m
}

func (c *Cache) putModule(m *moduleConfig) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.mods[m.dir] = m
	c.mu.Unlock()
}

func (c *Cache) get(abs string, b []byte) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.files[abs]
	if e.f != nil && string(e.f.Bytes) == string(b) {
		return e.f
	}
	return nil
}

// getStat returns the cached file read from disk with this size and time.
func (c *Cache) getStat(abs string, st os.FileInfo) *File {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.files[abs]
	if e.f != nil && e.fromDisk && e.size == st.Size() && e.mod.Equal(st.ModTime()) {
		return e.f
	}
	return nil
}

// put records a parsed file; st is the disk file's info, nil for an overlay.
func (c *Cache) put(f *File, st os.FileInfo) {
	if c == nil {
		return
	}
	e := cacheEntry{f: f}
	if st != nil {
		e.fromDisk, e.size, e.mod = true, st.Size(), st.ModTime()
	}
	c.mu.Lock()
	c.files[f.Abs] = e
	c.mu.Unlock()
}

// Load walks, parses and evaluates the workspace at opts.Root. It returns an error
// only when the root cannot be read or ctx is cancelled; everything else becomes a
// diagnostic.
func Load(ctx context.Context, opts Options) (*Workspace, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("terraform: workspace root %q: %w", opts.Root, err)
	}
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("terraform: workspace root: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("terraform: workspace root %s is not a directory", root)
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	opts.Root = root
	if len(opts.Overlays) > 0 {
		ov := make(map[string][]byte, len(opts.Overlays))
		for k, v := range opts.Overlays {
			ov[filepath.Clean(k)] = v
		}
		opts.Overlays = ov
	}
	l := &loader{opts: opts, ctx: ctx, files: map[string]*File{}, unknownFns: map[string]bool{}}
	if err := l.walkAndParse(); err != nil {
		return nil, err
	}
	ws := &Workspace{Root: root, Files: l.files, disk: l.disk}
	defer opts.Cache.retain(root, l.files)
	if err := l.evaluate(ws); err != nil {
		return nil, err
	}
	ws.Diagnostics = sortDiags(l.diags)
	ws.reusedBlocks = int(l.reusedBlocks.Load())
	// Each root's resources come sorted by address from its evaluation, and roots
	// are evaluated in path order: the concatenation is sorted by (Root, Address)
	// when the roots are. Checking that, rather than every resource, keeps an edit
	// from paying for the resources of the roots it did not touch.
	sorted := true
	ws.byAddr = map[string]map[string]*model.Resource{}
	prevRoot := ""
	ws.rootSegments(func(root string, rs []*model.Resource) {
		if root < prevRoot {
			sorted = false
		}
		prevRoot = root
		if st := ws.roots[root]; st != nil && st.byAddr != nil && len(st.out) == len(rs) {
			ws.byAddr[root] = st.byAddr // the same resources, indexed when evaluated
			return
		}
		ws.byAddr[root] = indexByAddress(rs)
	})
	if !sorted {
		less := func(i, j int) bool {
			a, b := ws.Resources[i], ws.Resources[j]
			if a.Root != b.Root {
				return a.Root < b.Root
			}
			return a.Address < b.Address
		}
		sort.SliceStable(ws.Resources, less)
		ws.byAddr = map[string]map[string]*model.Resource{}
		for _, r := range ws.Resources {
			if ws.byAddr[r.Root] == nil {
				ws.byAddr[r.Root] = map[string]*model.Resource{}
			}
			ws.byAddr[r.Root][r.Address] = r
		}
	}
	if prev := opts.Previous; prev != nil {
		// Relations never cross root modules: a root taken from the previous Load keeps
		// its relations. They are built now, so that this Workspace does not keep the
		// previous one alive.
		reused := map[string]bool{}
		for root, st := range ws.roots {
			if ps := prev.roots[root]; ps != nil && ps == st {
				reused[root] = true
			}
		}
		ws.relOnce.Do(func() { ws.buildRelationsReusing(prev, reused) })
	}
	return ws, nil
}

// indexByAddress maps the addresses of one root's resources to them.
func indexByAddress(rs []*model.Resource) map[string]*model.Resource {
	m := make(map[string]*model.Resource, len(rs))
	for _, r := range rs {
		m[r.Address] = r
	}
	return m
}

// Forget drops everything the cache holds for files under root (a workspace the
// caller no longer analyses).
func (c *Cache) Forget(root string) {
	c.retain(filepath.Clean(root), nil)
}

// retain drops what the cache holds for files under root that the Load of root
// just made did not use (files deleted, excluded, or of a workspace analysed
// before), so that a long-running server does not keep every file it ever read.
func (c *Cache) retain(root string, used map[string]*File) {
	if c == nil {
		return
	}
	keep := make(map[string]bool, len(used))
	for _, f := range used {
		keep[f.Abs] = true
	}
	prefix := root + string(filepath.Separator)
	under := func(abs string) bool { return abs == root || strings.HasPrefix(abs, prefix) }
	c.mu.Lock()
	defer c.mu.Unlock()
	for abs := range c.files {
		if under(abs) && !keep[abs] {
			delete(c.files, abs)
		}
	}
	for abs := range c.decls {
		if under(abs) && !keep[abs] {
			delete(c.decls, abs)
		}
	}
	for dir, m := range c.mods {
		for _, f := range m.files {
			if under(f.Abs) && !keep[f.Abs] {
				delete(c.mods, dir)
				break
			}
		}
	}
}

// Lookup returns the resource with this address in the root module at root ("."
// for the workspace root), or nil.
func (w *Workspace) Lookup(root, address string) *model.Resource {
	return w.byAddr[root][address]
}

func sortDiags(ds []model.Diagnostic) []model.Diagnostic {
	seen := map[string]bool{}
	out := ds[:0]
	for _, d := range ds {
		k := fmt.Sprintf("%s|%d|%d|%s|%s", d.File, d.Range.Start.Byte, d.Range.End.Byte, d.Code, d.Summary)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Range.Start.Byte != b.Range.Start.Byte {
			return a.Range.Start.Byte < b.Range.Start.Byte
		}
		return a.Summary < b.Summary
	})
	return out
}

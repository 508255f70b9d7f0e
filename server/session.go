package server

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// session holds the open documents and the workspaces of one connection.
type session struct {
	s *server

	mu         sync.Mutex
	docs       map[string]*document // by absolute path
	workspaces []*workspace         // longest root first
	started    bool
	closed     bool
}

// document is an open editor buffer.
type document struct {
	uri     string // as the client spelled it
	path    string
	version int32
	text    []byte // never mutated: every change makes a new slice
}

func newSession(s *server) *session {
	return &session{s: s, docs: map[string]*document{}}
}

// addFolder adds a workspace rooted at root (an absolute path). implicit marks a
// workspace made for a file outside every folder.
func (ss *session) addFolder(root string, implicit bool) *workspace {
	root = filepath.Clean(root)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, w := range ss.workspaces {
		if w.root == root {
			return w
		}
	}
	w := newWorkspace(ss, root)
	// Documents already open under the new root become its overlays.
	for p, d := range ss.docs {
		if !within(root, p) {
			continue
		}
		old := ss.ownerLocked(p)
		if old != nil && len(old.root) >= len(root) {
			continue
		}
		w.snap.overlays[p] = d.text
		w.snap.versions[p] = d.version
		w.snap.uris[p] = d.uri
		if old != nil {
			old.update(func(sn *snapshot) { delete(sn.overlays, p); delete(sn.versions, p) })
		}
	}
	ss.workspaces = append(ss.workspaces, w)
	sort.SliceStable(ss.workspaces, func(i, j int) bool { return len(ss.workspaces[i].root) > len(ss.workspaces[j].root) })
	if ss.started || implicit {
		w.start()
	}
	return w
}

// removeFolder stops the workspace at root and clears its diagnostics.
func (ss *session) removeFolder(root string) {
	root = filepath.Clean(root)
	ss.mu.Lock()
	var gone *workspace
	for i, w := range ss.workspaces {
		if w.root == root {
			gone = w
			ss.workspaces = append(ss.workspaces[:i], ss.workspaces[i+1:]...)
			break
		}
	}
	ss.mu.Unlock()
	if gone != nil {
		gone.stop()
		gone.clearDiagnostics()
		analysis.Forget(gone.root)
	}
}

// start begins analysing every workspace (after `initialized`).
func (ss *session) start() {
	ss.mu.Lock()
	ss.started = true
	ws := append([]*workspace(nil), ss.workspaces...)
	ss.mu.Unlock()
	for _, w := range ws {
		w.start()
	}
}

// close stops every workspace's analysis loop.
func (ss *session) close() {
	ss.mu.Lock()
	ss.closed = true
	ws := append([]*workspace(nil), ss.workspaces...)
	ss.mu.Unlock()
	for _, w := range ws {
		w.stop()
		analysis.Forget(w.root)
	}
}

func (ss *session) ownerLocked(path string) *workspace {
	for _, w := range ss.workspaces {
		if within(w.root, path) {
			return w
		}
	}
	return nil
}

// owner returns the workspace holding path, creating an implicit one rooted at the
// file's directory when no folder holds it.
func (ss *session) owner(path string) *workspace {
	ss.mu.Lock()
	w := ss.ownerLocked(path)
	closed := ss.closed
	ss.mu.Unlock()
	if w != nil || closed {
		return w
	}
	return ss.addFolder(filepath.Dir(path), true)
}

// find returns the workspace holding path without creating one.
func (ss *session) find(path string) *workspace {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.ownerLocked(path)
}

func (ss *session) all() []*workspace {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return append([]*workspace(nil), ss.workspaces...)
}

// open records a newly opened document.
func (ss *session) open(d *document) {
	ss.mu.Lock()
	ss.docs[d.path] = d
	ss.mu.Unlock()
	if w := ss.owner(d.path); w != nil {
		w.update(func(sn *snapshot) {
			sn.overlays[d.path] = d.text
			sn.versions[d.path] = d.version
			sn.uris[d.path] = d.uri
		})
	}
}

// doc returns the open document at path.
func (ss *session) doc(path string) *document {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.docs[path]
}

// closeDoc forgets an open document: the file on disk counts again.
func (ss *session) closeDoc(path string) {
	ss.mu.Lock()
	delete(ss.docs, path)
	ss.mu.Unlock()
	if w := ss.find(path); w != nil {
		w.update(func(sn *snapshot) {
			delete(sn.overlays, path)
			delete(sn.versions, path)
		})
	}
}

// touch records that files changed on disk.
func (ss *session) touch(paths []string) {
	seen := map[*workspace]bool{}
	for _, p := range paths {
		w := ss.find(p)
		if w == nil && strings.HasSuffix(p, ".hcl") {
			// A rule pack outside every folder may be used by any of them.
			for _, w := range ss.all() {
				if !seen[w] {
					seen[w] = true
					w.update(diskChanged)
				}
			}
			continue
		}
		if w != nil && !seen[w] {
			seen[w] = true
			w.update(diskChanged)
		}
	}
}

// snapshot is one immutable version of a workspace's inputs.
type snapshot struct {
	seq      uint64
	root     string
	overlays map[string][]byte // absolute path → contents of open buffers
	versions map[string]int32  // absolute path → document version
	uris     map[string]string // absolute path → URI as the client spelled it
	// diskSeq counts the changes on disk the client reported (and anything else
	// that calls for reading the disk again): an analysis whose previous one saw
	// the same diskSeq may take the disk's files from it (DiskUnchanged).
	diskSeq uint64
}

// diskChanged is a snapshot update for a change on disk.
func diskChanged(sn *snapshot) { sn.diskSeq++ }

func (sn *snapshot) clone() *snapshot {
	return &snapshot{
		seq:      sn.seq + 1,
		root:     sn.root,
		overlays: maps.Clone(sn.overlays),
		versions: maps.Clone(sn.versions),
		uris:     maps.Clone(sn.uris),
		diskSeq:  sn.diskSeq,
	}
}

// uri returns the URI of a file of the workspace (rel is relative to the root).
func (sn *snapshot) uri(rel string) string {
	abs := filepath.Join(sn.root, filepath.FromSlash(rel))
	if u, ok := sn.uris[abs]; ok {
		return u
	}
	return pathToURI(abs)
}

// rel returns the path of abs relative to the root, with forward slashes.
func (sn *snapshot) rel(abs string) string {
	r, err := filepath.Rel(sn.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// view is one analysed snapshot: the world every request reads.
type view struct {
	snap *snapshot
	res  *analysis.Result
	// minSeverity hides open findings below it; showUnknown publishes undecided
	// rules as hints; newIDs marks findings absent from the baseline (nil: none).
	minSeverity model.Severity
	showUnknown bool
	newIDs      map[string]bool
	// published are the diagnostics computed for this view, per file, for reuse by
	// the next view (set once, by publish, before the view is shared).
	published map[string]*fileDiagnostics

	mu      sync.Mutex
	mappers map[string]*mapper
}

// text returns the bytes of a file as analysed (falling back to the overlay or the
// disk for a file the analysis did not keep).
func (v *view) text(rel string) []byte {
	if b, ok := v.res.Files[rel]; ok {
		return b
	}
	abs := filepath.Join(v.snap.root, filepath.FromSlash(rel))
	if b, ok := v.snap.overlays[abs]; ok {
		return b
	}
	b, err := os.ReadFile(abs)
	if err != nil {
		return nil
	}
	return b
}

// mapper returns the position mapper of a file, built once per view.
func (v *view) mapper(rel string) *mapper {
	v.mu.Lock()
	defer v.mu.Unlock()
	if m, ok := v.mappers[rel]; ok {
		return m
	}
	if v.mappers == nil {
		v.mappers = map[string]*mapper{}
	}
	m := newMapper(v.text(rel))
	v.mappers[rel] = m
	return m
}

// workspace is one root folder: its latest snapshot, its latest analysed view, and
// the loop that analyses snapshots as they come.
type workspace struct {
	ss   *session
	root string

	mu        sync.Mutex
	snap      *snapshot     // latest inputs
	view      *view         // latest successful analysis
	attempted uint64        // seq of the latest finished analysis attempt
	lastErr   error         // error of that attempt, if any
	changed   chan struct{} // closed and replaced after each attempt
	published map[string]string
	unlocated map[string]bool // problems without a file already logged
	running   bool
	// fullPending is set when the latest result took its threat-model stage from
	// the previous analysis (analysis.Options.QuickGraph): a full analysis of the
	// same snapshot follows once the edits settle.
	fullPending bool
	// baseline caches the baseline file named in .tm-ls.hcl.
	baseline baselineCache

	kick   chan struct{} // a new snapshot exists
	urgent chan struct{} // a request waits: skip the debounce
	cancel context.CancelFunc
	done   chan struct{}
}

func newWorkspace(ss *session, root string) *workspace {
	return &workspace{
		ss:   ss,
		root: root,
		snap: &snapshot{seq: 1, root: root, overlays: map[string][]byte{}, versions: map[string]int32{},
			uris: map[string]string{}},
		changed:   make(chan struct{}),
		published: map[string]string{},
		kick:      make(chan struct{}, 1),
		urgent:    make(chan struct{}, 1),
	}
}

func timerFor(d time.Duration) *time.Timer { return time.NewTimer(d) }

// fullAnalysisDelay is how long the edits must pause before the full analysis that
// follows a quick answer (analysis.Options.QuickGraph) starts.
const fullAnalysisDelay = 400 * time.Millisecond

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// update makes a new snapshot by applying f to a clone of the latest one.
func (w *workspace) update(f func(*snapshot)) {
	w.mu.Lock()
	next := w.snap.clone()
	f(next)
	w.snap = next
	w.mu.Unlock()
	signal(w.kick)
}

func (w *workspace) latest() *snapshot {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.snap
}

func (w *workspace) start() {
	w.mu.Lock()
	if w.running {
		w.mu.Unlock()
		return
	}
	w.running = true
	ctx, cancel := context.WithCancel(w.ss.s.ctx)
	w.cancel = cancel
	w.done = make(chan struct{})
	w.mu.Unlock()
	signal(w.kick)
	go w.loop(ctx)
}

func (w *workspace) stop() {
	w.mu.Lock()
	cancel, done := w.cancel, w.done
	w.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

type outcome struct {
	res *analysis.Result
	err error
}

// loop analyses the latest snapshot whenever it changes: it waits for the debounce
// period after the last change (unless a request is waiting), runs the analysis,
// and cancels it as soon as a newer snapshot exists. Only complete analyses of a
// snapshot are published, so a partial result never overwrites a final one.
func (w *workspace) loop(ctx context.Context) {
	defer close(w.done)
	s := w.ss.s
	first := true
	var progress *progressReporter
	if s.supportsProgress() {
		progress = newProgressReporter(s, progressTokenPrefix+filepath.Base(w.root))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.kick:
		}
		delay := s.opts.Debounce
		w.mu.Lock()
		if w.fullPending && w.view != nil && w.view.snap == w.snap {
			// The follow-up full analysis of a quick answer waits for the typing to
			// pause, so that it does not compete with the next keystroke for the CPU.
			delay = max(delay, fullAnalysisDelay)
		}
		w.mu.Unlock()
	debounce:
		for d := delay; d > 0 && !first; {
			t := timerFor(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-w.kick:
				// Another edit: wait the normal debounce from now on.
				t.Stop()
				d = s.opts.Debounce
			case <-w.urgent:
				t.Stop()
				break debounce
			case <-t.C:
				break debounce
			}
		}
		snap := w.latest()
		// Reuse the previous analysis: unchanged root modules keep their outcomes,
		// and a keystroke gets a quick answer whose threat-model stage is the
		// previous one; the full analysis follows (fullPending).
		w.mu.Lock()
		var prev *analysis.Result
		if w.view != nil {
			prev = w.view.res
		}
		quick := prev != nil && !(w.fullPending && w.view.snap == snap)
		// A quick answer trusts the previous analysis for the files on disk unless
		// the client reported a change there; the full analysis that follows it
		// walks the disk again, so a change the client did not report (no file
		// watching) shows as soon as the typing pauses.
		diskUnchanged := quick && w.view.snap.diskSeq == snap.diskSeq
		w.mu.Unlock()
		if first && progress != nil {
			progress.begin(ctx, "Analysing "+filepath.Base(w.root))
		}
		actx, cancel := context.WithCancel(ctx)
		out := make(chan outcome, 1)
		go func() {
			o := outcome{}
			err := s.safely("analysis", func() (err error) {
				o.res, err = s.opts.Analyze(actx, analysis.Options{Root: snap.root, Overlays: snap.overlays, RuleDirs: s.settings().ruleDirs(snap.root, s.opts.RuleDirs), ShowUnknown: true,
					Previous: prev, QuickGraph: quick, DiskUnchanged: diskUnchanged})
				return err
			})
			if err != nil {
				o.err = err
			} else if o.res == nil {
				o.err = errors.New("analysis returned no result")
			}
			out <- o
		}()
		select {
		case <-ctx.Done():
			cancel()
			return
		case <-w.kick:
			// A newer snapshot: cancel this analysis and start over once it has
			// stopped, so that at most one analysis per workspace uses the CPU. A
			// follow-up full analysis (after a quick one) is abandoned without waiting:
			// the keystroke's quick answer must not queue behind it, and the cancelled
			// analysis stops on its own at its next check of the context.
			cancel()
			if !quick {
				signal(w.kick)
				continue
			}
			select {
			case <-out:
			case <-ctx.Done():
				return
			}
			signal(w.kick)
			continue
		case o := <-out:
			cancel()
			w.finish(snap, o)
			if first && progress != nil {
				progress.end(ctx, "Analysis complete")
			}
			first = false
		}
	}
}

// finish records the outcome of analysing snap and publishes its diagnostics.
func (w *workspace) finish(snap *snapshot, o outcome) {
	s := w.ss.s
	var v *view
	if o.err != nil {
		s.log.Warn("analysis failed", zap.String("root", w.root), zap.Error(o.err))
	} else {
		set := s.settings()
		v = &view{snap: snap, res: o.res, minSeverity: set.minSeverity(), showUnknown: set.ShowUnknown, newIDs: w.newFindings(o.res)}
		if err := s.safely("publishDiagnostics", func() error { w.publish(v); return nil }); err != nil {
			s.log.Error("publishing diagnostics failed", zap.Error(err))
		}
	}
	w.mu.Lock()
	if v != nil {
		w.view = v
		w.fullPending = o.res.Partial
	}
	w.attempted = snap.seq
	w.lastErr = o.err
	close(w.changed)
	w.changed = make(chan struct{})
	pending := w.fullPending
	w.mu.Unlock()
	if pending {
		signal(w.kick) // the full analysis of this snapshot, after the debounce
	}
}

// current returns the view of the latest snapshot, waiting for its analysis (and
// cutting the debounce short) if needed. If the latest analysis failed, the
// previous view is returned with no error when there is one.
func (w *workspace) current(ctx context.Context) (*view, error) {
	for {
		w.mu.Lock()
		want := w.snap.seq
		v, attempted, lastErr, ch, running := w.view, w.attempted, w.lastErr, w.changed, w.running
		w.mu.Unlock()
		if !running {
			w.start()
		}
		if attempted >= want {
			if v == nil {
				if lastErr == nil {
					lastErr = errors.New("no analysis yet")
				}
				return nil, fmt.Errorf("analysing %s: %w", w.root, lastErr)
			}
			return v, nil
		}
		signal(w.urgent)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-ch:
		}
	}
}

// viewFor returns the current view of the workspace holding the file at uri, and
// the file's path relative to its root.
func (s *server) viewFor(ctx context.Context, uri string) (*view, string, error) {
	path, err := uriToPath(uri)
	if err != nil {
		return nil, "", errInvalidParams(err.Error())
	}
	// Only folders and the implicit workspaces of open documents are analysed: a
	// request naming any other file must not start an analysis of its directory.
	w := s.sess.find(path)
	if w == nil {
		return nil, "", errInvalidParams(fmt.Sprintf("%s is neither open nor in a workspace folder", uri))
	}
	v, err := w.current(ctx)
	if err != nil {
		return nil, "", err
	}
	return v, v.snap.rel(path), nil
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	if path == root {
		return true
	}
	r := root
	if !strings.HasSuffix(r, string(filepath.Separator)) {
		r += string(filepath.Separator)
	}
	return strings.HasPrefix(path, r)
}

// uriToPath converts a file: URI to a clean absolute path.
func uriToPath(u string) (string, error) {
	parsed, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("parsing URI %q: %w", u, err)
	}
	if parsed.Scheme != "file" {
		return "", fmt.Errorf("unsupported URI scheme %q in %q", parsed.Scheme, u)
	}
	p := parsed.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // /C:/...
		p = p[1:]
	}
	if p == "" {
		return "", fmt.Errorf("URI %q has no path", u)
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

// pathToURI converts an absolute path to a file: URI.
func pathToURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

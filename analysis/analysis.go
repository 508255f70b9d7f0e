// Package analysis turns a workspace (files on disk plus open editor buffers) into
// findings: it loads and evaluates the Terraform, runs the rules, applies
// suppressions, config and risk, and offers fixes. It knows nothing of LSP; the CLI
// and the language server are both thin consumers of an Analyzer.
package analysis

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tm-ls/tm-ls/analysis/config"
	"github.com/tm-ls/tm-ls/analysis/graph"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/suppress"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	"github.com/tm-ls/tm-ls/rules"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

// Options says what to analyse.
type Options struct {
	// Root is the absolute path of the workspace root.
	Root string
	// Overlays are open editor buffers keyed by absolute path; they take precedence
	// over the files on disk (and may name files that do not exist on disk yet).
	Overlays map[string][]byte
	// RuleDirs are extra rule pack directories (in addition to the config's).
	RuleDirs []string
	// ShowUnknown keeps the list of rules that could not be decided.
	ShowUnknown bool
	// Now is the date suppressions and acceptances are judged against (zero: today).
	Now time.Time
	// Previous is the last analysis of the same workspace, if any. Its work is reused
	// where the input did not change (the language server passes it on every edit);
	// the result is the same as a cold analysis.
	Previous *Result
	// QuickGraph takes the threat-model stage (graph, graph findings, attack paths)
	// from Previous instead of recomputing it, when Previous has one and no *.tm.hcl
	// file is among the overlays' changes. It is the fast first answer to a keystroke
	// in a Terraform file: resource findings are exact, graph findings are those of
	// the previous analysis until a full analysis follows (the language server runs
	// one right after). The result says so in Partial.
	QuickGraph bool
	// DiskUnchanged says that no file under Root changed on disk since Previous was
	// analysed (the caller watches the files): the Terraform files on disk are
	// then taken from Previous without walking or stat-ing the workspace; open
	// buffers (Overlays) are read as always.
	DiskUnchanged bool
}

// Edit is one text replacement in one file: the bytes [Start, End) of File (a path
// relative to the workspace root) are replaced by NewText.
type Edit = rules.Edit

// Result is the outcome of one analysis: an immutable value that callers may share.
type Result struct {
	Root        string
	Findings    []*model.Finding
	Undecided   []model.Undecided
	Diagnostics []model.Diagnostic
	// Rules is the catalogue in force, sorted by ID.
	Rules []*model.RuleMeta
	// Files maps each analysed file (relative path) to the bytes analysed.
	Files map[string][]byte
	// Resources are every evaluated resource instance, sorted.
	Resources []*model.Resource
	// Config is the workspace configuration that applied.
	Config *config.Config
	// RuleStats is the evaluation cost of each rule in this analysis, slowest first.
	RuleStats []rules.RuleStat
	// Graph is the architecture model: components, trust boundaries, flows, data
	// assets, controls and acceptances, inferred from the Terraform and declared in
	// *.tm.hcl files. DSL is the parsed threat-model files.
	Graph *model.Graph
	DSL   *tmdsl.Workspace
	// AttackPaths are the paths from untrusted actors to sensitive data, ranked.
	AttackPaths []*model.AttackPath

	ws      *terraform.Workspace
	catalog *rules.Catalog
	// idx maps finding IDs to findings and resources, built on first use (index),
	// not on every edit.
	idx *findingIndex
	// passed lists the passed checks, made on first use (Passed).
	passed *passedChecks
	// perRes holds the rule outcomes per root module and resource, for reuse by the
	// next analysis.
	perRes map[string]map[*model.Resource]*rootOut
	// graphFindings are the findings of the threat-model stage (no resource's).
	graphFindings []*model.Finding
	// owned are the resource findings this analysis made (fresh, or copied from
	// the previous result to be decided anew); the others are shared with the
	// previous result as they are (their decisions could not change), and the
	// decision stages must not write to them.
	owned map[*model.Finding]bool
	// now is the time decisions were made at (suppression and acceptance dates).
	now time.Time
	// reusedResources counts the resources whose outcomes came from Previous.
	reusedResources int
	// reusedRoots counts the root modules whose outcomes came from Previous.
	reusedRoots int
	// suppressions are the suppression comments of each file, reused by the next
	// analysis for files whose bytes did not change.
	suppressions map[string][]suppress.Suppression
	// graphDiags are the diagnostics of the threat-model stage (DSL, drift, graph
	// rules), kept for Options.QuickGraph.
	graphDiags []model.Diagnostic
	// Partial is true when the threat-model stage was taken from the previous
	// analysis (Options.QuickGraph): a full analysis should follow.
	Partial bool
	// gcat and inferred are the graph catalogue and Terraform inference used, kept
	// for fixes and for reuse by the next analysis.
	gcat     *graphrules.Catalog
	inferred *graph.Inferred
}

// rootOut is what the rules concluded on one resource.
type rootOut struct {
	findings  []*model.Finding
	passed    []Check
	undecided []model.Undecided
	diags     []model.Diagnostic
}

// ReusedRoots reports how many root modules were taken from the previous analysis
// unchanged (for tests and logs).
func (res *Result) ReusedRoots() int { return res.reusedRoots }

// Check names one rule evaluated on one resource.
type Check struct {
	RuleID   string
	Resource string
}

// Analyzer holds what survives between analyses: the compiled built-in catalogue and
// the parse cache. One Analyzer serves many Analyze calls, concurrently.
type Analyzer struct {
	builtin     *rules.Catalog
	builtinDiag []model.Diagnostic
	cache       *terraform.Cache
	// catalogs keeps the catalogue built for each configuration, so that analyses
	// under the same config and rule packs share one (and can reuse each other's work).
	catalogs sync.Map // catalogKey → *catalogEntry
	// graphBuiltin is the compiled built-in graph-rule catalogue; graphCache keeps
	// graph rule outcomes between analyses.
	graphBuiltin *graphrules.Catalog
	graphCache   *graph.Cache
}

// NewAnalyzer compiles the built-in catalogue. It fails only if the embedded
// catalogue cannot be read at all.
func NewAnalyzer() (*Analyzer, error) {
	cat, diags, err := rules.LoadBuiltin()
	if err != nil {
		return nil, fmt.Errorf("loading the built-in rule catalogue: %w", err)
	}
	gcat, gdiags := graphrules.Builtin()
	diags = append(diags, gdiags...)
	return &Analyzer{builtin: cat, builtinDiag: diags, cache: terraform.NewCache(), graphBuiltin: gcat, graphCache: graph.NewCache()}, nil
}

var defaultAnalyzer = sync.OnceValues(NewAnalyzer)

// Forget drops what the Analyzer keeps between analyses (parsed files, decoded
// modules) for the workspace at root: a language server calls it when a workspace
// folder is removed or the session ends, so that the memory goes with it.
func (a *Analyzer) Forget(root string) {
	if abs, err := filepath.Abs(root); err == nil {
		a.cache.Forget(abs)
	}
}

// Forget is Analyzer.Forget on the process-wide Analyzer of Analyze.
func Forget(root string) {
	if a, err := defaultAnalyzer(); err == nil {
		a.Forget(root)
	}
}

// Analyze runs a full analysis with a process-wide Analyzer (the compiled built-in
// catalogue is immutable, so sharing it is safe).
func Analyze(ctx context.Context, opts Options) (*Result, error) {
	a, err := defaultAnalyzer()
	if err != nil {
		return nil, err
	}
	return a.Analyze(ctx, opts)
}

// Analyze runs a full analysis. It returns an error only when the workspace cannot
// be read at all or ctx is cancelled; every problem with the input is a Diagnostic.
func (a *Analyzer) Analyze(ctx context.Context, opts Options) (*Result, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("workspace root %q: %w", opts.Root, err)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	res := &Result{Root: root, idx: &findingIndex{}, passed: &passedChecks{}}
	res.Diagnostics = append(res.Diagnostics, a.builtinDiag...)

	cfg, cdiags := loadConfig(root, opts.Overlays)
	res.Config = cfg
	res.Diagnostics = append(res.Diagnostics, cdiags...)

	cat, catDiags := a.catalog(cfg, opts.RuleDirs)
	res.Diagnostics = append(res.Diagnostics, catDiags...)
	res.catalog = cat
	for _, r := range cat.Rules() {
		m := r.Meta
		res.Rules = append(res.Rules, &m)
	}
	metas := map[string]*model.RuleMeta{}
	for _, m := range res.Rules {
		metas[m.ID] = m
	}

	var prevWS *terraform.Workspace
	if opts.Previous != nil {
		prevWS = opts.Previous.ws
	}
	ws, err := terraform.Load(ctx, terraform.Options{Root: root, Overlays: opts.Overlays, Exclude: cfg.Exclude, Cache: a.cache, Previous: prevWS,
		DiskUnchanged: opts.DiskUnchanged && prevWS != nil})
	if err != nil {
		return nil, fmt.Errorf("loading workspace %s: %w", root, err)
	}
	res.ws = ws
	res.Resources = ws.Resources
	res.Files = map[string][]byte{}
	for rel, f := range ws.Files {
		res.Files[rel] = f.Bytes
	}
	res.Diagnostics = append(res.Diagnostics, ws.Diagnostics...)

	// A root module whose resources are the very same values as in the previous
	// analysis (the loader reuses a root none of whose files changed), judged by the
	// same catalogue, keeps its rule outcomes: an edit re-evaluates only its root.
	// Rule outcomes are kept per resource. A resource whose inputs are the same as in
	// the previous analysis (judged by the same catalogue) keeps its outcomes: the
	// very same value when the loader reused its root, else equal attributes in the
	// same file bytes with equal neighbours. Only the others are evaluated.
	prev := opts.Previous
	reused := reusableRoots(prev, ws, cat)
	carried := make([]*rootOut, len(ws.Resources)) // by index in ws.Resources
	var todo []*model.Resource
	for i, r := range ws.Resources {
		if po := prev.outcomesOf(r, res, ws, cat, reused); po != nil {
			carried[i] = po
			res.reusedResources++
			continue
		}
		todo = append(todo, r)
	}
	results, stats, err := evaluateAll(ctx, cat, ws, todo)
	if err != nil {
		return nil, err
	}
	res.perRes = map[string]map[*model.Resource]*rootOut{}
	fresh := map[*model.Resource]*rootOut{}
	out := func(r *model.Resource) *rootOut {
		o := fresh[r]
		if o == nil {
			o = &rootOut{}
			fresh[r] = o
		}
		return o
	}
	for _, r := range todo {
		out(r) // an entry even without outcomes: the next analysis reuses "nothing applies"
	}
	var freshFindings []*model.Finding
	freshIDs := map[string]bool{}
	res.owned = map[*model.Finding]bool{}
	for _, r := range results {
		o := out(r.Resource)
		switch r.Outcome {
		case rules.Open:
			f := a.finding(ctx, res, ws, cat, metas[r.Rule.Meta.ID], r)
			if freshIDs[f.ID] {
				continue
			}
			freshIDs[f.ID] = true
			res.owned[f] = true
			o.findings = append(o.findings, f)
			freshFindings = append(freshFindings, f)
		case rules.Pass:
			o.passed = append(o.passed, Check{RuleID: r.Rule.Meta.ID, Resource: r.Resource.Address})
		case rules.Undecided:
			file, rng := locate(ws, r.Resource, r.Rule.Location)
			o.undecided = append(o.undecided, model.Undecided{RuleID: r.Rule.Meta.ID, Resource: r.Resource.Address, File: file, Range: rng, Reason: r.Reason})
		case rules.Failed:
			o.diags = append(o.diags, model.Diagnostic{
				Severity: model.SeverityMedium, File: r.Resource.File, Range: r.Resource.DeclRange, Code: "rule-error",
				Summary: fmt.Sprintf("rule %s failed on %s: %s", r.Rule.Meta.ID, r.Resource.Address, r.Reason),
				Detail:  "The rule could not be evaluated; it raised no finding here. Rule source: " + r.Rule.Meta.Source,
			})
		}
	}
	markFixable(ctx, res, prev, ws, cat, fresh)
	// Carried findings are values of the previous result: each is copied and its
	// decisions (suppressions, controls, acceptances) are made anew below, unless
	// they cannot come out differently (sharedDecisions): then the previous
	// finding itself is shared, and the decision stages leave it alone.
	share := sharedDecisions(res, prev, opts, now)
	// Sized once: appending ~11k findings by doubling would allocate twice that.
	nf, nu := 0, 0
	for i, r := range ws.Resources {
		o := carried[i]
		if o == nil {
			o = fresh[r]
		}
		if o != nil {
			nf += len(o.findings)
			nu += len(o.undecided)
		}
	}
	if prev != nil {
		nf += len(prev.graphFindings)
	}
	res.Findings = make([]*model.Finding, 0, nf)
	if opts.ShowUnknown {
		res.Undecided = make([]model.Undecided, 0, nu)
	}
	failed := map[string]bool{}
	ws.RootSegments(func(root string, rs []*model.Resource, first int) {
		same := reused[root] // every outcome of the root is the previous one, as is
		m := make(map[*model.Resource]*rootOut, len(rs))
		for i, r := range rs {
			o := fresh[r]
			if po := carried[first+i]; po != nil {
				o = po
				if copied := carryFindings(res, r, po, share, reused[root]); copied != nil {
					o = &rootOut{passed: po.passed, undecided: po.undecided, diags: po.diags, findings: copied}
					same = false
				}
			} else {
				same = false
			}
			m[r] = o
			res.Findings = append(res.Findings, o.findings...)
			if opts.ShowUnknown {
				res.Undecided = append(res.Undecided, o.undecided...)
			}
			for _, d := range o.diags {
				// One report per failing rule: the first resource it failed on.
				if id := strings.Fields(d.Summary); len(id) > 1 && !failed[id[1]] {
					failed[id[1]] = true
					res.Diagnostics = append(res.Diagnostics, d)
				}
			}
		}
		if same && prev.perRes[root] != nil {
			m = prev.perRes[root] // the very same outcomes: share the index too
		}
		res.perRes[root] = m
	})
	res.now = now
	res.reusedRoots = len(reused)
	res.RuleStats = stats
	res.Diagnostics = append(res.Diagnostics, applySuppressions(res, opts.Previous, ws, metas, now)...)
	if quickGraph(opts) {
		a.reuseThreatModel(res, opts.Previous, now)
	} else {
		a.threatModel(ctx, res, opts, cfg, now)
	}
	sortResult(res)
	return res, nil
}

func loadConfig(root string, overlays map[string][]byte) (*config.Config, []model.Diagnostic) {
	if src, ok := overlays[filepath.Join(root, config.FileName)]; ok {
		return config.Parse(config.FileName, src, root)
	}
	return config.Load(root)
}

// finding builds the Finding for an open rule result.
func (a *Analyzer) finding(ctx context.Context, res *Result, ws *terraform.Workspace, cat *rules.Catalog, meta *model.RuleMeta, r rules.Result) *model.Finding {
	file, rng := locate(ws, r.Resource, refineLocation(ctx, cat, ws, r.Rule, r.Resource, r.Rule.Location))
	f := &model.Finding{
		ID:           FindingID(meta.ID, r.Resource),
		RuleID:       meta.ID,
		Rule:         meta,
		Resource:     r.Resource.Address,
		ResourceType: r.Resource.Type,
		Severity:     meta.Severity,
		File:         file,
		Range:        rng,
		Status:       model.Open,
		Likelihood:   meta.Likelihood,
		Impact:       meta.Impact,
		Inherent:     InherentRisk(meta.Likelihood, meta.Impact),
	}
	f.Residual = ResidualRisk(f.Inherent)
	f.Message = r.Rule.Message
	if f.Message == "" {
		f.Message = meta.Title
	}
	f.Message = fmt.Sprintf("%s (%s)", f.Message, r.Resource.Address)
	if file != r.Resource.File || rng != r.Resource.DeclRange {
		f.Related = append(f.Related, model.Related{Message: "resource " + r.Resource.Address, File: r.Resource.File, Range: r.Resource.DeclRange})
	}
	seen := map[string]bool{r.Resource.Address: true}
	for _, rel := range r.Related {
		if seen[rel.Address] {
			continue
		}
		seen[rel.Address] = true
		f.Related = append(f.Related, model.Related{Message: "related: " + rel.Address, File: rel.File, Range: rel.DeclRange})
	}
	for _, call := range r.Resource.ModuleCalls {
		f.Related = append(f.Related, model.Related{
			Message: fmt.Sprintf("in module call %q (source %s)", call.Name+call.Key, call.Source),
			File:    call.Range.Filename, Range: call.Range,
		})
	}
	return f
}

// FindingID is the stable identity of a finding: RULE-ID@address, with the root
// module's directory in front when it is not the workspace root.
func FindingID(ruleID string, r *model.Resource) string {
	if r.Root == "" || r.Root == "." {
		return ruleID + "@" + r.Address
	}
	return ruleID + "@" + r.Root + ":" + r.Address
}

// locate finds where a finding on r belongs: the attribute at path (or its nearest
// existing ancestor), else the block header. The file can be another resource's when
// the attribute was joined in from a split resource.
func locate(ws *terraform.Workspace, r *model.Resource, path string) (string, hcl.Range) {
	path = withIndexes(r.Paths, path)
	for p := path; p != ""; p = parent(p) {
		loc, ok := r.Paths[p]
		if !ok {
			continue
		}
		rng := loc.Range
		if loc.Block {
			rng = loc.Value
		}
		file := r.File
		if loc.Owner != "" && loc.Owner != r.Address {
			if o := ws.Lookup(r.Root, loc.Owner); o != nil {
				file = o.File
			}
		}
		return file, rng
	}
	return r.File, r.DeclRange
}

// withIndexes fills in the block indexes a rule's location leaves out:
// "metadata_options.http_tokens" becomes "metadata_options.0.http_tokens" when the
// resource has a metadata_options block (the first one, lacking a better choice;
// refineLocation picks the offending element for open findings first).
func withIndexes(paths map[string]model.Loc, p string) string {
	if _, ok := paths[p]; ok || p == "" {
		return p
	}
	segs := strings.Split(p, ".")
	cur := ""
	for i, seg := range segs {
		if cur != "" {
			cur += "."
		}
		cur += seg
		if i < len(segs)-1 {
			if _, isNum := strconvAtoi(segs[i+1]); !isNum {
				if _, ok := paths[cur+".0"]; ok {
					cur += ".0"
				}
			}
		}
	}
	return cur
}

func strconvAtoi(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func parent(p string) string {
	i := strings.LastIndexByte(p, '.')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// source reads a file of the analysis as analysed (for fixes).
func (res *Result) source(file string) ([]byte, bool) {
	b, ok := res.Files[filepath.ToSlash(file)]
	return b, ok
}

// findingIndex maps a finding ID to the finding and to the resource it was found
// on (none for threat-model findings).
type findingIndex struct {
	once         sync.Once
	byID         map[string]*model.Finding
	resourceByID map[string]*model.Resource
}

// index returns the finding index, building it once, when first needed (after
// Analyze has returned: the result is complete then).
func (res *Result) index() *findingIndex {
	ix := res.idx
	if ix == nil {
		ix = &findingIndex{} // a Result not made by Analyze: index it every time
	}
	ix.once.Do(func() {
		ix.byID = make(map[string]*model.Finding, len(res.Findings))
		ix.resourceByID = make(map[string]*model.Resource, len(res.Findings))
		for _, f := range res.Findings {
			ix.byID[f.ID] = f
		}
		for _, m := range res.perRes {
			for r, o := range m {
				for _, f := range o.findings {
					if ix.byID[f.ID] == f {
						ix.resourceByID[f.ID] = r
					}
				}
			}
		}
	})
	return ix
}

// passedChecks are the checks that passed, gathered once from the per-resource
// outcomes when first asked for (a compliance report), not on every edit.
type passedChecks struct {
	once   sync.Once
	checks []Check
}

// Passed lists every (rule, resource) check that ran and found the resource
// configured correctly, in resource order: the evidence side of a compliance report.
func (res *Result) Passed() []Check {
	pc := res.passed
	if pc == nil {
		pc = &passedChecks{} // a Result not made by Analyze
	}
	pc.once.Do(func() {
		if res.ws == nil {
			return
		}
		for _, r := range res.ws.Resources {
			if o := res.perRes[r.Root][r]; o != nil {
				pc.checks = append(pc.checks, o.passed...)
			}
		}
	})
	return pc.checks
}

// WithFindings returns a copy of the result holding only these findings (a subset
// of its own, e.g. those absent from a baseline).
func (res *Result) WithFindings(fs []*model.Finding) *Result {
	cp := *res
	cp.Findings = fs
	cp.idx = &findingIndex{}
	return &cp
}

// Finding returns the finding with the given ID, or nil.
func (res *Result) Finding(id string) *model.Finding {
	return res.index().byID[id]
}

// Fix computes the rule's fix for a finding as text edits against the analysed
// bytes. It returns an error when the finding is unknown or has no fix.
func (res *Result) Fix(findingID string) (string, []Edit, error) {
	ix := res.index()
	f := ix.byID[findingID]
	if f == nil {
		return "", nil, fmt.Errorf("no finding %q in this analysis", findingID)
	}
	if title, edits, ok := res.graphFix(f); ok {
		return title, edits, nil
	}
	if res.Partial && ix.resourceByID[f.ID] == nil {
		return "", nil, fmt.Errorf("the threat model of %s is still being analysed; try again in a moment", f.ID)
	}
	rule := res.catalog.Rule(f.RuleID)
	if rule == nil {
		return "", nil, fmt.Errorf("rule %s is not in the catalogue", f.RuleID)
	}
	r := res.resource(f)
	if r == nil {
		return "", nil, fmt.Errorf("resource %s of finding %s not found", f.Resource, findingID)
	}
	fix, err := rule.Fix(r, res.ws, res.source)
	if err != nil {
		return "", nil, fmt.Errorf("fix for %s: %w", findingID, err)
	}
	if fix == nil || len(fix.Edits) == 0 {
		return "", nil, fmt.Errorf("rule %s has no fix that applies to %s", f.RuleID, f.Resource)
	}
	return fix.Title, fix.Edits, nil
}

func (res *Result) resource(f *model.Finding) *model.Resource {
	return res.index().resourceByID[f.ID]
}

func sortResult(res *Result) {
	slices.SortStableFunc(res.Findings, func(a, b *model.Finding) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Range.Start.Byte, b.Range.Start.Byte); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	slices.SortStableFunc(res.Undecided, func(a, b model.Undecided) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Range.Start.Byte, b.Range.Start.Byte); c != 0 {
			return c
		}
		return strings.Compare(a.RuleID+a.Resource, b.RuleID+b.Resource)
	})
	slices.SortStableFunc(res.Diagnostics, func(a, b model.Diagnostic) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Range.Start.Byte, b.Range.Start.Byte)
	})
}

// RuleCatalog returns the metadata of the built-in rules plus those of the given
// rule packs, sorted by ID, with any problems found in the packs.
func RuleCatalog(dirs []string) ([]*model.RuleMeta, []model.Diagnostic, error) {
	a, err := defaultAnalyzer()
	if err != nil {
		return nil, nil, err
	}
	cat := a.builtin
	diags := append([]model.Diagnostic{}, a.builtinDiag...)
	for _, dir := range dirs {
		extra, rdiags := rules.LoadDir(dir)
		diags = append(diags, rdiags...)
		var wdiags []model.Diagnostic
		cat, wdiags = cat.With(extra)
		diags = append(diags, wdiags...)
	}
	var out []*model.RuleMeta
	for _, r := range cat.Rules() {
		m := r.Meta
		out = append(out, &m)
	}
	for _, r := range a.graphBuiltin.Rules() {
		m := r.Meta
		if m.Provider == "" {
			m.Provider = "graph"
		}
		out = append(out, &m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, diags, nil
}

// Syntax returns the native-syntax tree the loader parsed for a file (relative
// path), nil for JSON files and files the analysis did not read. Consumers that need
// the block structure (document symbols) use it instead of parsing again.
func (res *Result) Syntax(file string) *hclsyntax.Body {
	if res.ws == nil {
		return nil
	}
	f := res.ws.Files[file]
	if f == nil || f.JSON {
		return nil
	}
	body, _ := f.Body.(*hclsyntax.Body)
	return body
}

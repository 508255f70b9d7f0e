package sync

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/workitems"
)

// Remote is a tm-ls work item as found in a tracker.
type Remote struct {
	// ID is the tracker's identifier: a Jira issue key, an ADO work item id, a
	// ServiceNow sys_id.
	ID string
	// Key is the finding key the item carries (workitems.Key, or for ServiceNow the
	// correlation_id); "" when the item carries none and is therefore left alone.
	Key string
	// Fingerprint summarises the fields tm-ls sets, to tell whether an update is due.
	Fingerprint string
}

// Tracker is one issue tracker's REST API.
type Tracker interface {
	// Name is "jira", "ado" or "servicenow".
	Name() string
	// Search lists the open tm-ls items.
	Search(ctx context.Context) ([]Remote, error)
	// Key and Fingerprint compute, for an item, what Search reports for its remote
	// counterpart once it is up to date.
	Key(it workitems.Item) string
	Fingerprint(it workitems.Item) string
	// Create creates the item and returns its ID; Update rewrites the fields tm-ls
	// owns; Close moves the item to the tracker's closed state.
	Create(ctx context.Context, it workitems.Item) (string, error)
	Update(ctx context.Context, id string, it workitems.Item) error
	Close(ctx context.Context, id string) error
}

// Action is what a plan does with one item.
type Action int

const (
	// Keep leaves an up-to-date item alone.
	Keep Action = iota
	// Create makes an item for a new finding.
	Create
	// Update rewrites an item whose finding changed (title, severity, labels).
	Update
	// Close closes an item whose finding is fixed (no longer open).
	Close
)

func (a Action) String() string {
	return [...]string{"keep", "create", "update", "close"}[a]
}

// Step is one action of a plan.
type Step struct {
	Action Action
	// Item is the finding's work item (nil for Close); Remote is the tracker's item
	// (zero for Create).
	Item   *workitems.Item
	Remote Remote
}

// Label is what the step is about: the finding ID, or the remote key for a close.
func (s Step) Label() string {
	if s.Item != nil {
		return s.Item.FindingID
	}
	return s.Remote.Key
}

// Plan is the set of steps that brings a tracker in line with the findings.
type Plan struct {
	Tracker string
	Steps   []Step
}

// Count returns how many steps take the action.
func (p Plan) Count(a Action) int {
	n := 0
	for _, s := range p.Steps {
		if s.Action == a {
			n++
		}
	}
	return n
}

// MakePlan compares the items with the tracker's open tm-ls items: an item without a
// remote is created, one whose fingerprint differs is updated, one that matches is
// kept, and a remote whose key no item has is closed. Remotes without a key are not
// tm-ls's to close; a second remote with the same key is left alone.
func MakePlan(t Tracker, items []workitems.Item, remotes []Remote) Plan {
	byKey := map[string]Remote{}
	sorted := append([]Remote(nil), remotes...)
	sort.SliceStable(sorted, func(i, j int) bool { return lessID(sorted[i].ID, sorted[j].ID) })
	for _, r := range sorted {
		if r.Key == "" {
			continue
		}
		if _, dup := byKey[r.Key]; !dup {
			byKey[r.Key] = r
		}
	}
	p := Plan{Tracker: t.Name()}
	wanted := map[string]bool{}
	for i := range items {
		it := &items[i]
		k := t.Key(*it)
		wanted[k] = true
		r, ok := byKey[k]
		switch {
		case !ok:
			p.Steps = append(p.Steps, Step{Action: Create, Item: it})
		case r.Fingerprint != t.Fingerprint(*it):
			p.Steps = append(p.Steps, Step{Action: Update, Item: it, Remote: r})
		default:
			p.Steps = append(p.Steps, Step{Action: Keep, Item: it, Remote: r})
		}
	}
	for _, r := range sorted {
		if r.Key == "" || wanted[r.Key] || byKey[r.Key].ID != r.ID {
			continue
		}
		p.Steps = append(p.Steps, Step{Action: Close, Remote: r})
	}
	return p
}

// lessID orders tracker IDs numerically where they end in numbers (SEC-9 < SEC-10).
func lessID(a, b string) bool {
	na, nb := trailingNum(a), trailingNum(b)
	pa, pb := strings.TrimSuffix(a, na), strings.TrimSuffix(b, nb)
	if pa != pb || na == "" || nb == "" {
		return a < b
	}
	if len(na) != len(nb) {
		return len(na) < len(nb)
	}
	return na < nb
}

func trailingNum(s string) string {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	return s[i:]
}

// WriteText prints the plan, one line per step that changes something, and a summary.
func (p Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d to create, %d to update, %d to close, %d unchanged\n",
		p.Tracker, p.Count(Create), p.Count(Update), p.Count(Close), p.Count(Keep))
	for _, s := range p.Steps {
		switch s.Action {
		case Create:
			fmt.Fprintf(&b, "  create  %s  %s\n", s.Item.FindingID, s.Item.Title)
		case Update:
			fmt.Fprintf(&b, "  update  %s  %s\n", s.Remote.ID, s.Item.FindingID)
		case Close:
			fmt.Fprintf(&b, "  close   %s  %s (finding no longer open)\n", s.Remote.ID, s.Remote.Key)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Done is one step that was carried out.
type Done struct {
	Action Action
	Label  string
	// ID is the tracker's item ID (the new one for a create).
	ID string
}

// Report is what Apply did. On failure, Done lists what was synced before it, Failed
// the step that failed and Pending how many steps were not attempted.
type Report struct {
	Tracker   string
	Done      []Done
	Unchanged int
	Failed    *Step
	Err       error
	Pending   int
}

// Count returns how many steps of the action were carried out.
func (r Report) Count(a Action) int {
	n := 0
	for _, d := range r.Done {
		if d.Action == a {
			n++
		}
	}
	return n
}

// Apply carries out the plan in order and stops at the first failure: the report
// says what was synced, and a re-run finds the items created so far by their key.
func Apply(ctx context.Context, t Tracker, p Plan) Report {
	rep := Report{Tracker: t.Name()}
	for i, s := range p.Steps {
		var id string
		var err error
		switch s.Action {
		case Keep:
			rep.Unchanged++
			continue
		case Create:
			id, err = t.Create(ctx, *s.Item)
		case Update:
			id, err = s.Remote.ID, t.Update(ctx, s.Remote.ID, *s.Item)
		case Close:
			id, err = s.Remote.ID, t.Close(ctx, s.Remote.ID)
		}
		if err != nil {
			step := s
			rep.Failed, rep.Err = &step, err
			for _, rest := range p.Steps[i+1:] {
				if rest.Action != Keep {
					rep.Pending++
				}
			}
			return rep
		}
		rep.Done = append(rep.Done, Done{Action: s.Action, Label: s.Label(), ID: id})
	}
	return rep
}

// WriteText prints the report: every change made, then the failure if any.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, d := range r.Done {
		fmt.Fprintf(&b, "  %-7s %s  %s\n", d.Action.String()+"d", d.ID, d.Label)
	}
	fmt.Fprintf(&b, "%s: created %d, updated %d, closed %d, unchanged %d\n",
		r.Tracker, r.Count(Create), r.Count(Update), r.Count(Close), r.Unchanged)
	if r.Err != nil {
		fmt.Fprintf(&b, "%s: failed to %s %s: %v\n", r.Tracker, r.Failed.Action, r.Failed.Label(), r.Err)
		fmt.Fprintf(&b, "%s: %d change(s) not attempted; run again to finish (items already synced are found by their key, not duplicated)\n", r.Tracker, r.Pending)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Sync searches the tracker, plans, and (unless dryRun) applies the plan.
func Sync(ctx context.Context, t Tracker, items []workitems.Item, dryRun bool) (Plan, Report, error) {
	remotes, err := t.Search(ctx)
	if err != nil {
		return Plan{}, Report{}, fmt.Errorf("searching %s for tm-ls items: %w", t.Name(), err)
	}
	p := MakePlan(t, items, remotes)
	if dryRun {
		return p, Report{Tracker: t.Name()}, nil
	}
	rep := Apply(ctx, t, p)
	return p, rep, rep.Err
}

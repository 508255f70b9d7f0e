package baseline

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Change is one finding in a diff, as it stands now (or, for a fixed finding, as the
// baseline recorded it).
type Change struct {
	ID       string `json:"id"`
	RuleID   string `json:"rule_id"`
	Title    string `json:"title,omitempty"`
	Severity string `json:"severity"`
	// Previous is the baseline's severity when it differs from the current one.
	Previous string  `json:"previous_severity,omitempty"`
	Status   string  `json:"status"`
	Resource string  `json:"resource"`
	File     string  `json:"file"`
	Line     int     `json:"line"`
	Residual float64 `json:"residual_risk"`

	sev    model.Severity
	active bool
}

// Diff is the comparison of the current findings with a baseline, by stable finding ID.
type Diff struct {
	// New are findings absent from the baseline; Fixed are baseline findings that are
	// gone; Unchanged are in both with the same severity; SeverityChanged are in both
	// with a different severity (a config override or a rule update).
	New             []Change `json:"new"`
	Fixed           []Change `json:"fixed"`
	SeverityChanged []Change `json:"severity_changed"`
	Unchanged       []Change `json:"unchanged"`
	// ResidualBefore and ResidualAfter total the residual risk of the active
	// (open or mitigated, i.e. not suppressed or accepted) findings; ResidualDelta is
	// their difference, rounded to two decimals.
	ResidualBefore float64 `json:"residual_before"`
	ResidualAfter  float64 `json:"residual_after"`
	ResidualDelta  float64 `json:"residual_delta"`
}

// Compare matches the current findings with the baseline by finding ID.
func Compare(base *Baseline, current []*model.Finding) Diff {
	d := Diff{New: []Change{}, Fixed: []Change{}, SeverityChanged: []Change{}, Unchanged: []Change{}}
	seen := map[string]bool{}
	for _, f := range current {
		if seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		e := entryOf(f)
		c := changeOf(e)
		if e.Active() {
			d.ResidualAfter += e.Residual
		}
		old, ok := base.Lookup(f.ID)
		switch {
		case !ok:
			d.New = append(d.New, c)
		case old.Severity != e.Severity:
			c.Previous = old.Severity.String()
			d.SeverityChanged = append(d.SeverityChanged, c)
		default:
			d.Unchanged = append(d.Unchanged, c)
		}
	}
	for _, e := range base.Entries {
		if e.Active() {
			d.ResidualBefore += e.Residual
		}
		if !seen[e.ID] {
			d.Fixed = append(d.Fixed, changeOf(e))
		}
	}
	for _, l := range [][]Change{d.New, d.Fixed, d.SeverityChanged, d.Unchanged} {
		sortChanges(l)
	}
	d.ResidualBefore = round2(d.ResidualBefore)
	d.ResidualAfter = round2(d.ResidualAfter)
	d.ResidualDelta = round2(d.ResidualAfter - d.ResidualBefore)
	return d
}

// NewAtOrAbove returns the new findings that are active (not suppressed or accepted)
// at or above the severity: what a `--new-only` CI gate fails on.
func (d Diff) NewAtOrAbove(min model.Severity) []Change {
	var out []Change
	for _, c := range d.New {
		if c.active && c.sev >= min {
			out = append(out, c)
		}
	}
	return out
}

// IsNew reports whether the finding ID is new relative to the baseline.
func (d Diff) IsNew(id string) bool {
	for _, c := range d.New {
		if c.ID == id {
			return true
		}
	}
	return false
}

func changeOf(e Entry) Change {
	return Change{ID: e.ID, RuleID: e.RuleID, Title: e.Title, Severity: e.Severity.String(), Status: e.Status.String(),
		Resource: e.Resource, File: e.File, Line: e.Line, Residual: round2(e.Residual), sev: e.Severity, active: e.Active()}
}

// sortChanges orders by severity (highest first), then file, line and ID.
func sortChanges(l []Change) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.sev != b.sev {
			return a.sev > b.sev
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.ID < b.ID
	})
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// WriteJSON writes the diff as an indented JSON object with a trailing newline.
func (d Diff) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("writing the baseline diff: %w", err)
	}
	return nil
}

// WriteText writes the diff for people: a one-line summary, then the new, changed and
// fixed findings (unchanged ones are only counted).
func (d Diff) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "baseline: %d new, %d fixed, %d severity changed, %d unchanged; residual risk %s → %s (%s)\n",
		len(d.New), len(d.Fixed), len(d.SeverityChanged), len(d.Unchanged),
		num(d.ResidualBefore), num(d.ResidualAfter), signed(d.ResidualDelta))
	section := func(title string, l []Change, line func(Change) string) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for _, c := range l {
			b.WriteString("  " + line(c) + "\n")
		}
	}
	loc := func(c Change) string {
		if c.File == "" {
			return ""
		}
		if c.Line > 0 {
			return fmt.Sprintf(" (%s:%d)", c.File, c.Line)
		}
		return " (" + c.File + ")"
	}
	status := func(c Change) string {
		if c.Status == "open" || c.Status == "" {
			return ""
		}
		return " [" + c.Status + "]"
	}
	section("New", d.New, func(c Change) string {
		return fmt.Sprintf("+ %-8s %s%s%s", c.Severity, c.ID, status(c), loc(c))
	})
	section("Severity changed", d.SeverityChanged, func(c Change) string {
		return fmt.Sprintf("~ %s → %s %s%s%s", c.Previous, c.Severity, c.ID, status(c), loc(c))
	})
	section("Fixed", d.Fixed, func(c Change) string {
		return fmt.Sprintf("- %-8s %s%s", c.Severity, c.ID, loc(c))
	})
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("writing the baseline diff: %w", err)
	}
	return nil
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func signed(f float64) string {
	if f > 0 {
		return "+" + num(f)
	}
	if f == 0 {
		return "±0"
	}
	return num(f)
}

// OnlyNew returns the findings whose ID the baseline does not hold, in their order:
// what `tm-ls check --baseline FILE --new-only` shows and gates on.
func OnlyNew(base *Baseline, findings []*model.Finding) []*model.Finding {
	var out []*model.Finding
	for _, f := range findings {
		if _, ok := base.Lookup(f.ID); !ok {
			out = append(out, f)
		}
	}
	return out
}

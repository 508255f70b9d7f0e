// Package riskreport writes the risk report of a workspace for people outside the
// editor: risk totals by severity, the top risks with their location, owner and
// recommended control, open findings per compliance framework and requirement,
// accepted risks with their expiry, and a diagram of the system. It renders a
// self-contained HTML page (inline CSS and SVG, nothing fetched when viewed), Markdown
// with a Mermaid diagram, and JSON.
package riskreport

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// Input is what a report is made from.
type Input struct {
	// Title names the system (default: the graph's model name, else "tm-ls risk report").
	Title string
	// Findings are every finding of the analysis, any status.
	Findings []*model.Finding
	// Resources draw the diagram when Graph is nil or has no components: resources
	// grouped by root module and module, edges from their references.
	Resources []*model.Resource
	// Graph is the threat model (components, flows, boundaries, acceptances); nil
	// when not available.
	Graph *model.Graph
	// Generated stamps the report (zero: omitted, which keeps outputs reproducible).
	Generated time.Time
	Version   string
	// Top is how many top risks to list (0 → 10).
	Top int
	// Layout picks the diagram's layout engine: "" (Graphviz when installed, else the
	// built-in layout) or "builtin" (always the built-in one: reproducible bytes).
	Layout string
}

// Report is the content of the risk report; its JSON form is the `json` format.
type Report struct {
	// layout is Input.Layout.
	layout    string
	Title     string `json:"title"`
	Tool      string `json:"tool"`
	Version   string `json:"version,omitempty"`
	Generated string `json:"generated,omitempty"`
	Owner     string `json:"owner,omitempty"`
	// Totals counts open (open or mitigated) findings and sums their risk by severity.
	Totals     []Total      `json:"totals"`
	Open       int          `json:"open"`
	Residual   float64      `json:"total_residual"`
	Inherent   int          `json:"total_inherent"`
	Suppressed int          `json:"suppressed"`
	Accepted   int          `json:"accepted"`
	TopRisks   []Risk       `json:"top_risks"`
	Compliance []Framework  `json:"compliance"`
	Accepts    []Acceptance `json:"accepted_risks"`
	Diagram    Diagram      `json:"diagram"`
}

// Total is the open findings of one severity.
type Total struct {
	Severity string  `json:"severity"`
	Count    int     `json:"count"`
	Residual float64 `json:"residual"`
}

// Risk is one open finding in the top list.
type Risk struct {
	ID          string   `json:"id"`
	RuleID      string   `json:"rule_id"`
	Title       string   `json:"title"`
	Severity    string   `json:"severity"`
	Status      string   `json:"status"`
	Resource    string   `json:"resource"`
	Location    string   `json:"location"`
	Owner       string   `json:"owner,omitempty"`
	Control     string   `json:"recommended_control,omitempty"`
	Residual    float64  `json:"residual_risk"`
	Inherent    int      `json:"inherent_risk"`
	Stride      []string `json:"stride,omitempty"`
	Compliance  []string `json:"compliance,omitempty"`
	Description string   `json:"-"`
}

// Framework is the open findings mapped to one compliance framework.
type Framework struct {
	Name         string        `json:"framework"`
	Open         int           `json:"open_findings"`
	Requirements []Requirement `json:"requirements"`
}

// Requirement is one requirement of a framework with the open findings against it.
type Requirement struct {
	ID       string   `json:"requirement"`
	Findings []string `json:"findings"`
}

// Acceptance is an accepted risk.
type Acceptance struct {
	RuleID  string `json:"rule_id"`
	On      string `json:"on"`
	Owner   string `json:"owner,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Expires string `json:"expires,omitempty"`
	// Expired is true when the expiry is before the report date.
	Expired bool `json:"expired,omitempty"`
	// Findings are the accepted findings it covers.
	Findings []string `json:"findings,omitempty"`
}

func active(f *model.Finding) bool { return f.Status == model.Open || f.Status == model.Mitigated }

// Build computes the report.
func Build(in Input) Report {
	r := Report{layout: in.Layout, Title: in.Title, Tool: "tm-ls", Version: in.Version, Totals: []Total{}, TopRisks: []Risk{},
		Compliance: []Framework{}, Accepts: []Acceptance{}}
	if !in.Generated.IsZero() {
		r.Generated = in.Generated.UTC().Format(time.RFC3339)
	}
	if in.Graph != nil {
		r.Owner = in.Graph.Owner
		if r.Title == "" {
			r.Title = in.Graph.Name
		}
	}
	if r.Title == "" {
		r.Title = "tm-ls risk report"
	}
	bySev := map[model.Severity]*Total{}
	for s := model.SeverityCritical; s >= model.SeverityInfo; s-- {
		r.Totals = append(r.Totals, Total{Severity: s.String()})
	}
	for i := range r.Totals {
		s, _ := model.ParseSeverity(r.Totals[i].Severity)
		bySev[s] = &r.Totals[i]
	}
	frameworks := map[string]map[string][]string{}
	seen := map[string]bool{}
	var open []*model.Finding
	for _, f := range in.Findings {
		if seen[f.ID] {
			continue
		}
		seen[f.ID] = true
		switch f.Status {
		case model.Suppressed:
			r.Suppressed++
			continue
		case model.Accepted:
			r.Accepted++
			continue
		}
		open = append(open, f)
		r.Open++
		r.Residual += f.Residual
		r.Inherent += f.Inherent
		if t := bySev[clampSev(f.Severity)]; t != nil {
			t.Count++
			t.Residual = round2(t.Residual + f.Residual)
		}
		if f.Rule != nil {
			for _, c := range f.Rule.Compliance {
				fw, req, ok := strings.Cut(c, ":")
				if !ok || fw == "" {
					fw, req = c, "(unspecified)"
				}
				if frameworks[fw] == nil {
					frameworks[fw] = map[string][]string{}
				}
				frameworks[fw][req] = append(frameworks[fw][req], f.ID)
			}
		}
	}
	r.Residual = round2(r.Residual)
	for _, f := range rank(open, in.Top) {
		r.TopRisks = append(r.TopRisks, risk(f, r.Owner))
	}
	for _, fw := range sortedKeys(frameworks) {
		F := Framework{Name: fw}
		ids := map[string]bool{}
		for _, req := range sortedKeys(frameworks[fw]) {
			fs := frameworks[fw][req]
			sort.Strings(fs)
			F.Requirements = append(F.Requirements, Requirement{ID: req, Findings: fs})
			for _, id := range fs {
				ids[id] = true
			}
		}
		sort.SliceStable(F.Requirements, func(i, j int) bool { return lessReq(F.Requirements[i].ID, F.Requirements[j].ID) })
		F.Open = len(ids)
		r.Compliance = append(r.Compliance, F)
	}
	r.Accepts = acceptances(in)
	r.Diagram = diagram(in)
	return r
}

func risk(f *model.Finding, owner string) Risk {
	k := Risk{ID: f.ID, RuleID: f.RuleID, Title: f.Message, Severity: f.Severity.String(), Status: f.Status.String(),
		Resource: f.Resource, Location: location(f), Owner: owner, Residual: round2(f.Residual), Inherent: f.Inherent}
	if f.Rule != nil {
		if f.Rule.Title != "" {
			k.Title = f.Rule.Title
		}
		k.Control = f.Rule.Remediation
		k.Stride = f.Rule.Stride
		k.Compliance = f.Rule.Compliance
		k.Description = f.Rule.Description
	}
	if k.Title == "" {
		k.Title = f.RuleID
	}
	return k
}

func location(f *model.Finding) string {
	if f.Range.Start.Line > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.Range.Start.Line)
	}
	return f.File
}

// rank orders open findings by residual risk, severity, then ID, and keeps the top n.
func rank(open []*model.Finding, n int) []*model.Finding {
	if n <= 0 {
		n = 10
	}
	l := append([]*model.Finding(nil), open...)
	sort.SliceStable(l, func(i, j int) bool { return model.RiskOrder(l[i], l[j]) })
	if len(l) > n {
		l = l[:n]
	}
	return l
}

// acceptances lists the graph's declared acceptances with the findings they cover,
// then accepted findings that no declaration explains (their status note says why).
func acceptances(in Input) []Acceptance {
	out := []Acceptance{}
	covered := map[string]bool{}
	var accepted []*model.Finding
	for _, f := range in.Findings {
		if f.Status == model.Accepted {
			accepted = append(accepted, f)
		}
	}
	if in.Graph != nil {
		for _, a := range in.Graph.Acceptances {
			x := Acceptance{RuleID: a.RuleID, On: strings.Join(a.On, ", "), Owner: a.Owner, Reason: a.Reason}
			if !a.Until.IsZero() {
				x.Expires = a.Until.Format("2006-01-02")
				if !in.Generated.IsZero() && a.Until.Before(in.Generated) {
					x.Expired = true
				}
			}
			for _, f := range accepted {
				if f.RuleID == a.RuleID && coversAny(a.On, f) {
					x.Findings = append(x.Findings, f.ID)
					covered[f.ID] = true
				}
			}
			out = append(out, x)
		}
	}
	for _, f := range accepted {
		if !covered[f.ID] {
			out = append(out, Acceptance{RuleID: f.RuleID, On: f.Resource, Reason: f.StatusNote, Findings: []string{f.ID}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Expires != out[j].Expires {
			return out[i].Expires < out[j].Expires
		}
		return out[i].RuleID+out[i].On < out[j].RuleID+out[j].On
	})
	return out
}

func coversAny(on []string, f *model.Finding) bool {
	for _, o := range on {
		if o == f.Resource || strings.HasSuffix(f.ID, "@"+o) || strings.HasSuffix(f.ID, ":"+o) {
			return true
		}
	}
	return len(on) == 0
}

func clampSev(s model.Severity) model.Severity {
	return max(model.SeverityInfo, min(model.SeverityCritical, s))
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lessReq orders requirement IDs naturally: runs of digits compare as numbers, so
// 1.2 < 1.10 and art9 < art10.
func lessReq(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing the JSON risk report: %w", err)
	}
	return nil
}

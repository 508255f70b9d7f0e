package workitems

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Formats are the export formats Write accepts.
var Formats = []string{"jira-csv", "jira-json", "ado-json", "servicenow-json"}

// Options name the target project and types; zero values take the defaults.
type Options struct {
	// JiraProject is the Jira project key (default "SEC"), JiraIssueType the issue
	// type name (default "Bug").
	JiraProject   string
	JiraIssueType string
	// ADOIncludeSeverity adds Microsoft.VSTS.Common.Severity, a field of the Bug type
	// (Agile, Scrum, CMMI) that the Basic process's Issue type lacks.
	ADOIncludeSeverity bool
}

func (o Options) jiraProject() string {
	if o.JiraProject == "" {
		return "SEC"
	}
	return o.JiraProject
}

func (o Options) jiraIssueType() string {
	if o.JiraIssueType == "" {
		return "Bug"
	}
	return o.JiraIssueType
}

// Write writes the items in one of Formats. Output is deterministic: the same items
// give the same bytes.
func Write(w io.Writer, format string, items []Item, opts Options) error {
	var err error
	switch format {
	case "jira-csv":
		err = writeJiraCSV(w, items, opts)
	case "jira-json":
		bodies := make([]JiraIssue, 0, len(items))
		for _, it := range items {
			bodies = append(bodies, JiraBody(it, opts))
		}
		err = writeJSON(w, map[string]any{"issueUpdates": bodies})
	case "ado-json":
		docs := make([][]PatchOp, 0, len(items))
		for _, it := range items {
			docs = append(docs, ADOPatch(it, opts.ADOIncludeSeverity))
		}
		err = writeJSON(w, docs)
	case "servicenow-json":
		recs := make([]SNOWRecord, 0, len(items))
		for _, it := range items {
			recs = append(recs, SNOWBody(it))
		}
		err = writeJSON(w, map[string]any{"records": recs})
	default:
		return fmt.Errorf("unknown work-item format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", format, err)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeJiraCSV writes the columns Jira's CSV importer maps: Summary, Issue Type,
// Priority, Description, then one "Labels" column per label (the importer joins
// repeated columns into a multi-value field).
func writeJiraCSV(w io.Writer, items []Item, opts Options) error {
	n := 0
	for _, it := range items {
		n = max(n, len(it.Labels))
	}
	cw := csv.NewWriter(w)
	head := []string{"Summary", "Issue Type", "Priority", "Description"}
	for range n {
		head = append(head, "Labels")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, it := range items {
		row := []string{it.Title, opts.jiraIssueType(), JiraPriority(it.Severity), it.Plain()}
		for i := range n {
			l := ""
			if i < len(it.Labels) {
				l = it.Labels[i]
			}
			row = append(row, l)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// JiraIssue is a Jira Cloud REST v3 issue body (POST /rest/api/3/issue,
// PUT /rest/api/3/issue/{key}).
type JiraIssue struct {
	Fields JiraFields `json:"fields"`
}

// JiraFields are the fields tm-ls sets. Project and IssueType are only sent on create.
type JiraFields struct {
	Project     *JiraRef `json:"project,omitempty"`
	IssueType   *JiraRef `json:"issuetype,omitempty"`
	Summary     string   `json:"summary"`
	Description ADFNode  `json:"description"`
	Priority    JiraRef  `json:"priority"`
	Labels      []string `json:"labels"`
}

// JiraRef names a project (by key), an issue type or a priority (by name).
type JiraRef struct {
	Key  string `json:"key,omitempty"`
	Name string `json:"name,omitempty"`
}

// JiraBody is the create-issue body of an item.
func JiraBody(it Item, opts Options) JiraIssue {
	return JiraIssue{Fields: JiraFields{
		Project: &JiraRef{Key: opts.jiraProject()}, IssueType: &JiraRef{Name: opts.jiraIssueType()},
		Summary: it.Title, Description: ADF(it), Priority: JiraRef{Name: JiraPriority(it.Severity)},
		Labels: append([]string(nil), it.Labels...),
	}}
}

// JiraUpdateBody is the edit-issue body of an item: the same fields without the
// project and issue type.
func JiraUpdateBody(it Item) JiraIssue {
	b := JiraBody(it, Options{})
	b.Fields.Project, b.Fields.IssueType = nil, nil
	return b
}

// ADFNode is a node of the Atlassian Document Format, Jira Cloud's rich text.
type ADFNode struct {
	Type    string         `json:"type"`
	Version int            `json:"version,omitempty"`
	Attrs   map[string]any `json:"attrs,omitempty"`
	Content []ADFNode      `json:"content,omitempty"`
	Text    string         `json:"text,omitempty"`
	Marks   []ADFMark      `json:"marks,omitempty"`
}

// ADFMark is a text mark (code, strong).
type ADFMark struct {
	Type string `json:"type"`
}

// ADF is the item's description as an ADF document: the same sections as Markdown.
func ADF(it Item) ADFNode {
	text := func(s string, marks ...string) ADFNode {
		n := ADFNode{Type: "text", Text: s}
		for _, m := range marks {
			n.Marks = append(n.Marks, ADFMark{Type: m})
		}
		return n
	}
	para := func(c ...ADFNode) ADFNode { return ADFNode{Type: "paragraph", Content: c} }
	heading := func(s string) ADFNode {
		return ADFNode{Type: "heading", Attrs: map[string]any{"level": 3}, Content: []ADFNode{text(s)}}
	}
	paras := func(s string) []ADFNode {
		var out []ADFNode
		for _, p := range strings.Split(s, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, para(text(p)))
			}
		}
		return out
	}
	doc := ADFNode{Type: "doc", Version: 1}
	doc.Content = append(doc.Content, para(text(it.RuleID, "strong"), text(" on "), text(it.Resource, "code"),
		text(" at "), text(it.Location(), "code")))
	if it.Message != "" {
		doc.Content = append(doc.Content, para(text(it.Message)))
	}
	if it.Threat != "" {
		doc.Content = append(doc.Content, heading("Threat"))
		doc.Content = append(doc.Content, paras(it.Threat)...)
	}
	if it.Remediation != "" {
		doc.Content = append(doc.Content, heading("Recommended control"))
		doc.Content = append(doc.Content, paras(it.Remediation)...)
	}
	doc.Content = append(doc.Content, heading("Risk"), para(text(it.RiskLine())))
	if refs := append(append([]string{}, it.Compliance...), it.CWE...); len(refs) > 0 {
		list := ADFNode{Type: "bulletList"}
		for _, c := range refs {
			list.Content = append(list.Content, ADFNode{Type: "listItem", Content: []ADFNode{para(text(c))}})
		}
		doc.Content = append(doc.Content, heading("Compliance"), list)
	}
	doc.Content = append(doc.Content, para(text("Finding ID: "), text(it.FindingID, "code"),
		text(" (key "+it.Key+"). Managed by tm-ls: closed automatically when the finding is fixed.")))
	return doc
}

// PatchOp is one JSON Patch operation of an Azure DevOps work item request.
type PatchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value any    `json:"value"`
}

// ADOPatch is the JSON Patch document that creates or updates an item's work item:
// title, HTML description, priority, optionally severity, and tags (the labels,
// separated by "; ").
func ADOPatch(it Item, includeSeverity bool) []PatchOp {
	ops := []PatchOp{
		{Op: "add", Path: "/fields/System.Title", Value: it.Title},
		{Op: "add", Path: "/fields/System.Description", Value: HTML(it)},
		{Op: "add", Path: "/fields/Microsoft.VSTS.Common.Priority", Value: ADOPriority(it.Severity)},
	}
	if includeSeverity {
		ops = append(ops, PatchOp{Op: "add", Path: "/fields/Microsoft.VSTS.Common.Severity", Value: ADOSeverity(it.Severity)})
	}
	return append(ops, PatchOp{Op: "add", Path: "/fields/System.Tags", Value: ADOTags(it)})
}

// ADOTags is the System.Tags value of an item: its labels, sorted as ADO returns them.
func ADOTags(it Item) string {
	t := append([]string(nil), it.Labels...)
	sort.Strings(t)
	return strings.Join(t, "; ")
}

// HTML is the item's description as HTML (Azure DevOps System.Description).
func HTML(it Item) string {
	e := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, "<p><b>%s</b> on <code>%s</code> at <code>%s</code></p>", e(it.RuleID), e(it.Resource), e(it.Location()))
	if it.Message != "" {
		fmt.Fprintf(&b, "<p>%s</p>", e(it.Message))
	}
	paras := func(s string) {
		for _, p := range strings.Split(s, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(&b, "<p>%s</p>", e(p))
			}
		}
	}
	if it.Threat != "" {
		b.WriteString("<h3>Threat</h3>")
		paras(it.Threat)
	}
	if it.Remediation != "" {
		b.WriteString("<h3>Recommended control</h3>")
		paras(it.Remediation)
	}
	fmt.Fprintf(&b, "<h3>Risk</h3><p>%s</p>", e(it.RiskLine()))
	if refs := append(append([]string{}, it.Compliance...), it.CWE...); len(refs) > 0 {
		b.WriteString("<h3>Compliance</h3><ul>")
		for _, c := range refs {
			fmt.Fprintf(&b, "<li>%s</li>", e(c))
		}
		b.WriteString("</ul>")
	}
	fmt.Fprintf(&b, "<p>Finding ID: <code>%s</code> (key %s). Managed by tm-ls: closed automatically when the finding is fixed.</p>", e(it.FindingID), e(it.Key))
	return b.String()
}

// SNOWRecord is a ServiceNow Table API record body (incident, or a table with the
// same fields). Choice values are strings, as the Table API returns them.
type SNOWRecord struct {
	ShortDescription   string `json:"short_description"`
	Description        string `json:"description"`
	Impact             string `json:"impact"`
	Urgency            string `json:"urgency"`
	CorrelationID      string `json:"correlation_id"`
	CorrelationDisplay string `json:"correlation_display"`
}

// CorrelationDisplay marks ServiceNow records created by tm-ls.
const CorrelationDisplay = "tm-ls"

// SNOWCorrelationID is the correlation_id of an item: the finding ID, or its Key
// when the ID exceeds the field's 100 characters.
func SNOWCorrelationID(it Item) string {
	if len(it.FindingID) <= 100 {
		return it.FindingID
	}
	return it.Key
}

// SNOWBody is the record body of an item.
func SNOWBody(it Item) SNOWRecord {
	imp, urg := SNOWImpactUrgency(it.Severity)
	return SNOWRecord{ShortDescription: it.Title, Description: it.Plain(), Impact: strconv.Itoa(imp), Urgency: strconv.Itoa(urg),
		CorrelationID: SNOWCorrelationID(it), CorrelationDisplay: CorrelationDisplay}
}

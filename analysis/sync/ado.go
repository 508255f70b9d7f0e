package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/workitems"
)

// ADOAPIVersion is the Azure DevOps REST API version tm-ls speaks.
const ADOAPIVersion = "7.1"

// ADO talks to Azure DevOps Boards (work item tracking REST API 7.1) with Basic auth
// and a personal access token.
type ADO struct {
	OrgURL  string // https://dev.azure.com/org
	Project string
	// Type is the work item type (default "Bug"); ClosedState the state that closes it
	// (default "Closed"; "Done" for the Scrum and Basic processes).
	Type        string
	ClosedState string
	client      *Client
	auth        auth
}

// ADOFromEnv configures Azure DevOps from TM_LS_ADO_ORG_URL, TM_LS_ADO_PROJECT,
// TM_LS_ADO_TOKEN and optionally TM_LS_ADO_WORKITEM_TYPE and TM_LS_ADO_CLOSED_STATE.
func ADOFromEnv(env Env, c *Client) (*ADO, error) {
	v, err := env.require("TM_LS_ADO_ORG_URL", "TM_LS_ADO_PROJECT", "TM_LS_ADO_TOKEN")
	if err != nil {
		return nil, fmt.Errorf("ado: %w", err)
	}
	base, err := baseURL("TM_LS_ADO_ORG_URL", v[0])
	if err != nil {
		return nil, fmt.Errorf("ado: %w", err)
	}
	return &ADO{OrgURL: base, Project: v[1], Type: env.or("TM_LS_ADO_WORKITEM_TYPE", "Bug"),
		ClosedState: env.or("TM_LS_ADO_CLOSED_STATE", "Closed"), client: c, auth: basicAuth("", v[2])}, nil
}

// Name implements Tracker.
func (a *ADO) Name() string { return "ado" }

// Key implements Tracker: the tmls- tag.
func (a *ADO) Key(it workitems.Item) string { return it.Key }

func (a *ADO) severity() bool { return a.Type == "Bug" }

// Fingerprint implements Tracker: title, priority, severity and tags.
func (a *ADO) Fingerprint(it workitems.Item) string {
	sev := ""
	if a.severity() {
		sev = workitems.ADOSeverity(it.Severity)
	}
	return adoFingerprint(it.Title, workitems.ADOPriority(it.Severity), sev, workitems.ADOTags(it))
}

func adoFingerprint(title string, prio int, sev, tags string) string {
	return title + "\x00" + strconv.Itoa(prio) + "\x00" + sev + "\x00" + strings.Join(splitTags(tags), "; ")
}

func splitTags(tags string) []string {
	var out []string
	for _, t := range strings.Split(tags, ";") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// adoMessage extracts {"message": "..."}.
func adoMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	return e.Message
}

func (a *ADO) url(path string, q url.Values) string {
	if q == nil {
		q = url.Values{}
	}
	q.Set("api-version", ADOAPIVersion)
	return a.OrgURL + "/" + url.PathEscape(a.Project) + "/_apis/wit/" + path + "?" + q.Encode()
}

// WIQL is the query for open tm-ls work items of the project.
func (a *ADO) WIQL() string {
	return fmt.Sprintf("SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] CONTAINS '%s' AND [System.State] NOT IN ('%s', 'Removed') ORDER BY [System.Id]",
		workitems.Label, strings.ReplaceAll(a.ClosedState, "'", "''"))
}

// Search implements Tracker: a WIQL query for the IDs, then their fields in batches
// of 200 (GET _apis/wit/workitems?ids=…).
func (a *ADO) Search(ctx context.Context) ([]Remote, error) {
	var q struct {
		WorkItems []struct {
			ID int `json:"id"`
		} `json:"workItems"`
	}
	r := request{tracker: "ado", method: "POST", url: a.url("wiql", nil), auth: a.auth, body: map[string]string{"query": a.WIQL()}}
	if err := a.client.do(ctx, r, &q, adoMessage); err != nil {
		return nil, err
	}
	var out []Remote
	for start := 0; start < len(q.WorkItems); start += 200 {
		end := min(start+200, len(q.WorkItems))
		ids := make([]string, 0, end-start)
		for _, w := range q.WorkItems[start:end] {
			ids = append(ids, strconv.Itoa(w.ID))
		}
		fields := "System.Id,System.Title,System.Tags,Microsoft.VSTS.Common.Priority"
		if a.severity() {
			fields += ",Microsoft.VSTS.Common.Severity"
		}
		var res struct {
			Value []struct {
				ID     int `json:"id"`
				Fields struct {
					Title    string `json:"System.Title"`
					Tags     string `json:"System.Tags"`
					Priority int    `json:"Microsoft.VSTS.Common.Priority"`
					Severity string `json:"Microsoft.VSTS.Common.Severity"`
				} `json:"fields"`
			} `json:"value"`
		}
		g := request{tracker: "ado", method: "GET", url: a.url("workitems", url.Values{"ids": {strings.Join(ids, ",")}, "fields": {fields}}), auth: a.auth}
		if err := a.client.do(ctx, g, &res, adoMessage); err != nil {
			return nil, err
		}
		for _, w := range res.Value {
			rem := Remote{ID: strconv.Itoa(w.ID), Fingerprint: adoFingerprint(w.Fields.Title, w.Fields.Priority, w.Fields.Severity, w.Fields.Tags)}
			for _, t := range splitTags(w.Fields.Tags) {
				if strings.HasPrefix(t, workitems.KeyPrefix) {
					rem.Key = t
				}
			}
			out = append(out, rem)
		}
	}
	return out, nil
}

func (a *ADO) patch(method, path string, ops []workitems.PatchOp) request {
	return request{tracker: "ado", method: method, url: a.url(path, nil), auth: a.auth, body: ops, contentType: "application/json-patch+json"}
}

// Create implements Tracker with POST _apis/wit/workitems/${type}.
func (a *ADO) Create(ctx context.Context, it workitems.Item) (string, error) {
	var res struct {
		ID int `json:"id"`
	}
	if err := a.client.do(ctx, a.patch("POST", "workitems/$"+url.PathEscape(a.Type), workitems.ADOPatch(it, a.severity())), &res, adoMessage); err != nil {
		return "", err
	}
	if res.ID == 0 {
		return "", fmt.Errorf("ado: created a work item for %s but the answer holds no id", it.FindingID)
	}
	return strconv.Itoa(res.ID), nil
}

// Update implements Tracker with PATCH _apis/wit/workitems/{id}.
func (a *ADO) Update(ctx context.Context, id string, it workitems.Item) error {
	return a.client.do(ctx, a.patch("PATCH", "workitems/"+url.PathEscape(id), workitems.ADOPatch(it, a.severity())), nil, adoMessage)
}

// Close implements Tracker by setting System.State to the closed state.
func (a *ADO) Close(ctx context.Context, id string) error {
	ops := []workitems.PatchOp{{Op: "add", Path: "/fields/System.State", Value: a.ClosedState}}
	return a.client.do(ctx, a.patch("PATCH", "workitems/"+url.PathEscape(id), ops), nil, adoMessage)
}

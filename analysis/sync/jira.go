package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/workitems"
)

// Jira talks to Jira Cloud REST API v3 with Basic auth (account email and API token).
type Jira struct {
	BaseURL   string // https://example.atlassian.net
	Project   string // project key
	IssueType string // default "Bug"
	client    *Client
	auth      auth
}

// JiraFromEnv configures Jira from TM_LS_JIRA_URL, TM_LS_JIRA_EMAIL,
// TM_LS_JIRA_TOKEN, TM_LS_JIRA_PROJECT and optionally TM_LS_JIRA_ISSUE_TYPE.
func JiraFromEnv(env Env, c *Client) (*Jira, error) {
	v, err := env.require("TM_LS_JIRA_URL", "TM_LS_JIRA_EMAIL", "TM_LS_JIRA_TOKEN", "TM_LS_JIRA_PROJECT")
	if err != nil {
		return nil, fmt.Errorf("jira: %w", err)
	}
	base, err := baseURL("TM_LS_JIRA_URL", v[0])
	if err != nil {
		return nil, fmt.Errorf("jira: %w", err)
	}
	return &Jira{BaseURL: base, Project: v[3], IssueType: env.or("TM_LS_JIRA_ISSUE_TYPE", "Bug"), client: c, auth: basicAuth(v[1], v[2])}, nil
}

// Name implements Tracker.
func (j *Jira) Name() string { return "jira" }

// Key implements Tracker: the tmls- label.
func (j *Jira) Key(it workitems.Item) string { return it.Key }

// Fingerprint implements Tracker: summary, priority and labels.
func (j *Jira) Fingerprint(it workitems.Item) string {
	return jiraFingerprint(it.Title, workitems.JiraPriority(it.Severity), it.Labels)
}

func jiraFingerprint(summary, priority string, labels []string) string {
	l := append([]string(nil), labels...)
	sort.Strings(l)
	return summary + "\x00" + priority + "\x00" + strings.Join(l, " ")
}

// jiraMessage extracts Jira's {"errorMessages": [...], "errors": {...}}.
func jiraMessage(body []byte) string {
	var e struct {
		ErrorMessages []string          `json:"errorMessages"`
		Errors        map[string]string `json:"errors"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	msgs := append([]string(nil), e.ErrorMessages...)
	keys := make([]string, 0, len(e.Errors))
	for k := range e.Errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		msgs = append(msgs, k+": "+e.Errors[k])
	}
	return strings.Join(msgs, "; ")
}

func (j *Jira) req(method, path string, body any) request {
	return request{tracker: "jira", method: method, url: j.BaseURL + path, auth: j.auth, body: body}
}

// JQL is the search for open tm-ls issues of the project.
func (j *Jira) JQL() string {
	return fmt.Sprintf(`project = %q AND labels = %q AND statusCategory != Done ORDER BY key ASC`, j.Project, workitems.Label)
}

// Search implements Tracker with GET /rest/api/3/search/jql, following nextPageToken.
func (j *Jira) Search(ctx context.Context) ([]Remote, error) {
	var out []Remote
	token := ""
	for page := 0; page < 1000; page++ {
		q := url.Values{"jql": {j.JQL()}, "fields": {"summary,labels,priority"}, "maxResults": {"100"}}
		if token != "" {
			q.Set("nextPageToken", token)
		}
		var res struct {
			Issues []struct {
				Key    string `json:"key"`
				Fields struct {
					Summary  string   `json:"summary"`
					Labels   []string `json:"labels"`
					Priority *struct {
						Name string `json:"name"`
					} `json:"priority"`
				} `json:"fields"`
			} `json:"issues"`
			NextPageToken string `json:"nextPageToken"`
			IsLast        *bool  `json:"isLast"`
		}
		if err := j.client.do(ctx, j.req("GET", "/rest/api/3/search/jql?"+q.Encode(), nil), &res, jiraMessage); err != nil {
			return nil, err
		}
		for _, is := range res.Issues {
			r := Remote{ID: is.Key}
			for _, l := range is.Fields.Labels {
				if strings.HasPrefix(l, workitems.KeyPrefix) {
					r.Key = l
				}
			}
			prio := ""
			if is.Fields.Priority != nil {
				prio = is.Fields.Priority.Name
			}
			r.Fingerprint = jiraFingerprint(is.Fields.Summary, prio, is.Fields.Labels)
			out = append(out, r)
		}
		if res.NextPageToken == "" || (res.IsLast != nil && *res.IsLast) {
			return out, nil
		}
		token = res.NextPageToken
	}
	return nil, fmt.Errorf("jira: search returned more than 1000 pages")
}

// Create implements Tracker with POST /rest/api/3/issue.
func (j *Jira) Create(ctx context.Context, it workitems.Item) (string, error) {
	body := workitems.JiraBody(it, workitems.Options{JiraProject: j.Project, JiraIssueType: j.IssueType})
	var res struct {
		Key string `json:"key"`
	}
	if err := j.client.do(ctx, j.req("POST", "/rest/api/3/issue", body), &res, jiraMessage); err != nil {
		return "", err
	}
	if res.Key == "" {
		return "", fmt.Errorf("jira: created an issue for %s but the answer holds no key", it.FindingID)
	}
	return res.Key, nil
}

// Update implements Tracker with PUT /rest/api/3/issue/{key}.
func (j *Jira) Update(ctx context.Context, key string, it workitems.Item) error {
	return j.client.do(ctx, j.req("PUT", "/rest/api/3/issue/"+url.PathEscape(key), workitems.JiraUpdateBody(it)), nil, jiraMessage)
}

// Close implements Tracker: it reads the issue's transitions and takes the first one
// into the Done status category (POST /rest/api/3/issue/{key}/transitions).
func (j *Jira) Close(ctx context.Context, key string) error {
	path := "/rest/api/3/issue/" + url.PathEscape(key) + "/transitions"
	var res struct {
		Transitions []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
			To   struct {
				StatusCategory struct {
					Key string `json:"key"`
				} `json:"statusCategory"`
			} `json:"to"`
		} `json:"transitions"`
	}
	if err := j.client.do(ctx, j.req("GET", path, nil), &res, jiraMessage); err != nil {
		return err
	}
	for _, t := range res.Transitions {
		if t.To.StatusCategory.Key == "done" {
			body := map[string]any{"transition": map[string]string{"id": t.ID}}
			return j.client.do(ctx, j.req("POST", path, body), nil, jiraMessage)
		}
	}
	return fmt.Errorf("jira: issue %s has no transition into a Done status; close it by hand or allow the transition", key)
}

package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/workitems"
)

// ServiceNow talks to the ServiceNow Table API with Basic auth.
type ServiceNow struct {
	BaseURL string // https://instance.service-now.com
	// Table is the record table (default "incident").
	Table string
	// ClosedState, CloseCode and CloseNotes close a record (defaults: "6" Resolved,
	// "Solution provided", a note naming tm-ls).
	ClosedState string
	CloseCode   string
	client      *Client
	auth        auth
}

// ServiceNowFromEnv configures ServiceNow from TM_LS_SNOW_URL, TM_LS_SNOW_USER,
// TM_LS_SNOW_PASSWORD and optionally TM_LS_SNOW_TABLE, TM_LS_SNOW_CLOSED_STATE and
// TM_LS_SNOW_CLOSE_CODE.
func ServiceNowFromEnv(env Env, c *Client) (*ServiceNow, error) {
	v, err := env.require("TM_LS_SNOW_URL", "TM_LS_SNOW_USER", "TM_LS_SNOW_PASSWORD")
	if err != nil {
		return nil, fmt.Errorf("servicenow: %w", err)
	}
	base, err := baseURL("TM_LS_SNOW_URL", v[0])
	if err != nil {
		return nil, fmt.Errorf("servicenow: %w", err)
	}
	table := env.or("TM_LS_SNOW_TABLE", "incident")
	for _, r := range table {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return nil, fmt.Errorf("servicenow: TM_LS_SNOW_TABLE %q is not a table name", table)
		}
	}
	return &ServiceNow{BaseURL: base, Table: table, ClosedState: env.or("TM_LS_SNOW_CLOSED_STATE", "6"),
		CloseCode: env.or("TM_LS_SNOW_CLOSE_CODE", "Solution provided"), client: c, auth: basicAuth(v[1], v[2])}, nil
}

// Name implements Tracker.
func (s *ServiceNow) Name() string { return "servicenow" }

// Key implements Tracker: the correlation_id.
func (s *ServiceNow) Key(it workitems.Item) string { return workitems.SNOWCorrelationID(it) }

// Fingerprint implements Tracker: short description, impact and urgency.
func (s *ServiceNow) Fingerprint(it workitems.Item) string {
	b := workitems.SNOWBody(it)
	return b.ShortDescription + "\x00" + b.Impact + "\x00" + b.Urgency
}

// snowMessage extracts {"error": {"message": "...", "detail": "..."}}.
func snowMessage(body []byte) string {
	var e struct {
		Error struct {
			Message string `json:"message"`
			Detail  string `json:"detail"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	if e.Error.Detail != "" && e.Error.Detail != e.Error.Message {
		return strings.TrimSpace(e.Error.Message + ": " + e.Error.Detail)
	}
	return e.Error.Message
}

func (s *ServiceNow) url(suffix string, q url.Values) string {
	u := s.BaseURL + "/api/now/table/" + s.Table + suffix
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// Query is the encoded query for active tm-ls records.
func (s *ServiceNow) Query() string {
	return "correlation_display=" + workitems.CorrelationDisplay + "^correlation_idISNOTEMPTY^active=true^ORDERBYsys_created_on"
}

// Search implements Tracker with GET /api/now/table/{table}, paging by sysparm_offset.
func (s *ServiceNow) Search(ctx context.Context) ([]Remote, error) {
	const limit = 100
	var out []Remote
	for offset := 0; offset < 1000*limit; offset += limit {
		q := url.Values{"sysparm_query": {s.Query()}, "sysparm_fields": {"sys_id,correlation_id,short_description,impact,urgency"},
			"sysparm_limit": {strconv.Itoa(limit)}, "sysparm_offset": {strconv.Itoa(offset)}}
		var res struct {
			Result []struct {
				SysID            string `json:"sys_id"`
				CorrelationID    string `json:"correlation_id"`
				ShortDescription string `json:"short_description"`
				Impact           string `json:"impact"`
				Urgency          string `json:"urgency"`
			} `json:"result"`
		}
		if err := s.client.do(ctx, request{tracker: "servicenow", method: "GET", url: s.url("", q), auth: s.auth}, &res, snowMessage); err != nil {
			return nil, err
		}
		for _, r := range res.Result {
			out = append(out, Remote{ID: r.SysID, Key: r.CorrelationID, Fingerprint: r.ShortDescription + "\x00" + r.Impact + "\x00" + r.Urgency})
		}
		if len(res.Result) < limit {
			return out, nil
		}
	}
	return nil, fmt.Errorf("servicenow: search returned more than 1000 pages")
}

// Create implements Tracker with POST /api/now/table/{table}.
func (s *ServiceNow) Create(ctx context.Context, it workitems.Item) (string, error) {
	var res struct {
		Result struct {
			SysID string `json:"sys_id"`
		} `json:"result"`
	}
	r := request{tracker: "servicenow", method: "POST", url: s.url("", nil), auth: s.auth, body: workitems.SNOWBody(it)}
	if err := s.client.do(ctx, r, &res, snowMessage); err != nil {
		return "", err
	}
	if res.Result.SysID == "" {
		return "", fmt.Errorf("servicenow: created a record for %s but the answer holds no sys_id", it.FindingID)
	}
	return res.Result.SysID, nil
}

// Update implements Tracker with PATCH /api/now/table/{table}/{sys_id}.
func (s *ServiceNow) Update(ctx context.Context, id string, it workitems.Item) error {
	r := request{tracker: "servicenow", method: "PATCH", url: s.url("/"+url.PathEscape(id), nil), auth: s.auth, body: workitems.SNOWBody(it)}
	return s.client.do(ctx, r, nil, snowMessage)
}

// Close implements Tracker by setting the state, close code and close notes.
func (s *ServiceNow) Close(ctx context.Context, id string) error {
	body := map[string]string{"state": s.ClosedState, "close_code": s.CloseCode,
		"close_notes": "Closed by tm-ls: the finding is no longer open (fixed, suppressed or accepted)."}
	r := request{tracker: "servicenow", method: "PATCH", url: s.url("/"+url.PathEscape(id), nil), auth: s.auth, body: body}
	return s.client.do(ctx, r, nil, snowMessage)
}

// New returns the tracker named jira, ado or servicenow, configured from env.
func New(name string, env Env, c *Client) (Tracker, error) {
	switch name {
	case "jira":
		return JiraFromEnv(env, c)
	case "ado", "azure-devops":
		return ADOFromEnv(env, c)
	case "servicenow", "snow":
		return ServiceNowFromEnv(env, c)
	}
	return nil, fmt.Errorf("unknown tracker %q: want jira, ado or servicenow", name)
}

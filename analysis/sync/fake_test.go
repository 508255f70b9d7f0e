package sync

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
)

// The fakes below implement the documented request shapes of each tracker and
// reject anything else: every request is checked for method, path, query, headers
// (Authorization, Accept, Content-Type) and body fields, and the fake keeps the
// state of the items it holds.

type rec struct {
	id, key, title, prio string
	sev                  string // ADO severity
	labels               []string
	open                 bool
}

type store struct {
	t  *testing.T
	mu gosync.Mutex
	// items in creation order.
	items                              []*rec
	searches, creates, updates, closes int
	// hook may answer a request of a kind ("search", "create", "update", "close")
	// instead of the fake: status 0 lets the fake handle it.
	hook     func(kind string) (status int, header http.Header, body string)
	wantAuth string
}

func (s *store) errorf(format string, args ...any) {
	s.t.Helper()
	s.t.Errorf(format, args...)
}

func (s *store) find(id string) *rec {
	for _, r := range s.items {
		if r.id == id {
			return r
		}
	}
	return nil
}

// byKey returns the items carrying the finding key (open or not).
func (s *store) byKey(key string) []*rec {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*rec
	for _, r := range s.items {
		if r.key == key {
			out = append(out, r)
		}
	}
	return out
}

func (s *store) openCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.items {
		if r.open {
			n++
		}
	}
	return n
}

func (s *store) counts() [4]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return [4]int{s.searches, s.creates, s.updates, s.closes}
}

// common checks the headers every request must carry and runs the hook; it reports
// whether the request was answered.
func (s *store) common(w http.ResponseWriter, r *http.Request, kind string, bodyType string) bool {
	s.t.Helper()
	if got := r.Header.Get("Authorization"); got != s.wantAuth {
		s.errorf("%s %s: Authorization %q, want the configured Basic credentials", r.Method, r.URL, got)
	}
	if got := r.Header.Get("Accept"); got != "application/json" {
		s.errorf("%s %s: Accept %q, want application/json", r.Method, r.URL, got)
	}
	if got := r.Header.Get("Content-Type"); got != bodyType {
		s.errorf("%s %s: Content-Type %q, want %q", r.Method, r.URL, got, bodyType)
	}
	if s.hook != nil {
		if status, h, body := s.hook(kind); status != 0 {
			for k, v := range h {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, body)
			return true
		}
	}
	return false
}

func decode(t *testing.T, r *http.Request, v any) bool {
	t.Helper()
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Errorf("%s %s: body does not match the documented shape: %v", r.Method, r.URL, err)
		return false
	}
	return true
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		json.NewEncoder(w).Encode(v)
	}
}

func basic(user, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+secret))
}

func keyOf(labels []string) string {
	for _, l := range labels {
		if strings.HasPrefix(l, "tmls-") {
			return l
		}
	}
	return ""
}

// ---- Jira Cloud REST v3 ----

const jiraSecret = "jira-SECRET-token-42"

var jiraPriorities = []string{"Highest", "High", "Medium", "Low", "Lowest"}

func newJiraFake(t *testing.T) (*store, *httptest.Server) {
	s := &store{t: t, wantAuth: basic("dev@example.com", jiraSecret)}
	issuePath := regexp.MustCompile(`^/rest/api/3/issue/(SEC-[0-9]+)(/transitions)?$`)
	wantJQL := `project = "SEC" AND labels = "tm-ls" AND statusCategory != Done ORDER BY key ASC`
	type adf struct {
		Type    string            `json:"type"`
		Version int               `json:"version"`
		Content []json.RawMessage `json:"content"`
	}
	type ref struct {
		Key  string `json:"key,omitempty"`
		Name string `json:"name,omitempty"`
	}
	type fields struct {
		Project     *ref     `json:"project"`
		IssueType   *ref     `json:"issuetype"`
		Summary     string   `json:"summary"`
		Description adf      `json:"description"`
		Priority    ref      `json:"priority"`
		Labels      []string `json:"labels"`
	}
	checkFields := func(r *http.Request, f fields, create bool) bool {
		ok := true
		bad := func(format string, args ...any) {
			s.errorf("%s %s: "+format, append([]any{r.Method, r.URL.Path}, args...)...)
			ok = false
		}
		if create && (f.Project == nil || f.Project.Key != "SEC" || f.IssueType == nil || f.IssueType.Name != "Bug") {
			bad("project/issuetype = %v/%v, want SEC/Bug", f.Project, f.IssueType)
		}
		if !create && (f.Project != nil || f.IssueType != nil) {
			bad("an edit must not send project or issuetype")
		}
		if f.Summary == "" || len(f.Summary) > 255 || strings.ContainsAny(f.Summary, "\n\r") {
			bad("summary %q is not one line of at most 255 characters", f.Summary)
		}
		if f.Description.Type != "doc" || f.Description.Version != 1 || len(f.Description.Content) == 0 {
			bad("description is not an ADF document: %+v", f.Description)
		}
		if !slices.Contains(jiraPriorities, f.Priority.Name) {
			bad("priority %q", f.Priority.Name)
		}
		if !slices.Contains(f.Labels, "tm-ls") || keyOf(f.Labels) == "" {
			bad("labels %q lack tm-ls or the tmls- key", f.Labels)
		}
		for _, l := range f.Labels {
			if strings.ContainsAny(l, " @") {
				bad("label %q holds a space or @", l)
			}
		}
		return ok
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case r.Method == "GET" && r.URL.Path == "/rest/api/3/search/jql":
			s.searches++
			if s.common(w, r, "search", "") {
				return
			}
			q := r.URL.Query()
			if q.Get("jql") != wantJQL || q.Get("fields") != "summary,labels,priority" || q.Get("maxResults") != "100" {
				s.errorf("search query %v", q)
			}
			var open []*rec
			for _, it := range s.items {
				if it.open {
					open = append(open, it)
				}
			}
			slices.SortFunc(open, func(a, b *rec) int { return lessNum(a.id, b.id) })
			// Two per page, to exercise nextPageToken.
			start := 0
			if tok := q.Get("nextPageToken"); tok != "" {
				start, _ = strconv.Atoi(strings.TrimPrefix(tok, "page-"))
			}
			end := min(start+2, len(open))
			var issues []map[string]any
			for _, it := range open[start:end] {
				issues = append(issues, map[string]any{"id": "1" + it.id[4:], "key": it.id, "self": "x",
					"fields": map[string]any{"summary": it.title, "labels": it.labels, "priority": map[string]string{"name": it.prio, "id": "2"}}})
			}
			res := map[string]any{"issues": issues, "isLast": end == len(open)}
			if end < len(open) {
				res["nextPageToken"] = fmt.Sprintf("page-%d", end)
			}
			reply(w, 200, res)
		case r.Method == "POST" && r.URL.Path == "/rest/api/3/issue":
			s.creates++
			if s.common(w, r, "create", "application/json") {
				return
			}
			var body struct {
				Fields fields `json:"fields"`
			}
			if !decode(s.t, r, &body) || !checkFields(r, body.Fields, true) {
				reply(w, 400, map[string]any{"errorMessages": []string{"bad request"}})
				return
			}
			id := fmt.Sprintf("SEC-%d", len(s.items)+1)
			s.items = append(s.items, &rec{id: id, key: keyOf(body.Fields.Labels), title: body.Fields.Summary, prio: body.Fields.Priority.Name, labels: body.Fields.Labels, open: true})
			reply(w, 201, map[string]string{"id": "1" + id[4:], "key": id, "self": "https://x/rest/api/3/issue/" + id})
		default:
			m := issuePath.FindStringSubmatch(r.URL.Path)
			if m == nil {
				s.errorf("unexpected request %s %s", r.Method, r.URL)
				reply(w, 404, map[string]any{"errorMessages": []string{"no such endpoint"}})
				return
			}
			it := s.find(m[1])
			switch {
			case r.Method == "PUT" && m[2] == "":
				s.updates++
				if s.common(w, r, "update", "application/json") {
					return
				}
				var body struct {
					Fields fields `json:"fields"`
				}
				if it == nil || !decode(s.t, r, &body) || !checkFields(r, body.Fields, false) {
					reply(w, 400, map[string]any{"errorMessages": []string{"bad edit"}})
					return
				}
				it.title, it.prio, it.labels = body.Fields.Summary, body.Fields.Priority.Name, body.Fields.Labels
				reply(w, 204, nil)
			case r.Method == "GET" && m[2] != "":
				if s.common(w, r, "close", "") {
					return
				}
				reply(w, 200, map[string]any{"transitions": []map[string]any{
					{"id": "11", "name": "To Do", "to": map[string]any{"statusCategory": map[string]string{"key": "new"}}},
					{"id": "21", "name": "In Progress", "to": map[string]any{"statusCategory": map[string]string{"key": "indeterminate"}}},
					{"id": "31", "name": "Done", "to": map[string]any{"statusCategory": map[string]string{"key": "done"}}},
				}})
			case r.Method == "POST" && m[2] != "":
				s.closes++
				if s.common(w, r, "close", "application/json") {
					return
				}
				var body struct {
					Transition struct {
						ID string `json:"id"`
					} `json:"transition"`
				}
				if it == nil || !decode(s.t, r, &body) || body.Transition.ID != "31" {
					s.errorf("transition %+v on %s, want 31 (Done)", body, m[1])
					reply(w, 400, map[string]any{"errorMessages": []string{"bad transition"}})
					return
				}
				it.open = false
				reply(w, 204, nil)
			default:
				s.errorf("unexpected request %s %s", r.Method, r.URL)
				reply(w, 405, nil)
			}
		}
	})
	return s, httptest.NewServer(h)
}

func lessNum(a, b string) int {
	if lessID(a, b) {
		return -1
	}
	if lessID(b, a) {
		return 1
	}
	return 0
}

// ---- Azure DevOps work item tracking 7.1 ----

const adoSecret = "ado-SECRET-pat-42"

func newADOFake(t *testing.T) (*store, *httptest.Server) {
	s := &store{t: t, wantAuth: basic("", adoSecret)}
	prefix := "/org/My Project/_apis/wit/"
	wantWIQL := "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] CONTAINS 'tm-ls' AND [System.State] NOT IN ('Closed', 'Removed') ORDER BY [System.Id]"
	severities := []string{"1 - Critical", "2 - High", "3 - Medium", "4 - Low"}
	type op struct {
		Op    string `json:"op"`
		Path  string `json:"path"`
		Value any    `json:"value"`
	}
	// apply checks a JSON Patch document and returns its fields.
	apply := func(r *http.Request, ops []op) (map[string]any, bool) {
		f := map[string]any{}
		for _, o := range ops {
			if o.Op != "add" || !strings.HasPrefix(o.Path, "/fields/") {
				s.errorf("%s %s: patch op %+v", r.Method, r.URL.Path, o)
				return nil, false
			}
			f[strings.TrimPrefix(o.Path, "/fields/")] = o.Value
		}
		return f, true
	}
	checkItem := func(r *http.Request, f map[string]any) bool {
		title, _ := f["System.Title"].(string)
		tags, _ := f["System.Tags"].(string)
		desc, _ := f["System.Description"].(string)
		prio, _ := f["Microsoft.VSTS.Common.Priority"].(float64)
		sev, _ := f["Microsoft.VSTS.Common.Severity"].(string)
		if title == "" || len(title) > 255 || !strings.Contains(desc, "<p>") || prio < 1 || prio > 4 || !slices.Contains(severities, sev) ||
			!slices.Contains(splitTags(tags), "tm-ls") || keyOf(splitTags(tags)) == "" || len(f) != 5 {
			s.errorf("%s %s: work item fields %v", r.Method, r.URL.Path, f)
			return false
		}
		return true
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if !strings.HasPrefix(r.URL.Path, prefix) || r.URL.Query().Get("api-version") != "7.1" {
			s.errorf("unexpected request %s %s (want %s… with api-version=7.1)", r.Method, r.URL, prefix)
			reply(w, 404, map[string]string{"message": "not found"})
			return
		}
		path := strings.TrimPrefix(r.URL.Path, prefix)
		switch {
		case r.Method == "POST" && path == "wiql":
			s.searches++
			if s.common(w, r, "search", "application/json") {
				return
			}
			var body struct {
				Query string `json:"query"`
			}
			if !decode(s.t, r, &body) || body.Query != wantWIQL {
				s.errorf("WIQL %q, want %q", body.Query, wantWIQL)
			}
			var refs []map[string]any
			for _, it := range s.items {
				if it.open {
					n, _ := strconv.Atoi(it.id)
					refs = append(refs, map[string]any{"id": n, "url": "x"})
				}
			}
			reply(w, 200, map[string]any{"queryType": "flat", "workItems": refs})
		case r.Method == "GET" && path == "workitems":
			if s.common(w, r, "search", "") {
				return
			}
			q := r.URL.Query()
			if q.Get("fields") != "System.Id,System.Title,System.Tags,Microsoft.VSTS.Common.Priority,Microsoft.VSTS.Common.Severity" {
				s.errorf("workitems fields %q", q.Get("fields"))
			}
			var vals []map[string]any
			for _, id := range strings.Split(q.Get("ids"), ",") {
				it := s.find(id)
				if it == nil {
					s.errorf("ids %q names an unknown work item", q.Get("ids"))
					continue
				}
				n, _ := strconv.Atoi(id)
				p, _ := strconv.Atoi(it.prio)
				// ADO returns tags in its own order.
				tags := append([]string(nil), it.labels...)
				slices.Reverse(tags)
				vals = append(vals, map[string]any{"id": n, "rev": 2, "fields": map[string]any{"System.Id": n, "System.Title": it.title,
					"System.Tags": strings.Join(tags, "; "), "Microsoft.VSTS.Common.Priority": p, "Microsoft.VSTS.Common.Severity": it.sev}})
			}
			reply(w, 200, map[string]any{"count": len(vals), "value": vals})
		case r.Method == "POST" && path == "workitems/$Bug":
			s.creates++
			if s.common(w, r, "create", "application/json-patch+json") {
				return
			}
			var ops []op
			if !decode(s.t, r, &ops) {
				reply(w, 400, map[string]string{"message": "bad patch"})
				return
			}
			f, ok := apply(r, ops)
			if !ok || !checkItem(r, f) {
				reply(w, 400, map[string]string{"message": "TF401320: Rule Error for field Title"})
				return
			}
			id := strconv.Itoa(len(s.items) + 1)
			s.items = append(s.items, adoRec(id, f))
			n, _ := strconv.Atoi(id)
			reply(w, 200, map[string]any{"id": n, "rev": 1, "fields": f})
		case r.Method == "PATCH" && strings.HasPrefix(path, "workitems/"):
			it := s.find(strings.TrimPrefix(path, "workitems/"))
			var ops []op
			if it == nil || !decode(s.t, r, &ops) {
				reply(w, 404, map[string]string{"message": "TF401232: Work item does not exist"})
				return
			}
			f, ok := apply(r, ops)
			if !ok {
				reply(w, 400, map[string]string{"message": "bad patch"})
				return
			}
			if st, closing := f["System.State"]; closing {
				s.closes++
				if s.common(w, r, "close", "application/json-patch+json") {
					return
				}
				if st != "Closed" || len(f) != 1 {
					s.errorf("close patch %v", f)
				}
				it.open = false
			} else {
				s.updates++
				if s.common(w, r, "update", "application/json-patch+json") {
					return
				}
				if !checkItem(r, f) {
					reply(w, 400, map[string]string{"message": "bad fields"})
					return
				}
				*it = *adoRec(it.id, f)
			}
			reply(w, 200, map[string]any{"id": it.id})
		default:
			s.errorf("unexpected request %s %s", r.Method, r.URL)
			reply(w, 405, map[string]string{"message": "method not allowed"})
		}
	})
	return s, httptest.NewServer(h)
}

// adoRec records a work item from its fields.
func adoRec(id string, f map[string]any) *rec {
	tags := splitTags(f["System.Tags"].(string))
	return &rec{id: id, key: keyOf(tags), title: f["System.Title"].(string), prio: strconv.Itoa(int(f["Microsoft.VSTS.Common.Priority"].(float64))),
		sev: f["Microsoft.VSTS.Common.Severity"].(string), labels: tags, open: true}
}

// ---- ServiceNow Table API ----

const snowSecret = "snow-SECRET-password-42"

func newSNOWFake(t *testing.T) (*store, *httptest.Server) {
	s := &store{t: t, wantAuth: basic("svc-tmls", snowSecret)}
	wantQuery := "correlation_display=tm-ls^correlation_idISNOTEMPTY^active=true^ORDERBYsys_created_on"
	recPath := regexp.MustCompile(`^/api/now/table/incident/([0-9a-f]{32})$`)
	levels := []string{"1", "2", "3"}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case r.Method == "GET" && r.URL.Path == "/api/now/table/incident":
			s.searches++
			if s.common(w, r, "search", "") {
				return
			}
			q := r.URL.Query()
			if q.Get("sysparm_query") != wantQuery || q.Get("sysparm_fields") != "sys_id,correlation_id,short_description,impact,urgency" ||
				q.Get("sysparm_limit") != "100" || q.Get("sysparm_offset") != "0" {
				s.errorf("table query %v", q)
			}
			res := []map[string]string{}
			for _, it := range s.items {
				if it.open {
					imp, urg, _ := strings.Cut(it.prio, "/")
					res = append(res, map[string]string{"sys_id": it.id, "correlation_id": it.key, "short_description": it.title, "impact": imp, "urgency": urg})
				}
			}
			reply(w, 200, map[string]any{"result": res})
		case r.Method == "POST" && r.URL.Path == "/api/now/table/incident":
			s.creates++
			if s.common(w, r, "create", "application/json") {
				return
			}
			var body map[string]string
			if !decode(s.t, r, &body) {
				reply(w, 400, nil)
				return
			}
			if body["short_description"] == "" || !strings.Contains(body["description"], "Finding ID: ") || !slices.Contains(levels, body["impact"]) ||
				!slices.Contains(levels, body["urgency"]) || body["correlation_id"] == "" || body["correlation_display"] != "tm-ls" || len(body) != 6 {
				s.errorf("record %v", body)
				reply(w, 400, map[string]any{"error": map[string]string{"message": "Invalid record"}, "status": "failure"})
				return
			}
			id := fmt.Sprintf("%032x", len(s.items)+1)
			s.items = append(s.items, &rec{id: id, key: body["correlation_id"], title: body["short_description"], prio: body["impact"] + "/" + body["urgency"], open: true})
			reply(w, 201, map[string]any{"result": map[string]string{"sys_id": id, "number": "INC00100"}})
		case r.Method == "PATCH" && recPath.MatchString(r.URL.Path):
			it := s.find(recPath.FindStringSubmatch(r.URL.Path)[1])
			var body map[string]string
			if it == nil || !decode(s.t, r, &body) {
				reply(w, 404, map[string]any{"error": map[string]string{"message": "No Record found"}})
				return
			}
			if _, closing := body["state"]; closing {
				s.closes++
				if s.common(w, r, "close", "application/json") {
					return
				}
				if body["state"] != "6" || body["close_code"] == "" || body["close_notes"] == "" || len(body) != 3 {
					s.errorf("close %v", body)
				}
				it.open = false
			} else {
				s.updates++
				if s.common(w, r, "update", "application/json") {
					return
				}
				if body["correlation_id"] != it.key || !slices.Contains(levels, body["impact"]) {
					s.errorf("update %v of %s", body, it.key)
				}
				it.title, it.prio = body["short_description"], body["impact"]+"/"+body["urgency"]
			}
			reply(w, 200, map[string]any{"result": map[string]string{"sys_id": it.id}})
		default:
			s.errorf("unexpected request %s %s", r.Method, r.URL)
			reply(w, 400, map[string]any{"error": map[string]string{"message": "Invalid table"}})
		}
	})
	return s, httptest.NewServer(h)
}

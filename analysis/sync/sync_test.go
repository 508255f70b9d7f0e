package sync

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/workitems"
)

// harness is one tracker under test: its fake, and a tracker configured against it
// from environment variables, as the CLI does.
type harness struct {
	name    string
	secret  string
	start   func(*testing.T) (*store, *httptest.Server)
	env     func(url string) map[string]string
	prioOf  func(model.Severity) string // what the fake records as priority
	authRaw string                      // user:secret as sent in Basic auth
}

var harnesses = []harness{
	{name: "jira", secret: jiraSecret, start: newJiraFake, authRaw: "dev@example.com:" + jiraSecret,
		env: func(u string) map[string]string {
			return map[string]string{"TM_LS_JIRA_URL": u, "TM_LS_JIRA_EMAIL": "dev@example.com", "TM_LS_JIRA_TOKEN": jiraSecret, "TM_LS_JIRA_PROJECT": "SEC"}
		},
		prioOf: workitems.JiraPriority},
	{name: "ado", secret: adoSecret, start: newADOFake, authRaw: ":" + adoSecret,
		env: func(u string) map[string]string {
			return map[string]string{"TM_LS_ADO_ORG_URL": u + "/org", "TM_LS_ADO_PROJECT": "My Project", "TM_LS_ADO_TOKEN": adoSecret}
		},
		prioOf: func(s model.Severity) string { return strings.TrimSpace(string(rune('0' + workitems.ADOPriority(s)))) }},
	{name: "servicenow", secret: snowSecret, start: newSNOWFake, authRaw: "svc-tmls:" + snowSecret,
		env: func(u string) map[string]string {
			return map[string]string{"TM_LS_SNOW_URL": u, "TM_LS_SNOW_USER": "svc-tmls", "TM_LS_SNOW_PASSWORD": snowSecret}
		},
		prioOf: func(s model.Severity) string {
			i, u := workitems.SNOWImpactUrgency(s)
			return string(rune('0'+i)) + "/" + string(rune('0'+u))
		}},
}

// sleeps records the waits a client asked for instead of sleeping.
type sleeps struct{ got []time.Duration }

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.got = append(s.got, d)
	return ctx.Err()
}

type run struct {
	h       harness
	store   *store
	server  *httptest.Server
	tracker Tracker
	sleeps  *sleeps
	logs    *bytes.Buffer
	// outputs collects everything printed or returned, to check for secrets.
	outputs *bytes.Buffer
}

func start(t *testing.T, h harness) *run {
	t.Helper()
	st, srv := h.start(t)
	t.Cleanup(srv.Close)
	r := &run{h: h, store: st, server: srv, sleeps: &sleeps{}, logs: &bytes.Buffer{}, outputs: &bytes.Buffer{}}
	core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.AddSync(r.logs), zapcore.DebugLevel)
	client := &Client{HTTP: srv.Client(), Sleep: r.sleeps.sleep, MaxAttempts: 4, BaseDelay: time.Second, MaxDelay: 30 * time.Second,
		Log: zap.New(core), Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}
	env := h.env(srv.URL)
	tr, err := New(h.name, func(k string) string { return env[k] }, client)
	if err != nil {
		t.Fatal(err)
	}
	r.tracker = tr
	t.Cleanup(func() { r.checkNoSecrets(t) })
	return r
}

// checkNoSecrets fails if the secret, the user:secret pair or its Basic encoding was
// logged, printed or put in an error.
func (r *run) checkNoSecrets(t *testing.T) {
	all := r.logs.String() + r.outputs.String()
	for _, s := range []string{r.h.secret, r.h.authRaw, base64.StdEncoding.EncodeToString([]byte(r.h.authRaw))} {
		if strings.Contains(all, s) {
			t.Errorf("a credential leaked into logs, output or errors: %q", s)
		}
	}
	if !strings.Contains(r.logs.String(), "tracker request") {
		t.Error("no request was logged: the secret check proves nothing")
	}
}

func (r *run) sync(t *testing.T, findings []*model.Finding, dryRun bool) (Plan, Report, error) {
	t.Helper()
	p, rep, err := Sync(context.Background(), r.tracker, workitems.FromFindings(findings), dryRun)
	p.WriteText(r.outputs)
	rep.WriteText(r.outputs)
	if err != nil {
		r.outputs.WriteString(err.Error())
	}
	return p, rep, err
}

func finding(rule, res string, sev model.Severity) *model.Finding {
	return &model.Finding{ID: rule + "@" + res, RuleID: rule, Rule: &model.RuleMeta{ID: rule, Title: "Title of " + rule, Remediation: "Fix it.",
		Description: "A threat.", Compliance: []string{"pci-dss-4.0:1.3.1"}, Stride: []string{"tampering"}},
		Resource: res, Severity: sev, Status: model.Open, File: "main.tf", Likelihood: 3, Impact: 3, Inherent: 9, Residual: 9}
}

func three() []*model.Finding {
	return []*model.Finding{
		finding("TM-A", "aws_s3_bucket.a", model.SeverityHigh),
		finding("TM-B", "aws_s3_bucket.b", model.SeverityMedium),
		finding("TM-C", "aws_instance.c", model.SeverityLow),
	}
}

func wantCounts(t *testing.T, what string, p Plan, create, update, close, keep int) {
	t.Helper()
	if got := [4]int{p.Count(Create), p.Count(Update), p.Count(Close), p.Count(Keep)}; got != [4]int{create, update, close, keep} {
		t.Errorf("%s: plan create/update/close/keep = %v, want %v", what, got, [4]int{create, update, close, keep})
	}
}

func TestSyncLifecycle(t *testing.T) {
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			r := start(t, h)
			fs := three()

			// 1. Create.
			p, rep, err := r.sync(t, fs, false)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "first run", p, 3, 0, 0, 0)
			if rep.Count(Create) != 3 || r.store.openCount() != 3 {
				t.Fatalf("created %d, tracker holds %d open", rep.Count(Create), r.store.openCount())
			}
			for _, f := range fs {
				recs := r.store.byKey(r.tracker.Key(workitems.FromFinding(f)))
				if len(recs) != 1 || recs[0].prio != h.prioOf(f.Severity) || recs[0].title != "[tm-ls] Title of "+f.RuleID+" on "+f.Resource {
					t.Errorf("%s: tracker items %+v", f.ID, recs)
				}
			}

			// 2. Re-run: nothing to do.
			before := r.store.counts()
			p, _, err = r.sync(t, fs, false)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "re-run", p, 0, 0, 0, 3)
			if after := r.store.counts(); after[1] != before[1] || after[2] != before[2] || after[3] != before[3] {
				t.Errorf("a re-run wrote to the tracker: %v → %v", before, after)
			}

			// 3. TM-B fixed: its item is closed, the others kept.
			p, rep, err = r.sync(t, []*model.Finding{fs[0], fs[2]}, false)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "after a fix", p, 0, 0, 1, 2)
			b := r.store.byKey(r.tracker.Key(workitems.FromFinding(fs[1])))
			if rep.Count(Close) != 1 || len(b) != 1 || b[0].open || r.store.openCount() != 2 {
				t.Errorf("closing the fixed finding: report %+v, item %+v", rep, b)
			}

			// 4. TM-A becomes critical: its item is updated.
			fs[0].Severity = model.SeverityCritical
			p, rep, err = r.sync(t, []*model.Finding{fs[0], fs[2]}, false)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "after a severity change", p, 0, 1, 0, 1)
			a := r.store.byKey(r.tracker.Key(workitems.FromFinding(fs[0])))
			if rep.Count(Update) != 1 || len(a) != 1 || a[0].prio != h.prioOf(model.SeverityCritical) {
				t.Errorf("updating the changed finding: report %+v, item %+v", rep, a)
			}

			// 5. Stable again; a dry run plans without writing.
			p, _, err = r.sync(t, []*model.Finding{fs[0], fs[2]}, false)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "stable", p, 0, 0, 0, 2)
			before = r.store.counts()
			p, _, err = r.sync(t, []*model.Finding{fs[0], fs[1]}, true)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "dry run", p, 1, 0, 1, 1)
			if after := r.store.counts(); after[1] != before[1] || after[2] != before[2] || after[3] != before[3] {
				t.Errorf("a dry run wrote to the tracker: %v → %v", before, after)
			}
			var plan bytes.Buffer
			p.WriteText(&plan)
			if !strings.Contains(plan.String(), "1 to create, 0 to update, 1 to close, 1 unchanged") || !strings.Contains(plan.String(), "create  TM-B@aws_s3_bucket.b") {
				t.Errorf("dry-run plan:\n%s", plan.String())
			}
		})
	}
}

func TestSyncSkipsSuppressedAndAccepted(t *testing.T) {
	r := start(t, harnesses[0])
	fs := three()
	fs[1].Status = model.Suppressed
	fs[2].Status = model.Accepted
	if _, rep, err := r.sync(t, fs, false); err != nil || rep.Count(Create) != 1 {
		t.Fatalf("created %d (%v), want only the open finding", rep.Count(Create), err)
	}
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			r := start(t, h)
			n := 0
			r.store.hook = func(kind string) (int, http.Header, string) {
				if kind == "create" {
					if n++; n == 2 {
						return 429, http.Header{"Retry-After": {"7"}}, `{"message":"slow down"}`
					}
				}
				return 0, nil, ""
			}
			_, rep, err := r.sync(t, three(), false)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Count(Create) != 3 || r.store.openCount() != 3 {
				t.Errorf("created %d, tracker holds %d", rep.Count(Create), r.store.openCount())
			}
			if len(r.sleeps.got) != 1 || r.sleeps.got[0] != 7*time.Second {
				t.Errorf("waits = %v, want [7s] from Retry-After", r.sleeps.got)
			}
		})
	}
}

func TestServerErrorGivesUpWithBackoff(t *testing.T) {
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			r := start(t, h)
			r.store.hook = func(kind string) (int, http.Header, string) {
				return 500, nil, `{"message":"internal","errorMessages":["internal"],"error":{"message":"internal"}}`
			}
			_, _, err := r.sync(t, three(), false)
			var api *APIError
			if !errors.As(err, &api) || api.Status != 500 || api.Attempts != 4 {
				t.Fatalf("err = %v, want an APIError 500 after 4 attempts", err)
			}
			if !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "gave up after 4 attempts") || !strings.Contains(err.Error(), h.name) {
				t.Errorf("error is not clear: %v", err)
			}
			if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !equalDurations(r.sleeps.got, want) {
				t.Errorf("waits = %v, want exponential %v", r.sleeps.got, want)
			}
			if c := r.store.counts(); c[0] != 4 || c[1] != 0 {
				t.Errorf("searches/creates = %d/%d, want 4/0", c[0], c[1])
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestUnauthorizedIsClear(t *testing.T) {
	bodies := map[string]string{
		"jira":       `{"errorMessages":["Client must be authenticated to access this resource."],"errors":{}}`,
		"ado":        `{"$id":"1","message":"TF400813: The user is not authorized to access this resource.","typeKey":"UnauthorizedRequestException"}`,
		"servicenow": `{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}`,
	}
	wants := map[string]string{
		"jira":       "Client must be authenticated to access this resource.",
		"ado":        "TF400813: The user is not authorized",
		"servicenow": "User Not Authenticated: Required to provide Auth information",
	}
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			r := start(t, h)
			r.store.hook = func(string) (int, http.Header, string) { return 401, nil, bodies[h.name] }
			_, _, err := r.sync(t, three(), false)
			if err == nil || !strings.Contains(err.Error(), "HTTP 401") || !strings.Contains(err.Error(), wants[h.name]) ||
				!strings.Contains(err.Error(), "check the credentials") {
				t.Errorf("err = %v", err)
			}
			if len(r.sleeps.got) != 0 || r.store.counts()[0] != 1 {
				t.Errorf("a 401 was retried: waits %v", r.sleeps.got)
			}
		})
	}
}

func TestUnreachableTracker(t *testing.T) {
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			r := start(t, h)
			r.server.Close()
			_, _, err := r.sync(t, three(), false)
			if err == nil || !strings.Contains(err.Error(), "cannot reach "+r.server.URL) {
				t.Errorf("err = %v, want 'cannot reach %s'", err, r.server.URL)
			}
			r.logs.WriteString("tracker request (none: unreachable)")
		})
	}
}

func TestPartialFailureResumes(t *testing.T) {
	for _, h := range harnesses {
		t.Run(h.name, func(t *testing.T) {
			r := start(t, h)
			n := 0
			r.store.hook = func(kind string) (int, http.Header, string) {
				if kind == "create" {
					if n++; n == 2 {
						return 400, nil, `{"errorMessages":["Field 'priority' cannot be set."],"message":"TF401320: Rule Error","error":{"message":"Invalid priority"}}`
					}
				}
				return 0, nil, ""
			}
			fs := three()
			_, rep, err := r.sync(t, fs, false)
			if err == nil || rep.Count(Create) != 1 || rep.Failed == nil || rep.Failed.Action != Create || rep.Pending != 1 {
				t.Fatalf("first run: err %v, report %+v", err, rep)
			}
			var out bytes.Buffer
			rep.WriteText(&out)
			for _, want := range []string{"created 1", "failed to create " + fs[1].ID, "HTTP 400", "1 change(s) not attempted"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("report does not say %q:\n%s", want, out.String())
				}
			}
			p, rep, err := r.sync(t, fs, false)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts(t, "resume", p, 2, 0, 0, 1)
			if rep.Count(Create) != 2 || r.store.openCount() != 3 {
				t.Errorf("resumed run created %d; tracker holds %d", rep.Count(Create), r.store.openCount())
			}
			for _, f := range fs {
				if got := len(r.store.byKey(r.tracker.Key(workitems.FromFinding(f)))); got != 1 {
					t.Errorf("%s has %d items, want exactly 1", f.ID, got)
				}
			}
		})
	}
}

func TestRetryAfterForms(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := map[string]time.Duration{"0": 0, "12": 12 * time.Second, now.Add(3 * time.Second).Format(http.TimeFormat): 3 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat): 0}
	for v, want := range cases {
		if got, ok := retryAfter(v, now); !ok || got != want {
			t.Errorf("retryAfter(%q) = %v, %v; want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"", "soon", "-5"} {
		if _, ok := retryAfter(v, now); ok {
			t.Errorf("retryAfter(%q) accepted", v)
		}
	}
}

func TestRetryAfterIsCapped(t *testing.T) {
	r := start(t, harnesses[2])
	n := 0
	r.store.hook = func(kind string) (int, http.Header, string) {
		if n++; n == 1 {
			return 503, http.Header{"Retry-After": {"86400"}}, ""
		}
		return 0, nil, ""
	}
	if _, _, err := r.sync(t, three(), false); err != nil {
		t.Fatal(err)
	}
	if len(r.sleeps.got) != 1 || r.sleeps.got[0] != 30*time.Second {
		t.Errorf("waits = %v, want one wait capped at MaxDelay 30s", r.sleeps.got)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := func(m map[string]string) Env { return func(k string) string { return m[k] } }
	_, err := New("jira", env(map[string]string{"TM_LS_JIRA_URL": "https://x.atlassian.net"}), &Client{})
	if err == nil || err.Error() != "jira: set TM_LS_JIRA_EMAIL, TM_LS_JIRA_TOKEN, TM_LS_JIRA_PROJECT in the environment" {
		t.Errorf("missing variables: %v", err)
	}
	_, err = New("ado", env(map[string]string{"TM_LS_ADO_ORG_URL": "dev.azure.com/org", "TM_LS_ADO_PROJECT": "p", "TM_LS_ADO_TOKEN": "t"}), &Client{})
	if err == nil || !strings.Contains(err.Error(), "TM_LS_ADO_ORG_URL must be an http(s) URL") {
		t.Errorf("URL without scheme: %v", err)
	}
	_, err = New("servicenow", env(map[string]string{"TM_LS_SNOW_URL": "https://u:pw@x.service-now.com", "TM_LS_SNOW_USER": "u", "TM_LS_SNOW_PASSWORD": "pw"}), &Client{})
	if err == nil || strings.Contains(err.Error(), "pw") || !strings.Contains(err.Error(), "must not hold credentials") {
		t.Errorf("URL with credentials: %v", err)
	}
	_, err = New("servicenow", env(map[string]string{"TM_LS_SNOW_URL": "https://x.service-now.com", "TM_LS_SNOW_USER": "u", "TM_LS_SNOW_PASSWORD": "pw", "TM_LS_SNOW_TABLE": "incident?x=1"}), &Client{})
	if err == nil || !strings.Contains(err.Error(), "not a table name") {
		t.Errorf("hostile table name: %v", err)
	}
	if _, err := New("github", env(nil), &Client{}); err == nil || !strings.Contains(err.Error(), "want jira, ado or servicenow") {
		t.Errorf("unknown tracker: %v", err)
	}
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	r := start(t, harnesses[0])
	r.store.hook = func(string) (int, http.Header, string) { return 503, nil, "" }
	ctx, cancel := context.WithCancel(context.Background())
	r.tracker.(*Jira).client.Sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	_, err := r.tracker.Search(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestPlanLeavesForeignAndDuplicateItems(t *testing.T) {
	j := &Jira{}
	items := workitems.FromFindings(three()[:1])
	k := items[0].Key
	remotes := []Remote{
		{ID: "SEC-10", Key: k, Fingerprint: j.Fingerprint(items[0])},
		{ID: "SEC-9", Key: k, Fingerprint: "old"},
		{ID: "SEC-3", Key: "", Fingerprint: "hand-made issue with the tm-ls label"},
	}
	p := MakePlan(j, items, remotes)
	if len(p.Steps) != 1 || p.Steps[0].Action != Update || p.Steps[0].Remote.ID != "SEC-9" {
		t.Errorf("plan = %+v; want one update of the oldest item SEC-9, nothing else touched", p.Steps)
	}
}

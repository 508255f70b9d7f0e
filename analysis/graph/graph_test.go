package graph

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/terraform"
	"github.com/tm-ls/tm-ls/analysis/tmdsl"
	graphrules "github.com/tm-ls/tm-ls/rules/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/graph")

// now is the fixed clock of every test: acceptances until 2026-06-30 have expired,
// those until 2027-03-31 have not.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func repoRoot(t testing.TB) string {
	t.Helper()
	abs, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

type result struct {
	g        *model.Graph
	findings []*model.Finding
	diags    []model.Diagnostic
}

func analyse(t testing.TB, dir string, withDSL bool) result {
	t.Helper()
	ws, err := terraform.Load(context.Background(), terraform.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	var dsl *tmdsl.Workspace
	var diags []model.Diagnostic
	if withDSL {
		var dd []model.Diagnostic
		dsl, dd = tmdsl.Load(dir, nil)
		diags = append(diags, dd...)
	}
	g, bd := Build(ws, dsl)
	diags = append(diags, bd...)
	cat, cd := graphrules.Builtin()
	if len(cd) > 0 {
		t.Fatalf("built-in graph rules: %v", cd)
	}
	fs, td := Threats(context.Background(), g, cat, now)
	diags = append(diags, td...)
	return result{g, fs, diags}
}

func example(t testing.TB, name string) result {
	return analyse(t, filepath.Join(repoRoot(t), "testdata", "examples", name), true)
}

func pos(file string, r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", file, r.Start.Line, r.Start.Column)
}

func renderFindings(r result) string {
	var b strings.Builder
	for _, f := range r.findings {
		fmt.Fprintf(&b, "%s\n  %s %s %s L%d×I%d=%d residual=%.2f\n  %s\n", f.ID, pos(f.File, f.Range), f.Severity, f.Status, f.Likelihood, f.Impact, f.Inherent, f.Residual, f.Message)
		if f.StatusNote != "" {
			fmt.Fprintf(&b, "  note: %s\n", f.StatusNote)
		}
		for _, rel := range f.Related {
			fmt.Fprintf(&b, "  - %s (%s)\n", rel.Message, pos(rel.File, rel.Range))
		}
	}
	b.WriteString("diagnostics:\n")
	for _, d := range r.diags {
		fmt.Fprintf(&b, "  %s %s %s: %s\n", pos(d.File, d.Range), d.Severity, d.Code, d.Summary)
	}
	return b.String()
}

func renderPaths(g *model.Graph) string {
	var b strings.Builder
	for _, p := range g.Paths {
		fmt.Fprintf(&b, "%s → %s (%s) L%d×I%d risk=%.2f\n", p.Source, p.Target, p.Classification, p.Likelihood, p.Impact, p.Risk)
		for i, f := range p.Flows {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, f)
		}
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run with -update after checking):\n--- got ---\n%s", path, got)
	}
}

var examples = []string{"three-tier-aws", "serverless-api", "azure-data-platform"}

func TestExamplesGolden(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			r := example(t, name)
			dir := filepath.Join(repoRoot(t), "testdata", "graph", name)
			golden(t, filepath.Join(dir, "findings.golden"), renderFindings(r))
			golden(t, filepath.Join(dir, "paths.golden"), renderPaths(r.g))
			// Same input, same output.
			again := example(t, name)
			if renderFindings(again) != renderFindings(r) || renderPaths(again.g) != renderPaths(r.g) {
				t.Errorf("two analyses of %s differ", name)
			}
		})
	}
}

func findFinding(r result, id string) *model.Finding {
	for _, f := range r.findings {
		if f.ID == id {
			return f
		}
	}
	return nil
}

func findFlow(g *model.Graph, from, to string) *model.Flow {
	for _, f := range g.Flows {
		if f.From == from && f.To == to {
			return f
		}
	}
	return nil
}

func TestThreeTierInferredOnly(t *testing.T) {
	r := analyse(t, filepath.Join(repoRoot(t), "testdata", "examples", "three-tier-aws"), false)
	if r.g.Declared {
		t.Fatal("no DSL was given, the graph must not be declared")
	}
	for _, d := range r.diags {
		if strings.HasPrefix(d.Code, "drift") {
			t.Errorf("drift reported without a declared model: %s", d.Summary)
		}
	}
	f80 := findFlow(r.g, InternetActor, "aws_lb.web")
	if f80 == nil {
		t.Fatal("no flow from the internet to the load balancer")
	}
	http := r.g.Flows[0]
	for _, f := range r.g.Flows {
		if f.Address == "actor.internet->aws_lb.web:80" {
			http = f
		}
	}
	if http.Address != "actor.internet->aws_lb.web:80" || http.Protocol != "http" || http.Encrypted != model.No || http.File != "edge.tf" {
		t.Errorf("HTTP listener flow: %+v", http)
	}
	backend := findFlow(r.g, "aws_lb.web", "module.web.aws_autoscaling_group.web")
	if backend == nil || backend.Port != 8080 || backend.Protocol != "http" {
		t.Fatalf("listener → target group → ASG flow: %+v", backend)
	}
	db := findFlow(r.g, "module.web.aws_autoscaling_group.web", "aws_db_instance.orders")
	if db == nil || db.Port != 5432 || db.Encrypted != model.Unknown || db.Via[0] != "aws_security_group_rule.db_from_web" {
		t.Fatalf("SG-to-SG flow through a module output: %+v", db)
	}
	pub := findFlow(r.g, InternetActor, "aws_db_instance.orders")
	if pub == nil || pub.Via[0] != "aws_security_group_rule.db_migration" {
		t.Fatalf("public DB flow from 0.0.0.0/0: %+v", pub)
	}
	for _, c := range r.g.Components {
		if c.Address == "module.web.aws_autoscaling_group.web" && (c.InternetFacing || c.Boundary != "aws_vpc.main") {
			t.Errorf("ASG in private subnets: %+v", c)
		}
		if c.Address == "aws_db_instance.orders" && (!c.InternetFacing || c.EncryptedAtRest != model.No) {
			t.Errorf("orders DB facts: %+v", c)
		}
	}
	// No data declared: no attack path, no data rule.
	if len(r.g.Paths) != 0 {
		t.Errorf("attack paths without sensitive data: %v", renderPaths(r.g))
	}
	if findFinding(r, "TM-GRAPH-FLOW-UNENCRYPTED-CROSSING@actor.internet->aws_lb.web:80") == nil {
		t.Errorf("plain HTTP from the internet not found:\n%s", renderFindings(r))
	}
}

func TestThreeTierDeclared(t *testing.T) {
	r := example(t, "three-tier-aws")
	p := findFinding(r, "TM-GRAPH-ATTACK-PATH@component.orders_db")
	if p == nil {
		t.Fatalf("no attack path to the orders DB:\n%s", renderFindings(r))
	}
	if p.File != "data.tf" || p.Range.Start.Line != 16 {
		t.Errorf("path located at %s, want the 0.0.0.0/0 rule (data.tf:16)", pos(p.File, p.Range))
	}
	if len(p.Related) < 1 || p.Related[0].Message != "step 1: internet → component.orders_db (POSTGRES 5432)" {
		t.Errorf("path steps: %+v", p.Related)
	}
	if p.Inherent != 25 || p.Residual != 15 || p.Status != model.Mitigated {
		t.Errorf("risk with a 40%% control: inherent %d residual %.2f status %s", p.Inherent, p.Residual, p.Status)
	}
	enc := findFinding(r, "TM-GRAPH-DATA-AT-REST-UNENCRYPTED@component.orders_db")
	if enc == nil || enc.File != "data.tf" || enc.Range.Start.Line != 41 {
		t.Fatalf("encryption at rest finding not on storage_encrypted: %+v", enc)
	}
	audit := findFinding(r, "TM-GRAPH-NO-AUDIT-TRAIL@component.orders_db")
	if audit == nil || audit.Status != model.Open || !strings.Contains(audit.StatusNote, "expired on 2026-06-30") {
		t.Fatalf("expired acceptance must reopen the finding: %+v", audit)
	}
	var expired bool
	for _, d := range r.diags {
		if d.Code == "acceptance-expired" && d.File == "threat-model.tm.hcl" {
			expired = true
		}
	}
	if !expired {
		t.Error("no acceptance-expired diagnostic")
	}
	waf := findFinding(r, "TM-GRAPH-INTERNET-NO-WAF@component.web_lb")
	if waf == nil || waf.Status != model.Open || waf.StatusNote != "control waf is planned" || waf.Residual != 12 {
		t.Errorf("a planned control does not reduce risk: %+v", waf)
	}
	if r.g.Paths[0].Target != "component.web" {
		// component.web: residual 20 ranks above the mitigated DB path (15).
		t.Errorf("paths not ranked by residual risk:\n%s", renderPaths(r.g))
	}
}

func TestServerlessInference(t *testing.T) {
	r := example(t, "serverless-api")
	want := [][2]string{
		{"component.api", "component.orders_fn"},               // API Gateway integration
		{"component.orders_fn", "component.orders_table"},      // IAM policy document
		{"component.orders_fn", "component.events"},            // IAM policy document
		{"component.events", "aws_lambda_function.notify"},     // event source mapping
		{"aws_lambda_function.notify", "aws_sns_topic.alerts"}, // managed policy attachment
		{"aws_sns_topic.alerts", "aws_sqs_queue.audit"},        // SNS subscription
	}
	for _, w := range want {
		if findFlow(r.g, w[0], w[1]) == nil {
			t.Errorf("no flow %s → %s", w[0], w[1])
		}
	}
	store := findFlow(r.g, "component.orders_fn", "component.orders_table")
	if store.Origin != model.Declared || store.Protocol != "aws-api" || store.Encrypted != model.Yes || !strings.Contains(strings.Join(store.Via, ","), "aws_iam_policy_document.orders") {
		t.Errorf("declared flow completed by the inferred one: %+v", store)
	}
	entry := findFlow(r.g, InternetActor, "component.api")
	if entry == nil || entry.Authenticated != model.No || !contains(entry.Via, "aws_apigatewayv2_route.create_order") {
		t.Errorf("a route with authorization_type NONE is an unauthenticated way in: %+v", entry)
	}
	waf := findFinding(r, "TM-GRAPH-INTERNET-NO-WAF@component.api")
	if waf == nil || waf.Status != model.Accepted || !strings.Contains(waf.StatusNote, "until 2027-03-31") {
		t.Errorf("acceptance not applied: %+v", waf)
	}
}

func TestAzureInference(t *testing.T) {
	r := example(t, "azure-data-platform")
	ingest := findFlow(r.g, "component.etl", "component.lake")
	if ingest == nil || !strings.Contains(strings.Join(ingest.Via, ","), "azurerm_role_assignment.etl_lake") {
		t.Errorf("role assignment flow: %+v", ingest)
	}
	load := findFlow(r.g, "component.etl", "component.warehouse")
	if load == nil || !strings.Contains(strings.Join(load.Via, ","), "azurerm_data_factory_linked_service_azure_sql_database.dw") {
		t.Errorf("linked service flow: %+v", load)
	}
	aks := findFlow(r.g, InternetActor, "component.analytics")
	if aks == nil || aks.Port != 443 || aks.Protocol != "https" || !contains(aks.Via, "azurerm_network_security_group.aks") {
		t.Errorf("NSG rule on the AKS subnet: %+v", aks)
	}
	if f := findFinding(r, "TM-GRAPH-DATA-AT-REST-UNENCRYPTED@component.warehouse"); f == nil || f.File != "data.tf" {
		t.Errorf("TDE disabled not found: %+v", f)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDrift(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.tf": `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
}
resource "aws_db_instance" "db" {
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
}
resource "aws_instance" "app" {
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
`,
		"model.tm.hcl": `component "db" {
  kind      = "datastore"
  terraform = [aws_db_instance.db, aws_rds_cluster.gone]
}
component "app" {
  kind      = "compute"
  terraform = [aws_instance.app]
}
flow "query" {
  from = component.app
  to   = component.db
}
`,
	})
	r := analyse(t, dir, true)
	want := map[string]string{
		"drift-missing-resource": "model.tm.hcl:3:36",
		"drift-flow-not-allowed": "model.tm.hcl:9:1",
		"drift-unmodeled":        "main.tf:14:1",
	}
	for code, at := range want {
		found := false
		for _, d := range r.diags {
			if d.Code == code && pos(d.File, d.Range) == at {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s at %s:\n%s", code, at, renderFindings(r))
		}
	}
}

func TestAttackPathIsShortestAndDeterministic(t *testing.T) {
	g := &model.Graph{
		Boundaries: []*model.Boundary{{Element: model.Element{Address: "boundary.internet"}, Trust: "untrusted"}, {Element: model.Element{Address: "boundary.vpc"}, Trust: "trusted"}},
		Actors:     []*model.Actor{{Element: model.Element{Address: "actor.internet"}, Boundary: "boundary.internet"}},
		Data:       []*model.DataAsset{{Element: model.Element{Address: "data.pan", Name: "pan"}, Classification: "restricted"}},
		Components: []*model.Component{
			{Element: model.Element{Address: "component.a"}, Boundary: "boundary.vpc"},
			{Element: model.Element{Address: "component.b"}, Boundary: "boundary.vpc"},
			{Element: model.Element{Address: "component.c"}, Boundary: "boundary.vpc"},
			{Element: model.Element{Address: "component.db"}, Boundary: "boundary.vpc", Kind: "datastore", Stores: []string{"data.pan"}},
		},
		Flows: []*model.Flow{
			{Element: model.Element{Address: "f1"}, From: "actor.internet", To: "component.a"},
			{Element: model.Element{Address: "f2"}, From: "component.a", To: "component.b"},
			{Element: model.Element{Address: "f3"}, From: "component.b", To: "component.db"},
			{Element: model.Element{Address: "f4"}, From: "component.a", To: "component.c"},
			{Element: model.Element{Address: "f5"}, From: "component.c", To: "component.db"},
			{Element: model.Element{Address: "f6"}, From: "actor.internet", To: "component.c"},
		},
	}
	paths := AttackPaths(g)
	if len(paths) != 1 {
		t.Fatalf("want one path (to the only data holder), got %d", len(paths))
	}
	p := paths[0]
	if strings.Join(p.Flows, ",") != "f6,f5" || p.Likelihood != 4 || p.Impact != 5 {
		t.Errorf("shortest path: %+v", p)
	}
}

func TestApplyDecisions(t *testing.T) {
	g := &model.Graph{
		Components: []*model.Component{{Element: model.Element{Address: "component.api", Terraform: []string{"aws_lb.api"}}}},
		Controls: []*model.Control{
			{Element: model.Element{Address: "control.a", Name: "a"}, Mitigates: []string{"R1"}, On: []string{"component.api"}, Status: "implemented", Effectiveness: 0.5},
			{Element: model.Element{Address: "control.b", Name: "b"}, Mitigates: []string{"R1"}, On: []string{"aws_lb.api"}, Status: "implemented", Effectiveness: 0.2},
			{Element: model.Element{Address: "control.c", Name: "c"}, Mitigates: []string{"R1"}, On: []string{"component.api"}, Status: "planned", Effectiveness: 0.9},
		},
		Acceptances: []*model.Acceptance{
			{Element: model.Element{Address: "accept.R2", File: "m.tm.hcl"}, RuleID: "R2", On: []string{"component.api"}, Owner: "o", Reason: "r", Until: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
			{Element: model.Element{Address: "accept.R3", File: "m.tm.hcl"}, RuleID: "R3", Owner: "o", Reason: "old", Until: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)},
			{Element: model.Element{Address: "accept.R4", File: "m.tm.hcl"}, RuleID: "R4", On: []string{"component.other"}, Owner: "o", Reason: "r"},
		},
	}
	mk := func(rule string) *model.Finding {
		return &model.Finding{ID: rule + "@aws_lb.api", RuleID: rule, Resource: "aws_lb.api", Inherent: 20, Residual: 20}
	}
	f1, f2, f3, f4 := mk("R1"), mk("R2"), mk("R3"), mk("R4")
	diags := ApplyDecisions(g, []*model.Finding{f1, f2, f3, f4}, now)
	if f1.Residual != 20*0.5*0.8 || f1.Status != model.Mitigated || !strings.Contains(f1.StatusNote, "control c is planned") {
		t.Errorf("controls: residual %.2f status %s note %q", f1.Residual, f1.Status, f1.StatusNote)
	}
	if f2.Status != model.Accepted || f2.Residual != 20 {
		t.Errorf("acceptance: %+v", f2)
	}
	if f3.Status != model.Open || !strings.Contains(f3.StatusNote, "expired on 2026-11-22") || len(diags) != 1 || diags[0].Code != "acceptance-expired" {
		t.Errorf("expired acceptance: %+v %+v", f3, diags)
	}
	if f4.Status != model.Open {
		t.Errorf("acceptance on another element applied: %+v", f4)
	}
}

func TestMappingTables(t *testing.T) {
	m, err := DefaultMapping()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	kinds := map[string]bool{"compute": true, "service": true, "function": true, "load-balancer": true, "cdn": true, "gateway": true,
		"datastore": true, "queue": true, "secret": true, "identity": true, "ml-model": true}
	for typ, c := range m.Components {
		count[providerOf(typ)]++
		if !kinds[c.Kind] {
			t.Errorf("%s: unknown kind %q", typ, c.Kind)
		}
		if m.Connectors[typ] != nil {
			t.Errorf("%s is both a component and a connector", typ)
		}
	}
	for _, p := range []string{"aws", "azure", "google"} {
		if count[p] < 20 {
			t.Errorf("%s: only %d component types mapped", p, count[p])
		}
		if m.Providers[p] == nil {
			t.Errorf("no provider block for %s", p)
		}
	}
}

func copyTree(t *testing.T, from, to string, skip func(string) bool) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if skip(rel) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSkeletonRoundTrip(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, filepath.Join(repoRoot(t), "testdata", "examples", name), dir, func(rel string) bool { return strings.HasSuffix(rel, ".tm.hcl") })
			inferred := analyse(t, dir, false)
			sk := Skeleton(inferred.g)
			writeFiles(t, dir, map[string]string{"threat-model.tm.hcl": string(sk)})
			dsl, dd := tmdsl.Load(dir, nil)
			if len(dd) > 0 {
				t.Fatalf("generated model has errors: %v\n%s", dd, sk)
			}
			ws, err := terraform.Load(context.Background(), terraform.Options{Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			g, diags := Build(ws, dsl)
			for _, d := range diags {
				t.Errorf("generated model drifts: %s %s\n%s", d.Code, d.Summary, sk)
			}
			for _, c := range g.Components {
				if c.Origin != model.Declared {
					t.Errorf("component %s not claimed by the generated model", c.Address)
				}
			}
			if len(g.Flows) != len(inferred.g.Flows) {
				t.Errorf("generated model has %d flows, inferred %d", len(g.Flows), len(inferred.g.Flows))
			}
		})
	}
}

func TestThreatsCacheGivesSameFindings(t *testing.T) {
	cat, _ := graphrules.Builtin()
	cache := NewCache()
	for _, name := range examples {
		for round := 0; round < 2; round++ {
			r := example(t, name)
			plain := renderFindings(r)
			fs, _ := ThreatsCached(context.Background(), r.g, cat, now, cache)
			cached := renderFindings(result{r.g, fs, r.diags})
			if plain != cached {
				t.Errorf("%s round %d: cached findings differ:\n%s\n---\n%s", name, round, plain, cached)
			}
		}
	}
}

func TestFixInsertsResourceAfterBlock(t *testing.T) {
	r := example(t, "serverless-api")
	cat, _ := graphrules.Builtin()
	f := findFinding(r, "TM-GRAPH-DATASTORE-NO-BACKUP@component.orders_table")
	if f == nil || !f.Fixable {
		t.Fatalf("backup finding missing or not fixable: %+v", f)
	}
	fix, ok := FixFor(r.g, cat, f)
	if !ok || fix.File != "data.tf" || !strings.Contains(fix.Text, "resources    = [aws_dynamodb_table.orders.arn]") {
		t.Fatalf("fix: %+v", fix)
	}
	path := filepath.Join(repoRoot(t), "testdata", "examples", "serverless-api", fix.File)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(src[:fix.Pos.Byte]) + fix.Text + string(src[fix.Pos.Byte:])
	if !strings.HasPrefix(out, string(src[:fix.Pos.Byte])) || !strings.HasSuffix(out, string(src[fix.Pos.Byte:])) {
		t.Fatal("the fix changes other bytes")
	}
	if _, diags := hclsyntax.ParseConfig([]byte(out), fix.File, hcl.Pos{Line: 1, Column: 1}); diags.HasErrors() {
		t.Fatalf("fixed file does not parse: %v\n%s", diags, out)
	}
	if string(src[fix.Pos.Byte-1]) != "}" {
		t.Errorf("insertion point is not after the block's closing brace")
	}
	// Findings on flows and paths have no resource fix.
	if _, ok := FixFor(r.g, cat, findFinding(r, "TM-GRAPH-FLOW-UNAUTHENTICATED-TRUSTED@flow.place_order")); ok {
		t.Error("a flow finding got a fix")
	}
}

func TestGCPInference(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `resource "google_compute_network" "vpc" {
  name = "vpc"
}
resource "google_compute_instance" "web" {
  name = "web"
  tags = ["web"]
  network_interface {
    network = google_compute_network.vpc.id
    access_config {}
  }
}
resource "google_compute_instance" "batch" {
  name = "batch"
  tags = ["batch"]
  network_interface {
    network = google_compute_network.vpc.id
    access_config {}
  }
}
resource "google_compute_firewall" "web" {
  name          = "web"
  network       = google_compute_network.vpc.id
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["web"]
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}
resource "google_sql_database_instance" "db" {
  name = "db"
  settings {
    ip_configuration {
      ipv4_enabled = true
    }
    backup_configuration {
      enabled = false
    }
  }
}
`})
	r := analyse(t, dir, false)
	web := findFlow(r.g, InternetActor, "google_compute_instance.web")
	if web == nil || web.Protocol != "http" || web.Encrypted != model.No || web.Via[0] != "google_compute_firewall.web" {
		t.Errorf("firewall flow to the tagged instance: %+v", web)
	}
	if f := findFlow(r.g, InternetActor, "google_compute_instance.batch"); f != nil {
		t.Errorf("an instance the firewall does not target is reachable: %+v", f)
	}
	for _, c := range r.g.Components {
		if c.Address == "google_compute_instance.web" && c.Boundary != "google_compute_network.vpc" {
			t.Errorf("instance boundary: %s", c.Boundary)
		}
		if c.Address == "google_sql_database_instance.db" && (!c.InternetFacing || c.Backup != model.No) {
			t.Errorf("Cloud SQL facts: %+v", c)
		}
	}
	if findFinding(r, "TM-GRAPH-DATASTORE-NO-BACKUP@google_sql_database_instance.db") == nil {
		t.Errorf("Cloud SQL without backups not found:\n%s", renderFindings(r))
	}
}

func TestAnalyzeReusesInference(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "testdata", "examples", "three-tier-aws")
	ws, err := terraform.Load(context.Background(), terraform.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := graphrules.Builtin()
	cache := NewCache()
	res, inf := Analyze(context.Background(), ws, dir, cat, Options{Now: now, Cache: cache})
	if want := renderFindings(example(t, "three-tier-aws")); renderFindings(result{res.Graph, res.Findings, res.Diagnostics}) != want {
		t.Errorf("Analyze differs from Build+Threats")
	}
	// An edit of the threat model (overlay) with the same Terraform reuses the inference.
	edited := strings.Replace(string(mustRead(t, filepath.Join(dir, "threat-model.tm.hcl"))), `effectiveness = 0.4`, `effectiveness = 0.8`, 1)
	res2, inf2 := Analyze(context.Background(), ws, dir, cat, Options{Now: now, Cache: cache, Inferred: inf,
		Overlays: map[string][]byte{filepath.Join(dir, "threat-model.tm.hcl"): []byte(edited)}})
	if inf2 != inf {
		t.Error("inference not reused")
	}
	var p *model.Finding
	for _, f := range res2.Findings {
		if f.ID == "TM-GRAPH-ATTACK-PATH@component.orders_db" {
			p = f
		}
	}
	if p == nil || p.Residual < 4.99 || p.Residual > 5.01 {
		t.Errorf("the edited control effectiveness did not apply: %+v", p)
	}
	if res2.DSL.Lookup("control.db_network_policy").Num["effectiveness"] != 0.8 {
		t.Error("overlay not read")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

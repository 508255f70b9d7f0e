package analysis

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tm-ls/tm-ls/analysis/model"
)

func analyze(t *testing.T, dir string) *Result {
	t.Helper()
	res, err := Analyze(context.Background(), Options{Root: filepath.Join("..", "testdata", "analysis", dir), ShowUnknown: true,
		Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Analyze(%s): %v", dir, err)
	}
	return res
}

func find(res *Result, id string) *model.Finding {
	for _, f := range res.Findings {
		if f.ID == id {
			return f
		}
	}
	return nil
}

func diagCodes(res *Result) map[string]int {
	out := map[string]int{}
	for _, d := range res.Diagnostics {
		out[d.Code+"@"+strconv.Itoa(d.Range.Start.Line)]++
	}
	return out
}

func TestSuppressions(t *testing.T) {
	res := analyze(t, "suppress")
	want := map[string]model.Status{
		"TM-AWS-EC2-IMDSV1@aws_instance.legacy":                model.Suppressed, // reason and a future date
		"TM-AWS-EC2-IMDSV1@aws_instance.no_reason":             model.Open,       // no reason: does not apply
		"TM-AWS-EC2-IMDSV1@aws_instance.expired":               model.Open,       // past its date
		"TM-AWS-EC2-IMDSV1@aws_instance.checkov":               model.Suppressed, // checkov:skip=CKV_AWS_79 inside the block
		"TM-AWS-EC2-IMDSV1@aws_instance.tfsec":                 model.Suppressed, // tfsec long id
		"TM-AWS-EC2-IMDSV1@aws_instance.open":                  model.Open,
		"TM-AWS-S3-VERSIONING@module.store.aws_s3_bucket.this": model.Suppressed, // above the module call
	}
	for id, status := range want {
		f := find(res, id)
		if f == nil {
			t.Errorf("finding %s missing", id)
			continue
		}
		if f.Status != status {
			t.Errorf("%s: status %v, want %v (%s)", id, f.Status, status, f.StatusNote)
		}
	}
	if f := find(res, "TM-AWS-EC2-IMDSV1@aws_instance.legacy"); f != nil && !strings.Contains(f.StatusNote, "legacy AMI") {
		t.Errorf("status note %q lacks the reason", f.StatusNote)
	}
	// A suppression only covers the rule it names.
	if f := find(res, "TM-AWS-S3-LOGGING@module.store.aws_s3_bucket.this"); f == nil || f.Status != model.Open {
		t.Errorf("a suppression of one rule hid another: %+v", f)
	}
	codes := diagCodes(res)
	for _, c := range []string{"suppression-no-reason@7", "suppression-expired@13", "suppression-unknown-rule@36"} {
		if codes[c] != 1 {
			t.Errorf("diagnostic %s: got %d, all: %v", c, codes[c], codes)
		}
	}
}

func TestFindingIDsAreUniqueAcrossRootModules(t *testing.T) {
	res := analyze(t, "multiroot")
	for _, id := range []string{"TM-AWS-EC2-IMDSV1@envs/dev:aws_instance.web", "TM-AWS-EC2-IMDSV1@envs/prod:aws_instance.web"} {
		if find(res, id) == nil {
			t.Errorf("missing %s", id)
		}
	}
	seen := map[string]bool{}
	for _, f := range res.Findings {
		if seen[f.ID] {
			t.Errorf("duplicate finding ID %s", f.ID)
		}
		seen[f.ID] = true
	}
}

func TestSyntaxErrorLeavesOtherFilesAnalysed(t *testing.T) {
	res := analyze(t, "syntax")
	var syntax []model.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Code == "syntax" {
			syntax = append(syntax, d)
		}
	}
	if len(syntax) == 0 || syntax[0].File != "broken.tf" || syntax[0].Range.Start.Line != 3 || syntax[0].Severity != model.SeverityHigh {
		t.Fatalf("syntax diagnostics = %+v", syntax)
	}
	if find(res, "TM-AWS-EC2-IMDSV1@aws_instance.good") == nil {
		t.Error("the file without errors was not analysed")
	}
}

func TestConfigDisablesAndOverrides(t *testing.T) {
	res := analyze(t, "config")
	for _, f := range res.Findings {
		if f.RuleID == "TM-AWS-S3-LOGGING" {
			t.Errorf("disabled rule reported: %s", f.ID)
		}
	}
	f := find(res, "TM-AWS-EC2-IMDSV1@aws_instance.web")
	if f == nil || f.Severity != model.SeverityCritical || f.Rule.Severity != model.SeverityCritical {
		t.Fatalf("severity override not applied: %+v", f)
	}
	for _, r := range res.Rules {
		if r.ID == "TM-AWS-S3-LOGGING" {
			t.Error("disabled rule still in Rules")
		}
	}
}

func TestLocationNarrowsToTheOffendingBlock(t *testing.T) {
	res := analyze(t, "sg")
	f := find(res, "TM-AWS-VPC-SG-SSH-OPEN@aws_security_group.web")
	if f == nil {
		t.Fatalf("no SSH finding; findings: %v", ids(res))
	}
	// The second ingress block (port 22) opens SSH; the first (443) does not.
	text := string(res.Files["main.tf"][f.Range.Start.Byte:f.Range.End.Byte])
	if f.Range.Start.Line != 15 || !strings.HasPrefix(text, "cidr_blocks") {
		t.Errorf("finding at line %d %q, want the cidr_blocks of the port-22 block on line 15", f.Range.Start.Line, text)
	}
}

func TestFindingsCarryRiskAndModuleChain(t *testing.T) {
	res, err := Analyze(context.Background(), Options{Root: filepath.Join("..", "testdata", "examples", "three-tier-aws")})
	if err != nil {
		t.Fatal(err)
	}
	f := find(res, "TM-AWS-VPC-SG-SSH-OPEN@module.web.aws_security_group.web")
	if f == nil {
		t.Fatalf("no SSH finding in the example's module; findings: %v", ids(res))
	}
	if f.File != "modules/web/main.tf" {
		t.Errorf("module finding located in %s, want the module's source", f.File)
	}
	var call *model.Related
	for i := range f.Related {
		if strings.Contains(f.Related[i].Message, "module call") {
			call = &f.Related[i]
		}
	}
	if call == nil || call.File != "main.tf" {
		t.Errorf("module call chain missing from related: %+v", f.Related)
	}
	if f.Inherent != f.Likelihood*f.Impact || f.Residual != float64(f.Inherent) {
		t.Errorf("risk = %d/%v for L%d×I%d", f.Inherent, f.Residual, f.Likelihood, f.Impact)
	}
	lt := find(res, "TM-AWS-EC2-LAUNCH-TEMPLATE-IMDSV1@module.web.aws_launch_template.web")
	if lt == nil || !lt.Fixable {
		t.Fatalf("launch template IMDSv1 finding should offer a fix: %+v", lt)
	}
	title, edits, err := res.Fix(lt.ID)
	if err != nil || title == "" || len(edits) == 0 || edits[0].File != "modules/web/main.tf" {
		t.Errorf("Fix(%s) = %q, %+v, %v", lt.ID, title, edits, err)
	}
}

func TestFixUnknownFinding(t *testing.T) {
	res := analyze(t, "sg")
	if _, _, err := res.Fix("TM-NOPE@x"); err == nil {
		t.Error("Fix of an unknown finding did not fail")
	}
}

func ids(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.ID)
	}
	sort.Strings(out)
	return out
}

func TestSyntaxIsTheLoadersTree(t *testing.T) {
	res := analyze(t, "sg")
	body := res.Syntax("main.tf")
	if body == nil || len(body.Blocks) != 1 || body.Blocks[0].Labels[1] != "web" {
		t.Fatalf("Syntax(main.tf) = %+v", body)
	}
	if res.Syntax("nope.tf") != nil {
		t.Error("Syntax of a file the analysis did not read is not nil")
	}
}

// TestLocationSkipsBlocksThatDoNotRaiseTheFinding: the SSH finding goes on the
// ingress block's cidr_blocks, not on egress's (a list that sorts first and has the
// same attribute); the RDP finding on the NSG goes on the RDP rule, not on the
// first security_rule.
func TestLocationSkipsBlocksThatDoNotRaiseTheFinding(t *testing.T) {
	res := analyze(t, "locate")
	src := string(res.Files["main.tf"])
	lineOf := func(needle string) int { return strings.Count(src[:strings.Index(src, needle)], "\n") + 1 }
	for _, c := range []struct {
		id   string
		line int
	}{
		{"TM-AWS-VPC-SG-SSH-OPEN@aws_security_group.web", lineOf(`cidr_blocks = ["0.0.0.0/0"]`)},
		{"TM-AZURE-NSG-RDP-OPEN@azurerm_network_security_group.nsg", lineOf(`name                       = "rdp"`) - 1},
		{"TM-AZURE-NSG-SSH-OPEN@azurerm_network_security_group.nsg", lineOf(`name                       = "ssh"`) - 1},
	} {
		f := find(res, c.id)
		if f == nil {
			t.Errorf("no finding %s; findings: %v", c.id, ids(res))
			continue
		}
		if f.Range.Start.Line != c.line {
			t.Errorf("%s at line %d, want %d", c.id, f.Range.Start.Line, c.line)
		}
	}
}

// TestThreatModelDoesNotRepeatResourceFindings: the threat-model rule "datastore
// without backups" stays silent where a resource rule already reports the
// datastore's own backup setting (open or suppressed), and still speaks where none
// does.
func TestThreatModelDoesNotRepeatResourceFindings(t *testing.T) {
	dir := t.TempDir()
	src := `resource "aws_db_instance" "db" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 0
  storage_encrypted       = true
}
# tm:ignore:TM-AWS-S3-VERSIONING scratch data, rebuilt nightly
resource "aws_s3_bucket" "scratch" {
  bucket = "scratch"
}
resource "azurerm_mssql_database" "orders" {
  name      = "orders"
  server_id = "srv"
  short_term_retention_policy {
    retention_days = 0
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(context.Background(), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if find(res, "TM-AWS-RDS-BACKUP-RETENTION@aws_db_instance.db") == nil {
		t.Fatalf("no resource backup finding; findings: %v", ids(res))
	}
	for _, id := range []string{"TM-GRAPH-DATASTORE-NO-BACKUP@aws_db_instance.db", "TM-GRAPH-DATASTORE-NO-BACKUP@aws_s3_bucket.scratch"} {
		if find(res, id) != nil {
			t.Errorf("%s repeats a resource finding", id)
		}
	}
	if find(res, "TM-GRAPH-DATASTORE-NO-BACKUP@azurerm_mssql_database.orders") == nil {
		t.Errorf("the uncovered datastore lost its finding; findings: %v", ids(res))
	}
}

package report

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tm-ls/tm-ls/analysis"
)

func TestComplianceReport(t *testing.T) {
	res, err := analysis.Analyze(context.Background(), analysis.Options{Root: filepath.Join("..", "..", "testdata", "examples", "three-tier-aws")})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := BuildCompliance(res, []string{"pci-dss-4.0"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Frameworks) != 1 || rep.Frameworks[0].ID != "pci-dss-4.0" {
		t.Fatalf("frameworks = %+v", rep.Frameworks)
	}
	fw := rep.Frameworks[0]
	var req *RequirementReport
	for i := range fw.Requirements {
		if fw.Requirements[i].ID == "1.3.1" {
			req = &fw.Requirements[i]
		}
	}
	if req == nil || req.Status != "gap" || len(req.Rules) == 0 || req.Title == "" {
		t.Fatalf("1.3.1 = %+v", req)
	}
	// The database port open to the world is a 1.3.1 gap in the example.
	found := false
	for _, id := range req.Open {
		if strings.HasPrefix(id, "TM-AWS-VPC-SG-DB-PORT-OPEN@") {
			found = true
		}
	}
	if !found {
		t.Errorf("1.3.1 open findings %v lack the open database port", req.Open)
	}
	total := 0
	for _, r := range fw.Requirements {
		total += len(r.Open)
		if r.Status == "evidence" && (len(r.Open) > 0 || len(r.Passing) == 0) {
			t.Errorf("requirement %s status %s with %d open, %d passing", r.ID, r.Status, len(r.Open), len(r.Passing))
		}
	}
	if total != fw.Open {
		t.Errorf("framework open %d, requirements add up to %d", fw.Open, total)
	}
	// Requirements sort numerically: 1.2.5 before 10.2.1.
	if fw.Requirements[0].ID > "2" {
		t.Errorf("first requirement %s", fw.Requirements[0].ID)
	}
	var md bytes.Buffer
	if err := ComplianceMarkdown(&md, rep); err != nil || !strings.Contains(md.String(), "| 1.3.1 | Inbound traffic to the CDE is restricted | gap |") {
		t.Errorf("markdown: %v\n%s", err, md.String())
	}
	if _, err := BuildCompliance(res, []string{"pci-dss-9"}); err == nil || !strings.Contains(err.Error(), "known:") {
		t.Errorf("unknown framework accepted: %v", err)
	}
}

func TestRequirementOrder(t *testing.T) {
	for _, c := range [][2]string{{"1.2.9", "1.2.10"}, {"AC-9", "AC-10"}, {"art9", "art10"}, {"2.2", "2.2.1"}} {
		if !requirementLess(c[0], c[1]) || requirementLess(c[1], c[0]) {
			t.Errorf("order of %s and %s wrong", c[0], c[1])
		}
	}
}

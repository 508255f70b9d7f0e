package suppress

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

const src = `# tm:ignore:TM-AWS-S3-LOGGING this bucket is the log sink until=2027-03-31
resource "aws_s3_bucket" "logs" {
  bucket = "logs" # tm:ignore:TM-AWS-S3-NAME,TM-AWS-S3-OTHER -- shared name
}

# first comment
# tm:ignore:TM-AWS-EC2-IMDSV1
resource "aws_instance" "web" {
  #checkov:skip=CKV_AWS_79:legacy AMI needs IMDSv1
  ami = "x"
}

#tfsec:ignore:aws-s3-enable-versioning:exp:2024-01-02 tfsec:ignore:aws-s3-enable-logging
#trivy:ignore:AVD-AWS-0090[bucket=foo]
// tm:ignore:TM-X-Y until=someday reason here
resource "aws_s3_bucket" "b" {}
`

func TestParse(t *testing.T) {
	got := Parse("main.tf", []byte(src))
	type want struct {
		kind   Kind
		ids    string
		reason string
		target int
		until  string
		bad    string
	}
	wants := []want{
		{TM, "TM-AWS-S3-LOGGING", "this bucket is the log sink", 2, "2027-03-31", ""},
		{TM, "TM-AWS-S3-NAME,TM-AWS-S3-OTHER", "shared name", 3, "", ""},
		{TM, "TM-AWS-EC2-IMDSV1", "", 8, "", ""},
		{Checkov, "CKV_AWS_79", "legacy AMI needs IMDSv1", 0, "", ""},
		{Tfsec, "aws-s3-enable-versioning", "suppressed with a tfsec comment", 16, "2024-01-02", ""},
		{Tfsec, "aws-s3-enable-logging", "suppressed with a tfsec comment", 16, "", ""},
		{Trivy, "AVD-AWS-0090", "suppressed with a trivy comment", 16, "", ""},
		{TM, "TM-X-Y", "reason here", 16, "", "someday"},
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d suppressions, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		ids := ""
		for j, id := range g.IDs {
			if j > 0 {
				ids += ","
			}
			ids += id
		}
		until := ""
		if !g.Until.IsZero() {
			until = g.Until.Format("2006-01-02")
		}
		if g.Kind != w.kind || ids != w.ids || g.Reason != w.reason || g.TargetLine != w.target || until != w.until || g.BadUntil != w.bad {
			t.Errorf("#%d = {%v %q %q line %d until %q bad %q}, want %+v", i, g.Kind, ids, g.Reason, g.TargetLine, until, g.BadUntil, w)
		}
	}
	// The comment range covers the comment text exactly.
	first := got[0].Range
	if text := src[first.Start.Byte:first.End.Byte]; text[0] != '#' || text[len(text)-1] != '1' {
		t.Errorf("range text = %q", text)
	}
}

func TestExpired(t *testing.T) {
	s := Suppression{Until: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}
	if s.Expired(time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC)) {
		t.Error("expired on its last day")
	}
	if !s.Expired(time.Date(2026, 4, 1, 0, 0, 1, 0, time.UTC)) {
		t.Error("not expired the day after")
	}
	if (Suppression{}).Expired(time.Now()) {
		t.Error("a suppression without date expired")
	}
}

func TestCovers(t *testing.T) {
	body := hcl.Range{Start: hcl.Pos{Byte: 100}, End: hcl.Pos{Byte: 200}}
	tm := Suppression{Kind: TM, TargetLine: 8}
	if !tm.Covers(9, 8, body) || !tm.Covers(8, 8, body) || tm.Covers(12, 10, body) {
		t.Error("tm suppression scope wrong")
	}
	ck := Suppression{Kind: Checkov, Range: hcl.Range{Start: hcl.Pos{Byte: 120}, End: hcl.Pos{Byte: 140}}}
	if !ck.Covers(50, 50, body) {
		t.Error("checkov suppression inside the block should cover it")
	}
	if ck.Covers(50, 50, hcl.Range{Start: hcl.Pos{Byte: 300}, End: hcl.Pos{Byte: 400}}) {
		t.Error("checkov suppression outside the block covers it")
	}
}

func TestParseNeverPanicsOnGarbage(t *testing.T) {
	for _, s := range []string{"", "#", "# tm:ignore:", "/* tm:ignore:X-Y */", "\x00\xff#tm:ignore:A-B", "resource {"} {
		_ = Parse("x.tf", []byte(s))
	}
}

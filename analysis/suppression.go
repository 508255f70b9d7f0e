package analysis

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/tm-ls/tm-ls/analysis/suppress"
	"github.com/tm-ls/tm-ls/analysis/terraform"
)

// applySuppressions marks findings covered by a valid suppression comment as
// Suppressed and reports suppressions that cannot apply: without a reason, past
// their date, with a malformed date, naming an unknown rule, or covering nothing.
func applySuppressions(res *Result, prev *Result, ws *terraform.Workspace, metas map[string]*model.RuleMeta, now time.Time) []model.Diagnostic {
	var diags []model.Diagnostic
	byFile := map[string][]suppress.Suppression{}
	res.suppressions = make(map[string][]suppress.Suppression, len(res.Files))
	for rel, src := range res.Files {
		if strings.HasSuffix(rel, ".json") {
			continue
		}
		// A file the previous analysis read with the same bytes has the same comments.
		if prev != nil && prev.suppressions != nil {
			if ss, ok := prev.suppressions[rel]; ok && sameBytes(src, prev.Files[rel]) {
				res.suppressions[rel] = ss
				if len(ss) > 0 {
					byFile[rel] = ss
				}
				continue
			}
		}
		var ss []suppress.Suppression
		if mayHoldSuppression(src) {
			ss = suppress.Parse(rel, src)
		}
		res.suppressions[rel] = ss
		if len(ss) > 0 {
			byFile[rel] = ss
		}
	}
	if len(byFile) == 0 {
		return nil
	}
	peer := peerIndex(metas)
	used := map[*suppress.Suppression]bool{}
	valid := func(file string, s *suppress.Suppression) bool {
		if s.Kind == suppress.TM && s.Reason == "" {
			return false
		}
		return s.BadUntil == "" && !s.Expired(now)
	}
	judge := func(f *model.Finding, r *model.Resource) {
		type place struct {
			file              string
			line, block       int
			body              hclRangeLike
			callSiteSemantics bool
		}
		places := []place{{file: f.File, line: f.Range.Start.Line, block: r.DeclRange.Start.Line, body: r.BodyRange}}
		if f.File != r.File {
			places = append(places, place{file: r.File, line: r.DeclRange.Start.Line, block: r.DeclRange.Start.Line, body: r.BodyRange})
		}
		// A suppression above a module call covers every finding from that module.
		for _, call := range r.ModuleCalls {
			places = append(places, place{file: call.Range.Filename, line: call.Range.Start.Line, block: call.Range.Start.Line, callSiteSemantics: true})
		}
		for _, p := range places {
			ss := byFile[p.file]
			for i := range ss {
				s := &ss[i]
				if !matchesRule(s, f.RuleID, peer) {
					continue
				}
				covers := false
				if p.callSiteSemantics {
					covers = s.Kind != suppress.Checkov && s.TargetLine == p.line
				} else {
					covers = s.Covers(p.line, p.block, p.body)
				}
				if !covers {
					continue
				}
				used[s] = true
				// A finding shared with the previous result was judged on the same
				// comments: it is already as this would make it.
				if !valid(p.file, s) || f.Status == model.Suppressed || !res.owned[f] {
					continue
				}
				f.Status = model.Suppressed
				f.StatusNote = s.Reason
				if !s.Until.IsZero() {
					f.StatusNote += " (until " + s.Until.Format("2006-01-02") + ")"
				}
			}
		}
	}
	for _, m := range res.perRes {
		for r, o := range m {
			for _, f := range o.findings {
				judge(f, r)
			}
		}
	}
	for file, ss := range byFile {
		for i := range ss {
			s := &ss[i]
			d := model.Diagnostic{File: file, Range: s.Range, Severity: model.SeverityMedium}
			switch {
			case s.Kind == suppress.TM && s.Reason == "":
				d.Code, d.Summary = "suppression-no-reason", fmt.Sprintf("suppression of %s has no reason, so it does not apply", strings.Join(s.IDs, ", "))
				d.Detail = "Write why the risk is acceptable after the rule ID: # tm:ignore:RULE-ID the reason [until=YYYY-MM-DD]"
			case s.BadUntil != "":
				d.Code, d.Summary = "suppression-bad-date", fmt.Sprintf("suppression date %q is not YYYY-MM-DD, so it does not apply", s.BadUntil)
			case s.Expired(now):
				d.Code, d.Summary = "suppression-expired", fmt.Sprintf("suppression of %s expired on %s; the finding is reported again", strings.Join(s.IDs, ", "), s.Until.Format("2006-01-02"))
			case s.Kind == suppress.TM && unknownIDs(s, metas) != "":
				d.Code, d.Summary = "suppression-unknown-rule", fmt.Sprintf("suppression names unknown rule %s", unknownIDs(s, metas))
			case s.Kind == suppress.TM && !used[s]:
				d.Severity = model.SeverityInfo
				d.Code, d.Summary = "suppression-unused", fmt.Sprintf("suppression of %s covers no finding", strings.Join(s.IDs, ", "))
			default:
				continue
			}
			diags = append(diags, d)
		}
	}
	return diags
}

// hclRangeLike is the block extent a checkov suppression must sit inside.
type hclRangeLike = hcl.Range

func unknownIDs(s *suppress.Suppression, metas map[string]*model.RuleMeta) string {
	var bad []string
	for _, id := range s.IDs {
		if metas[id] == nil {
			bad = append(bad, id)
		}
	}
	return strings.Join(bad, ", ")
}

// peerIndex maps every peer scanner ID (tfsec long id, trivy AVD id with and
// without its prefix, checkov id) to the tm-ls rules that are its equivalent.
func peerIndex(metas map[string]*model.RuleMeta) map[string][]string {
	idx := map[string][]string{}
	add := func(k, id string) { idx[strings.ToLower(k)] = append(idx[strings.ToLower(k)], id) }
	for id, m := range metas {
		for _, t := range m.Equivalents.Tfsec {
			add(t, id)
		}
		for _, t := range m.Equivalents.Trivy {
			add(t, id)
			add(strings.TrimPrefix(t, "AVD-"), id)
		}
		for _, c := range m.Equivalents.Checkov {
			add(c, id)
		}
	}
	return idx
}

func matchesRule(s *suppress.Suppression, ruleID string, peer map[string][]string) bool {
	for _, id := range s.IDs {
		if s.Kind == suppress.TM {
			if id == ruleID {
				return true
			}
			continue
		}
		for _, r := range peer[strings.ToLower(id)] {
			if r == ruleID {
				return true
			}
		}
	}
	return false
}

// mayHoldSuppression is a cheap pre-check that spares lexing the files (most of
// them) that contain no suppression comment at all.
func mayHoldSuppression(src []byte) bool {
	return bytes.Contains(src, []byte(":ignore:")) || bytes.Contains(src, []byte(":skip="))
}

// Package packtest runs a rule pack's own fixtures: for each rule, the Terraform
// under fixtures/<RULE-ID>/fail must raise exactly the findings its `# expect:`
// markers announce, and fixtures/<RULE-ID>/pass must raise none and leave the rule
// decided. It backs `tm-ls rules test DIR` and the built-in catalogue's tests, so an
// organisation tests its rules the way tm-ls tests its own.
package packtest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/rules"
)

// Site is where an expected finding is: a rule, a fixture file (relative to the
// fixture directory, forward slashes) and the line of the resource block header.
type Site struct {
	Rule string
	File string
	Line int
}

func (s Site) String() string { return fmt.Sprintf("%s at %s:%d", s.Rule, s.File, s.Line) }

var (
	expectLine = regexp.MustCompile(`^\s*(?:#|//)\s*expect:\s*([A-Z0-9]+(?:-[A-Z0-9]+)+)(?:\s+x([0-9]+))?\s*$`)
	blockLine  = regexp.MustCompile(`^\s*(resource|data)\s+"[^"]+"\s+"[^"]+"\s*\{`)
)

// TFFiles lists the .tf files under dir, recursively (local modules included).
func TFFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tf") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ReadExpectations collects the `# expect: RULE-ID [xN]` markers of every .tf file
// under dir. A marker applies to the first resource or data block header after it,
// past other comment lines; a marker followed by anything else is an error.
func ReadExpectations(dir string) (map[Site]int, error) {
	files, err := TFFiles(dir)
	if err != nil {
		return nil, err
	}
	out := map[Site]int{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		var lines []string
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		for i, l := range lines {
			m := expectLine.FindStringSubmatch(l)
			if m == nil {
				if strings.Contains(l, "expect:") {
					return nil, fmt.Errorf("%s:%d: malformed expect marker %q", rel, i+1, l)
				}
				continue
			}
			n := 1
			if m[2] != "" {
				n, _ = strconv.Atoi(m[2])
			}
			j := i + 1
			for j < len(lines) && (strings.HasPrefix(strings.TrimSpace(lines[j]), "#") || strings.HasPrefix(strings.TrimSpace(lines[j]), "//")) {
				j++
			}
			if j >= len(lines) || !blockLine.MatchString(lines[j]) {
				return nil, fmt.Errorf("%s:%d: the expect marker is not followed by a resource or data block", rel, i+1)
			}
			out[Site{Rule: m[1], File: rel, Line: j + 1}] += n
		}
	}
	return out, nil
}

// FindingSites counts the open findings of rule in res by the resource block
// header they belong to.
func FindingSites(res *analysis.Result, rule string) map[Site]int {
	got := map[Site]int{}
	byAddr := map[string]int{}
	for _, r := range res.Resources {
		byAddr[analysis.FindingID(rule, r)] = r.DeclRange.Start.Line
	}
	files := map[string]string{}
	for _, r := range res.Resources {
		files[analysis.FindingID(rule, r)] = r.File
	}
	for _, f := range res.Findings {
		if f.RuleID != rule || f.Status != 0 {
			continue
		}
		got[Site{Rule: rule, File: files[f.ID], Line: byAddr[f.ID]}]++
	}
	return got
}

// RuleResult is the outcome of one rule's fixtures.
type RuleResult struct {
	Rule     string
	Problems []string
}

// Run tests every rule of the pack in packDir that has fixtures under
// packDir/fixtures/<RULE-ID>/, and reports rules without fixtures as problems.
func Run(ctx context.Context, packDir string) ([]RuleResult, error) {
	if info, err := os.Stat(packDir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("rule pack %s is not a readable directory", packDir)
	}
	pack, diags := rules.LoadDir(packDir)
	var out []RuleResult
	if len(diags) > 0 {
		var probs []string
		for _, d := range diags {
			msg := fmt.Sprintf("%s:%d:%d: %s", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Summary)
			if d.Detail != "" {
				msg += ": " + d.Detail
			}
			probs = append(probs, msg)
		}
		out = append(out, RuleResult{Rule: "(pack)", Problems: probs})
	}
	for _, r := range pack {
		id := r.Meta.ID
		out = append(out, RuleResult{Rule: id, Problems: RunRule(ctx, id, filepath.Join(packDir, "fixtures", id), []string{packDir})})
	}
	return out, nil
}

// RunRule checks one rule against dir/fail and dir/pass, analysing them with the
// extra rule packs ruleDirs, and returns what is wrong (nothing when it passes).
func RunRule(ctx context.Context, rule, dir string, ruleDirs []string) []string {
	var probs []string
	failDir, passDir := filepath.Join(dir, "fail"), filepath.Join(dir, "pass")
	for _, d := range []string{failDir, passDir} {
		if files, err := TFFiles(d); err != nil || len(files) == 0 {
			probs = append(probs, fmt.Sprintf("no fixture in %s", d))
		}
	}
	if len(probs) > 0 {
		return probs
	}
	want, err := ReadExpectations(failDir)
	if err != nil {
		return []string{err.Error()}
	}
	for s := range want {
		if s.Rule != rule {
			delete(want, s)
		}
	}
	if len(want) == 0 {
		probs = append(probs, fmt.Sprintf("fail fixture has no `# expect: %s` marker", rule))
	}
	res, err := analysis.Analyze(ctx, analysis.Options{Root: failDir, RuleDirs: ruleDirs, ShowUnknown: true})
	if err != nil {
		return append(probs, err.Error())
	}
	got := FindingSites(res, rule)
	for s, n := range want {
		if got[s] != n {
			probs = append(probs, fmt.Sprintf("fail fixture: want %d finding(s) of %s, got %d", n, s, got[s]))
		}
	}
	for s, n := range got {
		if _, ok := want[s]; !ok {
			probs = append(probs, fmt.Sprintf("fail fixture: unexpected %d finding(s) of %s", n, s))
		}
	}
	pres, err := analysis.Analyze(ctx, analysis.Options{Root: passDir, RuleDirs: ruleDirs, ShowUnknown: true})
	if err != nil {
		return append(probs, err.Error())
	}
	for _, f := range pres.Findings {
		if f.RuleID == rule {
			probs = append(probs, fmt.Sprintf("pass fixture: unexpected finding %s (%s:%d)", f.ID, f.File, f.Range.Start.Line))
		}
	}
	for _, u := range pres.Undecided {
		if u.RuleID == rule {
			probs = append(probs, fmt.Sprintf("pass fixture: %s is undecided on %s: %s", rule, u.Resource, u.Reason))
		}
	}
	for _, r := range [](*analysis.Result){res, pres} {
		for _, d := range r.Diagnostics {
			if d.Code == "rule-error" || d.Code == "syntax" {
				probs = append(probs, fmt.Sprintf("%s: %s", d.File, d.Summary))
			}
		}
	}
	sort.Strings(probs)
	return probs
}

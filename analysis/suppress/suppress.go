// Package suppress finds in-source suppression comments: tm-ls's own
// `# tm:ignore:RULE-ID reason [until=YYYY-MM-DD]` and the forms of the scanners teams
// migrate from (`#tfsec:ignore:…`, `#trivy:ignore:…`, `#checkov:skip=…`), so that a
// team switching tools does not have to re-triage. It only parses; deciding which
// finding a suppression covers is done by the caller with Covers.
package suppress

import (
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Kind is the tool whose syntax a suppression uses.
type Kind int

const (
	// TM is `# tm:ignore:RULE-ID reason`.
	TM Kind = iota
	// Tfsec is `#tfsec:ignore:long-id[:exp:YYYY-MM-DD]`.
	Tfsec
	// Trivy is `#trivy:ignore:AVD-AWS-0086` or a long id.
	Trivy
	// Checkov is `#checkov:skip=CKV_AWS_20:reason`, anywhere inside the block.
	Checkov
)

// String names the kind as users write it.
func (k Kind) String() string {
	return [...]string{"tm", "tfsec", "trivy", "checkov"}[k]
}

// Suppression is one suppression comment.
type Suppression struct {
	Kind Kind
	// IDs are the rule IDs as written (tm-ls IDs for TM, the peer's IDs otherwise).
	IDs []string
	// Reason is the justification text ("" when none was given).
	Reason string
	// Until is the expiry date (zero when none); the suppression stops applying on
	// the day after it.
	Until time.Time
	// BadUntil holds an `until=`/`exp:` value that is not a YYYY-MM-DD date.
	BadUntil string
	// Range is the comment's source range.
	Range hcl.Range
	// TargetLine is the line the suppression applies to: the next line that is not
	// a comment for a comment on its own line, the comment's own line for a
	// trailing comment. Checkov suppressions apply to the whole enclosing block and
	// have TargetLine 0.
	TargetLine int
}

var (
	tmRe      = regexp.MustCompile(`^(?:#|//)\s*tm:ignore:([A-Za-z0-9_,-]+)(.*)$`)
	untilRe   = regexp.MustCompile(`\buntil=(\S+)`)
	peerRe    = regexp.MustCompile(`(tfsec|trivy):ignore:([A-Za-z0-9_.-]+)(\[[^\]]*\])?(?::exp:(\S+?))?(?:\s|$)`)
	checkovRe = regexp.MustCompile(`(?:checkov|bridgecrew|cortex):skip=\s*([A-Za-z_\d-]+(?:,[A-Za-z_\d-]+)*)(?::([^\n]*))?`)
)

// Parse returns the suppressions in an HCL source file, in source order. It never
// fails: a file that does not lex yields the suppressions found before the error.
func Parse(filename string, src []byte) []Suppression {
	tokens, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	var out []Suppression
	for i, tok := range tokens {
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		text := strings.TrimRight(string(tok.Bytes), "\r\n")
		if strings.HasPrefix(text, "/*") {
			continue
		}
		trailing := i > 0 && tokens[i-1].Type != hclsyntax.TokenNewline && tokens[i-1].Type != hclsyntax.TokenComment &&
			tokens[i-1].Range.End.Line == tok.Range.Start.Line
		target := tok.Range.Start.Line
		if !trailing {
			target = nextCodeLine(tokens, i)
		}
		rng := tok.Range
		rng.End = endOfText(rng, text)
		for _, s := range parseComment(text) {
			s.Range = rng
			if s.Kind == Checkov {
				s.TargetLine = 0
			} else {
				s.TargetLine = target
			}
			out = append(out, s)
		}
	}
	return out
}

// nextCodeLine is the line of the first token after tokens[i] that is neither a
// comment nor a newline: stacked comments above a block all apply to it.
func nextCodeLine(tokens hclsyntax.Tokens, i int) int {
	for _, t := range tokens[i+1:] {
		switch t.Type {
		case hclsyntax.TokenComment, hclsyntax.TokenNewline:
			continue
		case hclsyntax.TokenEOF:
			return 0
		}
		return t.Range.Start.Line
	}
	return 0
}

// endOfText moves a comment range's end back over its trailing newline so that the
// range covers the comment text only.
func endOfText(rng hcl.Range, text string) hcl.Pos {
	end := rng.Start
	end.Byte += len(text)
	end.Column += len([]rune(text))
	return end
}

func parseComment(text string) []Suppression {
	if m := tmRe.FindStringSubmatch(text); m != nil {
		s := Suppression{Kind: TM}
		for _, id := range strings.Split(m[1], ",") {
			if id = strings.TrimSpace(id); id != "" {
				s.IDs = append(s.IDs, id)
			}
		}
		rest := m[2]
		if u := untilRe.FindStringSubmatch(rest); u != nil {
			s.Until, s.BadUntil = parseDate(u[1])
			rest = strings.Replace(rest, u[0], "", 1)
		}
		s.Reason = cleanReason(rest)
		return []Suppression{s}
	}
	var out []Suppression
	for _, m := range peerRe.FindAllStringSubmatch(text, -1) {
		s := Suppression{Kind: Tfsec, IDs: []string{m[2]}, Reason: "suppressed with a " + m[1] + " comment"}
		if m[1] == "trivy" {
			s.Kind = Trivy
		}
		if m[4] != "" {
			s.Until, s.BadUntil = parseDate(m[4])
		}
		out = append(out, s)
	}
	if m := checkovRe.FindStringSubmatch(text); m != nil {
		s := Suppression{Kind: Checkov, IDs: strings.Split(m[1], ","), Reason: cleanReason(m[2])}
		if s.Reason == "" {
			s.Reason = "suppressed with a checkov comment"
		}
		out = append(out, s)
	}
	return out
}

func parseDate(s string) (time.Time, string) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, s
	}
	return t, ""
}

// cleanReason trims separators people put between the IDs and the reason
// ("-- reason", ": reason").
func cleanReason(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, ":-–— \t")
	return strings.TrimSpace(s)
}

// Expired reports whether the suppression's date has passed on day now (a
// suppression "until 2026-03-31" still applies all of that day).
func (s Suppression) Expired(now time.Time) bool {
	if s.Until.IsZero() {
		return false
	}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return today.After(s.Until)
}

// Covers reports whether the suppression, found in the same file, applies to a
// finding whose primary location starts on findingLine inside a block whose header
// starts on blockLine and which spans body.
func (s Suppression) Covers(findingLine, blockLine int, body hcl.Range) bool {
	if s.Kind == Checkov {
		return s.Range.Start.Byte >= body.Start.Byte && s.Range.End.Byte <= body.End.Byte
	}
	return s.TargetLine != 0 && (s.TargetLine == findingLine || s.TargetLine == blockLine)
}

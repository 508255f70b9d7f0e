package report

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// Text writes the human listing: problems with the input, then one line per
// finding (path:line:col, severity, rule ID, title, resource, risk), then a summary
// by severity and the top risks.
func Text(w io.Writer, res *analysis.Result, opts Options) error {
	p := &printer{w: w}
	loc := func(file string, line, col int) string {
		return fmt.Sprintf("%s:%d:%d", path.Join(opts.PathPrefix, file), line, col)
	}
	for _, d := range res.Diagnostics {
		if d.Severity < model.SeverityMedium && !opts.ShowUnknown {
			continue
		}
		kind := "error"
		switch {
		case d.Severity < model.SeverityMedium:
			kind = "info"
		case d.Severity == model.SeverityMedium:
			kind = "warning"
		}
		where := path.Join(opts.PathPrefix, d.File)
		if d.Range.Start.Line > 0 {
			where = loc(d.File, d.Range.Start.Line, column(res, d.File, d.Range.Start.Byte))
		}
		p.printf("%s: %s: %s [%s]\n", where, kind, oneLine(d.Summary), d.Code)
	}
	visible := Visible(res, opts.MinSeverity)
	for _, f := range visible {
		status := ""
		if f.Status != model.Open {
			status = " (" + f.Status.String()
			if f.StatusNote != "" {
				status += ": " + oneLine(f.StatusNote)
			}
			status += ")"
		}
		p.printf("%s: %-8s %s %s [%s] risk %s%s\n",
			loc(f.File, f.Range.Start.Line, column(res, f.File, f.Range.Start.Byte)),
			f.Severity, f.RuleID, f.Rule.Title, f.Resource, riskText(f), status)
	}
	if opts.ShowUnknown && len(res.Undecided) > 0 {
		p.printf("\nUndecided (a value needed is unknown):\n")
		for _, u := range res.Undecided {
			p.printf("  %s: %s [%s]: %s\n", loc(u.File, u.Range.Start.Line, column(res, u.File, u.Range.Start.Byte)), u.RuleID, u.Resource, u.Reason)
		}
	}
	s := Summarize(res, opts.MinSeverity)
	p.printf("\nRisk summary: %d open finding%s in %d resource%s across %d file%s\n",
		s.Open+s.Mitigated, plural(s.Open+s.Mitigated), s.Resources, plural(s.Resources), s.Files, plural(s.Files))
	p.printf("  critical %d · high %d · medium %d · low %d · info %d\n",
		s.Counts["critical"], s.Counts["high"], s.Counts["medium"], s.Counts["low"], s.Counts["info"])
	p.printf("  total risk: inherent %d, residual %s", s.TotalInherent, trimFloat(s.TotalResidual))
	if s.Suppressed+s.Accepted > 0 {
		p.printf(" (%d suppressed, %d accepted not counted)", s.Suppressed, s.Accepted)
	}
	p.printf("\n")
	top := opts.Top
	if top <= 0 {
		top = 5
	}
	if tops := TopRisks(visible, top); len(tops) > 0 {
		p.printf("\nTop risks:\n")
		for i, f := range tops {
			p.printf("  %d. %-4s %s on %s\n     %s\n     fix: %s\n", i+1, trimFloat(f.Residual), f.Rule.Title, f.Resource,
				loc(f.File, f.Range.Start.Line, column(res, f.File, f.Range.Start.Byte)), remediation(f))
		}
	}
	if len(opts.Frameworks) > 0 && p.err == nil {
		rep, err := BuildCompliance(res, opts.Frameworks)
		if err != nil {
			return err
		}
		p.err = ComplianceText(w, rep)
	}
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, format, args...)
}

func column(res *analysis.Result, file string, off int) int {
	src, ok := res.Files[file]
	if !ok {
		return 1
	}
	return utf16Column(src, off)
}

func riskText(f *model.Finding) string {
	if f.Residual != float64(f.Inherent) {
		return fmt.Sprintf("%s/%d (%s)", trimFloat(f.Residual), f.Inherent, analysis.RiskLevel(f.Residual))
	}
	return fmt.Sprintf("%d (%s)", f.Inherent, analysis.RiskLevel(float64(f.Inherent)))
}

func remediation(f *model.Finding) string {
	if f.Rule.Remediation != "" {
		return oneLine(f.Rule.Remediation)
	}
	return "see `tm-ls rules show " + f.RuleID + "`"
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

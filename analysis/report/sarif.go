package report

import (
	"encoding/json"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/tm-ls/tm-ls/analysis"
	"github.com/tm-ls/tm-ls/analysis/model"
)

// RuleDocURL is where a rule's documentation lives; the anchor is the lower-case ID.
const RuleDocURL = "https://github.com/tm-ls/tm-ls/blob/main/docs/rules.md#"

// The SARIF 2.1.0 subset GitHub code scanning reads. Field names follow the
// specification (OASIS SARIF 2.1.0, §3).
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []sarifSupp       `json:"suppressions,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifSupp struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtLoc `json:"artifactLocation"`
	Region           sarifRegion `json:"region"`
}

type sarifArtLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// securitySeverity is GitHub's numeric scale (critical ≥ 9.0, high ≥ 7.0, medium ≥
// 4.0, low > 0).
func securitySeverity(s model.Severity) string {
	return [...]string{"0.0", "3.0", "5.5", "8.0", "9.5"}[s]
}

func sarifLevel(s model.Severity) string {
	switch {
	case s >= model.SeverityHigh:
		return "error"
	case s == model.SeverityMedium:
		return "warning"
	default:
		return "note"
	}
}

// SARIF writes a SARIF 2.1.0 log that GitHub code scanning accepts: one rule per
// rule that has a finding, results with stable partial fingerprints from the
// finding ID, and in-source suppressions recorded as such.
func SARIF(w io.Writer, res *analysis.Result, opts Options) error {
	visible := Visible(res, opts.MinSeverity)
	used := map[string]*model.RuleMeta{}
	for _, f := range visible {
		used[f.RuleID] = f.Rule
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := map[string]int{}
	driver := sarifDriver{Name: "tm-ls", Version: opts.Version, InformationURI: "https://github.com/tm-ls/tm-ls", Rules: []sarifRule{}}
	for i, id := range ids {
		index[id] = i
		driver.Rules = append(driver.Rules, buildSarifRule(used[id]))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, f := range visible {
		r := sarifResult{
			RuleID: f.RuleID, RuleIndex: index[f.RuleID], Level: sarifLevel(f.Severity),
			Message:             sarifText{Text: f.Message},
			Locations:           []sarifLocation{sarifLoc(res, opts, f.File, f.Range, "")},
			PartialFingerprints: map[string]string{"tmFindingId/v1": f.ID},
			Properties: map[string]any{
				"resource": f.Resource, "inherentRisk": f.Inherent, "residualRisk": f.Residual, "status": f.Status.String(),
			},
		}
		for i, rel := range f.Related {
			l := sarifLoc(res, opts, rel.File, rel.Range, rel.Message)
			l.ID = i + 1
			r.RelatedLocations = append(r.RelatedLocations, l)
		}
		if f.Status == model.Suppressed || f.Status == model.Accepted {
			kind := "inSource"
			if f.Status == model.Accepted {
				kind = "external"
			}
			r.Suppressions = []sarifSupp{{Kind: kind, Justification: f.StatusNote}}
		}
		run.Results = append(run.Results, r)
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func buildSarifRule(m *model.RuleMeta) sarifRule {
	tags := []string{"security"}
	tags = append(tags, m.Stride...)
	for _, c := range m.CWE {
		tags = append(tags, "external/cwe/"+strings.ToLower(c))
	}
	help := m.Description
	if m.Remediation != "" {
		help += "\n\n**Recommended control:** " + m.Remediation
	}
	if len(m.Compliance) > 0 {
		help += "\n\n**Compliance:** " + strings.Join(m.Compliance, ", ")
	}
	full := oneLine(m.Description)
	if full == "" {
		full = m.Title
	}
	return sarifRule{
		ID: m.ID, Name: camel(m.ID), ShortDescription: sarifText{Text: m.Title}, FullDescription: sarifText{Text: full},
		Help: sarifText{Text: help, Markdown: help}, HelpURI: RuleDocURL + strings.ToLower(m.ID),
		DefaultConfiguration: sarifConfig{Level: sarifLevel(m.Severity)},
		Properties: map[string]any{
			"security-severity": securitySeverity(m.Severity), "precision": "high", "tags": tags,
			"compliance": nonNil(m.Compliance),
		},
	}
}

func sarifLoc(res *analysis.Result, opts Options, file string, rng hcl.Range, msg string) sarifLocation {
	start, end := rng.Start, rng.End
	if end.Byte < start.Byte || end.Line < start.Line {
		end = start
	}
	line := func(l int) int {
		if l < 1 {
			return 1
		}
		return l
	}
	// URIs are relative to where tm-ls ran (the repository root in CI), which is
	// what code scanning resolves against %SRCROOT%.
	art := sarifArtLoc{URI: path.Join(opts.PathPrefix, file), URIBaseID: "%SRCROOT%"}
	l := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: art,
		Region: sarifRegion{
			StartLine: line(start.Line), StartColumn: column(res, file, start.Byte),
			EndLine: line(end.Line), EndColumn: column(res, file, end.Byte),
		},
	}}
	if msg != "" {
		l.Message = &sarifText{Text: msg}
	}
	return l
}

// camel turns TM-AWS-S3-VERSIONING into TmAwsS3Versioning (SARIF rule names are
// identifiers).
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(strings.ToLower(part[1:]))
	}
	return b.String()
}

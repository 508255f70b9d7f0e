// Package baseline compares the findings of a run with a saved earlier run (the JSON
// document written by `tm-ls check --format json`), so that CI can fail only on new
// threats and show what was fixed since the baseline was taken.
//
// The file format is report.Document (schema_version 1). This package reads the few
// fields it needs with its own struct, keyed by the same JSON names, so that it does
// not depend on the analysis pipeline; cmd/tm-ls tests that a document written by
// the report package loads here.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// SchemaVersion is the version of the `tm-ls check --format json` document this
// package reads (report.SchemaVersion).
const SchemaVersion = 1

// maxSize bounds the baseline file read into memory.
const maxSize = 256 << 20

// Entry is one finding recorded in a baseline.
type Entry struct {
	ID       string
	RuleID   string
	Title    string
	Severity model.Severity
	Status   model.Status
	Resource string
	File     string
	Line     int
	Residual float64
}

// Active reports whether the entry counts towards open risk: not suppressed and not
// accepted (mitigated findings keep their residual risk, as in the report summary).
func (e Entry) Active() bool { return e.Status == model.Open || e.Status == model.Mitigated }

// Baseline is a loaded baseline: the findings of an earlier run by stable ID.
type Baseline struct {
	// Path is the file it was read from ("" when built in memory).
	Path string
	// Version is the tm-ls version that wrote it.
	Version string
	// Entries are the recorded findings, sorted by ID.
	Entries []Entry
	byID    map[string]int
}

// Lookup returns the recorded finding with that ID.
func (b *Baseline) Lookup(id string) (Entry, bool) {
	i, ok := b.byID[id]
	if !ok {
		return Entry{}, false
	}
	return b.Entries[i], true
}

// The fields of report.Document and report.JSONFinding that a baseline needs.
type fileDoc struct {
	Tool          string         `json:"tool"`
	Version       string         `json:"version"`
	SchemaVersion *int           `json:"schema_version"`
	Findings      *[]fileFinding `json:"findings"`
}

type fileFinding struct {
	ID       string   `json:"id"`
	RuleID   string   `json:"rule_id"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Status   string   `json:"status"`
	Resource string   `json:"resource"`
	Residual *float64 `json:"residual_risk"`
	Location struct {
		File  string `json:"file"`
		Start struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"location"`
}

// Load reads a baseline file. A missing, empty, corrupt or foreign file (not written
// by tm-ls, or by an incompatible version) is an error naming the file and the fault.
func Load(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("baseline %s: reading: %w", path, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("baseline %s: larger than %d MB; is it a tm-ls JSON report?", path, maxSize>>20)
	}
	return Parse(path, data)
}

// Parse reads a baseline from bytes; name labels errors (usually the file path).
func Parse(name string, data []byte) (*Baseline, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("baseline %s: the file is empty; write one with `tm-ls check --format json -o %s`", name, name)
	}
	var doc fileDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(data, int(se.Offset))
			return nil, fmt.Errorf("baseline %s: not valid JSON at line %d, column %d: %w", name, line, col, err)
		case errors.As(err, &te):
			if te.Field == "" {
				return nil, fmt.Errorf("baseline %s: not a tm-ls JSON report (the document is a JSON %s, want an object)", name, te.Value)
			}
			return nil, fmt.Errorf("baseline %s: field %q is a JSON %s, want %s: not a tm-ls JSON report", name, te.Field, te.Value, te.Type)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("baseline %s: the JSON document is truncated", name)
		}
		return nil, fmt.Errorf("baseline %s: not valid JSON: %w", name, err)
	}
	if doc.Tool != "tm-ls" {
		if doc.Tool == "" {
			return nil, fmt.Errorf("baseline %s: not a tm-ls JSON report (no \"tool\": \"tm-ls\" field); write one with `tm-ls check --format json`", name)
		}
		return nil, fmt.Errorf("baseline %s: written by %q, not tm-ls", name, doc.Tool)
	}
	if doc.SchemaVersion == nil {
		return nil, fmt.Errorf("baseline %s: no schema_version; not a tm-ls JSON report", name)
	}
	if *doc.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("baseline %s: schema_version %d, this tm-ls reads version %d; regenerate the baseline with this tm-ls", name, *doc.SchemaVersion, SchemaVersion)
	}
	if doc.Findings == nil {
		return nil, fmt.Errorf("baseline %s: no \"findings\" array", name)
	}
	b := &Baseline{Path: name, Version: doc.Version, byID: map[string]int{}}
	for i, f := range *doc.Findings {
		if f.ID == "" {
			return nil, fmt.Errorf("baseline %s: finding %d has no id", name, i+1)
		}
		sev, ok := model.ParseSeverity(f.Severity)
		if !ok {
			return nil, fmt.Errorf("baseline %s: finding %s: unknown severity %q", name, f.ID, f.Severity)
		}
		st, ok := parseStatus(f.Status)
		if !ok {
			return nil, fmt.Errorf("baseline %s: finding %s: unknown status %q", name, f.ID, f.Status)
		}
		if _, dup := b.byID[f.ID]; dup {
			return nil, fmt.Errorf("baseline %s: finding %s appears twice", name, f.ID)
		}
		e := Entry{ID: f.ID, RuleID: f.RuleID, Title: f.Title, Severity: sev, Status: st, Resource: f.Resource,
			File: f.Location.File, Line: f.Location.Start.Line}
		if f.Residual != nil {
			e.Residual = *f.Residual
		}
		b.byID[f.ID] = len(b.Entries)
		b.Entries = append(b.Entries, e)
	}
	b.sort()
	return b, nil
}

// FromFindings builds an in-memory baseline from findings (tests, and comparing two
// runs without a file).
func FromFindings(findings []*model.Finding) *Baseline {
	b := &Baseline{byID: map[string]int{}}
	for _, f := range findings {
		if _, dup := b.byID[f.ID]; dup {
			continue
		}
		b.byID[f.ID] = len(b.Entries)
		b.Entries = append(b.Entries, entryOf(f))
	}
	b.sort()
	return b
}

func (b *Baseline) sort() {
	sort.Slice(b.Entries, func(i, j int) bool { return b.Entries[i].ID < b.Entries[j].ID })
	for i, e := range b.Entries {
		b.byID[e.ID] = i
	}
}

func entryOf(f *model.Finding) Entry {
	e := Entry{ID: f.ID, RuleID: f.RuleID, Severity: f.Severity, Status: f.Status, Resource: f.Resource,
		File: f.File, Line: f.Range.Start.Line, Residual: f.Residual}
	if f.Rule != nil {
		e.Title = f.Rule.Title
	}
	return e
}

func parseStatus(s string) (model.Status, bool) {
	for st := model.Open; st <= model.Suppressed; st++ {
		if st.String() == s {
			return st, true
		}
	}
	return 0, false
}

func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

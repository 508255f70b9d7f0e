// Package compliance is the catalogue of compliance frameworks that rules cite: each
// framework's name, version and source document, and the requirements rules may name
// in their `compliance` lists as "framework:requirement" (for example
// "pci-dss-4.0:1.3.1" or "nist-800-53-r5:SC-28").
//
// Only requirement IDs taken from each framework's own numbering are listed, so that
// a mapping shown to an auditor never points at a clause that does not exist. The
// data is embedded from frameworks.json and parsed once; callers get copies.
package compliance

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

//go:embed frameworks.json
var frameworksJSON []byte

// Framework is one compliance framework or regulation.
type Framework struct {
	// ID is the prefix rules use: "pci-dss-4.0", "dora", "cis-aws-1.4".
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version string `json:"version"`
	// Source names the document the requirement IDs and titles come from.
	Source       string        `json:"source"`
	Requirements []Requirement `json:"requirements"`
}

// Requirement is one citable requirement, control, article or section.
type Requirement struct {
	// Framework is the framework ID, filled in on load.
	Framework string `json:"-"`
	// ID is the requirement's own identifier within the framework ("1.3.1", "SC-28",
	// "art9").
	ID string `json:"id"`
	// Title is the official short title (or a faithful abridgement of it).
	Title string `json:"title"`
}

// Key returns the "framework:requirement" form rules cite.
func (r Requirement) Key() string { return r.Framework + ":" + r.ID }

// catalogue is the parsed, validated embedded data.
type catalogue struct {
	frameworks []Framework
	byKey      map[string]Requirement
}

var load = sync.OnceValues(func() (*catalogue, error) { return parse(frameworksJSON) })

// parse reads and validates a frameworks document: every framework and requirement
// has an ID and a title, and no ID repeats.
func parse(src []byte) (*catalogue, error) {
	var doc struct {
		Frameworks []Framework `json:"frameworks"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("reading the compliance catalogue: %w", err)
	}
	c := &catalogue{byKey: map[string]Requirement{}}
	seen := map[string]bool{}
	for _, f := range doc.Frameworks {
		if f.ID == "" || f.Name == "" || strings.Contains(f.ID, ":") {
			return nil, fmt.Errorf("compliance catalogue: framework %q needs an ID without ':' and a name", f.ID)
		}
		if seen[f.ID] {
			return nil, fmt.Errorf("compliance catalogue: framework %q is listed twice", f.ID)
		}
		seen[f.ID] = true
		for i := range f.Requirements {
			r := &f.Requirements[i]
			r.Framework = f.ID
			if r.ID == "" || r.Title == "" {
				return nil, fmt.Errorf("compliance catalogue: %s has a requirement without ID or title", f.ID)
			}
			if _, dup := c.byKey[r.Key()]; dup {
				return nil, fmt.Errorf("compliance catalogue: %s is listed twice", r.Key())
			}
			c.byKey[r.Key()] = *r
		}
		c.frameworks = append(c.frameworks, f)
	}
	return c, nil
}

// Lookup finds a requirement by the "framework:requirement" key a rule cites. It
// reports false for unknown frameworks and requirements (and if the embedded
// catalogue were unreadable, which its tests rule out).
func Lookup(key string) (Requirement, bool) {
	c, err := load()
	if err != nil {
		return Requirement{}, false
	}
	r, ok := c.byKey[key]
	return r, ok
}

// Frameworks returns every framework with its requirements, in catalogue order. The
// result is a copy the caller may keep or modify.
func Frameworks() []Framework {
	c, err := load()
	if err != nil {
		return nil
	}
	out := make([]Framework, len(c.frameworks))
	for i, f := range c.frameworks {
		f.Requirements = append([]Requirement(nil), f.Requirements...)
		out[i] = f
	}
	return out
}

// FrameworkByID returns one framework by its ID ("pci-dss-4.0").
func FrameworkByID(id string) (Framework, bool) {
	for _, f := range Frameworks() {
		if f.ID == id {
			return f, true
		}
	}
	return Framework{}, false
}

// Err reports a problem with the embedded catalogue, nil when it loaded.
func Err() error {
	_, err := load()
	return err
}

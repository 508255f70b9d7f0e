package export

import (
	"sort"
	"strings"

	"github.com/tm-ls/tm-ls/analysis/model"
)

// OTMVersion is the Open Threat Model version written.
const OTMVersion = "0.2.0"

type otmDoc struct {
	OTMVersion  string          `json:"otmVersion"`
	Project     otmProject      `json:"project"`
	Assets      []otmAsset      `json:"assets"`
	TrustZones  []otmTrustZone  `json:"trustZones"`
	Components  []otmComponent  `json:"components"`
	Dataflows   []otmDataflow   `json:"dataflows"`
	Threats     []otmThreat     `json:"threats"`
	Mitigations []otmMitigation `json:"mitigations"`
}

type otmProject struct {
	Name       string         `json:"name"`
	ID         string         `json:"id"`
	Owner      string         `json:"owner,omitempty"`
	Tags       []string       `json:"tags,omitempty"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

type otmAsset struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Risk       otmCIA         `json:"risk"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

type otmCIA struct {
	Confidentiality int `json:"confidentiality"`
	Integrity       int `json:"integrity"`
	Availability    int `json:"availability"`
}

type otmTrustZone struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Risk       otmTrust       `json:"risk"`
	Parent     *otmParent     `json:"parent,omitempty"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

type otmTrust struct {
	TrustRating int `json:"trustRating"`
}

// otmParent names exactly one parent: a trust zone or a component.
type otmParent struct {
	TrustZone string `json:"trustZone,omitempty"`
	Component string `json:"component,omitempty"`
}

type otmAssetInstance struct {
	Processed []string `json:"processed,omitempty"`
	Stored    []string `json:"stored,omitempty"`
}

type otmComponent struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Type       string            `json:"type"`
	Parent     otmParent         `json:"parent"`
	Assets     *otmAssetInstance `json:"assets,omitempty"`
	Threats    []otmThreatInst   `json:"threats,omitempty"`
	Tags       []string          `json:"tags,omitempty"`
	Attributes map[string]any    `json:"attributes,omitempty"`
}

type otmThreatInst struct {
	Threat      string         `json:"threat"`
	State       string         `json:"state"`
	Mitigations []otmMitigInst `json:"mitigations,omitempty"`
}

type otmMitigInst struct {
	Mitigation string `json:"mitigation"`
	State      string `json:"state"`
}

type otmDataflow struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Source      string          `json:"source"`
	Destination string          `json:"destination"`
	Assets      []string        `json:"assets,omitempty"`
	Threats     []otmThreatInst `json:"threats,omitempty"`
	Tags        []string        `json:"tags,omitempty"`
	Attributes  map[string]any  `json:"attributes,omitempty"`
}

type otmThreat struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Categories  []string       `json:"categories,omitempty"`
	CWEs        []string       `json:"cwes,omitempty"`
	Risk        otmRisk        `json:"risk"`
	Tags        []string       `json:"tags,omitempty"`
	Attributes  map[string]any `json:"attributes,omitempty"`
}

type otmRisk struct {
	Likelihood int `json:"likelihood"`
	Impact     int `json:"impact"`
}

type otmMitigation struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Description   string         `json:"description,omitempty"`
	RiskReduction int            `json:"riskReduction"`
	Attributes    map[string]any `json:"attributes,omitempty"`
}

var trustRating = map[string]int{"untrusted": 1, "semi-trusted": 50, "trusted": 100}

var confidentiality = map[string]int{"public": 10, "internal": 40, "confidential": 75, "restricted": 100}

// threatState maps a finding's status to the OTM threat state.
var threatState = map[model.Status]string{model.Open: "exposed", model.Mitigated: "mitigated", model.Accepted: "accepted", model.Suppressed: "notApplicable"}

// OTM writes the graph as an Open Threat Model 0.2.0 document. Terraform addresses,
// origins and locations are kept in `attributes`; compliance IDs in threat `tags`.
// Risk scales are OTM's 0..100: likelihood and impact ×20, trust 1/50/100.
func OTM(g *model.Graph, findings []*model.Finding) ([]byte, error) {
	name := g.Name
	if name == "" {
		name = "workspace"
	}
	d := otmDoc{OTMVersion: OTMVersion, Project: otmProject{Name: name, ID: slug(name), Owner: g.Owner, Tags: g.Frameworks,
		Attributes: map[string]any{"generator": "tm-ls", "declared": g.Declared}},
		Assets: []otmAsset{}, TrustZones: []otmTrustZone{}, Components: []otmComponent{}, Dataflows: []otmDataflow{}, Threats: []otmThreat{}, Mitigations: []otmMitigation{}}
	for _, a := range g.Data {
		d.Assets = append(d.Assets, otmAsset{ID: a.Address, Name: a.Name, Risk: otmCIA{Confidentiality: confidentiality[a.Classification], Integrity: 50, Availability: 50},
			Attributes: map[string]any{"classification": a.Classification}})
	}
	zones := map[string]bool{}
	for _, b := range g.Boundaries {
		zones[b.Address] = true
	}
	for _, b := range g.Boundaries {
		z := otmTrustZone{ID: b.Address, Name: b.Name, Risk: otmTrust{TrustRating: trustRating[b.Trust]}, Attributes: attrs(b.Element, map[string]any{"trust": b.Trust})}
		if b.Parent != "" && zones[b.Parent] {
			z.Parent = &otmParent{TrustZone: b.Parent}
		}
		if z.Name == "" {
			z.Name = b.Address
		}
		d.TrustZones = append(d.TrustZones, z)
	}
	// Threat instances by element, and threat definitions by rule.
	controlsFor := func(f *model.Finding) []otmMitigInst {
		var out []otmMitigInst
		for _, c := range g.Controls {
			if contains(c.Mitigates, f.RuleID) && (contains(c.On, f.Resource) || strings.Contains(f.StatusNote, "control "+c.Name+" ")) {
				state := "implemented"
				if c.Status != "implemented" {
					state = "required"
				}
				out = append(out, otmMitigInst{Mitigation: c.Address, State: state})
			}
		}
		return out
	}
	// Resource findings (Resource is a Terraform address) go to the component that
	// stands for the resource.
	owner := map[string]string{}
	for _, c := range g.Components {
		owner[c.Address] = c.Address
		for _, t := range c.Terraform {
			if _, taken := owner[t]; !taken {
				owner[t] = c.Address
			}
		}
	}
	for _, f := range g.Flows {
		owner[f.Address] = f.Address
	}
	for _, a := range g.Actors {
		owner[a.Address] = a.Address
	}
	inst := map[string][]otmThreatInst{}
	defs := map[string]otmThreat{}
	for _, f := range sortedFindings(findings) {
		el, ok := owner[f.Resource]
		if !ok {
			continue
		}
		inst[el] = append(inst[el], otmThreatInst{Threat: f.RuleID, State: threatState[f.Status], Mitigations: controlsFor(f)})
		if _, ok := defs[f.RuleID]; ok || f.Rule == nil {
			continue
		}
		defs[f.RuleID] = otmThreat{ID: f.RuleID, Name: f.Rule.Title, Description: strings.TrimSpace(f.Rule.Description), Categories: f.Rule.Stride, CWEs: f.Rule.CWE,
			Risk: otmRisk{Likelihood: f.Rule.Likelihood * 20, Impact: f.Rule.Impact * 20}, Tags: f.Rule.Compliance,
			Attributes: map[string]any{"severity": f.Rule.Severity.String(), "remediation": f.Rule.Remediation}}
	}
	parentOf := func(boundary string) otmParent {
		if zones[boundary] {
			return otmParent{TrustZone: boundary}
		}
		return otmParent{TrustZone: d.TrustZones[0].ID}
	}
	if len(d.TrustZones) == 0 {
		d.TrustZones = append(d.TrustZones, otmTrustZone{ID: "boundary.system", Name: "System", Risk: otmTrust{TrustRating: 100}})
	}
	for _, a := range g.Actors {
		d.Components = append(d.Components, otmComponent{ID: a.Address, Name: a.Name, Type: "actor", Parent: parentOf(a.Boundary), Threats: inst[a.Address],
			Attributes: attrs(a.Element, nil)})
	}
	for _, c := range g.Components {
		oc := otmComponent{ID: c.Address, Name: c.Name, Type: c.Kind, Parent: parentOf(c.Boundary), Threats: inst[c.Address], Tags: componentTags(c),
			Attributes: attrs(c.Element, map[string]any{"encrypted_at_rest": c.EncryptedAtRest.String(), "internet_facing": c.InternetFacing})}
		if len(c.Stores)+len(c.Processes) > 0 {
			oc.Assets = &otmAssetInstance{Processed: c.Processes, Stored: c.Stores}
		}
		d.Components = append(d.Components, oc)
	}
	for _, f := range g.Flows {
		tags := []string{}
		if f.Protocol != "" {
			tags = append(tags, f.Protocol)
		}
		d.Dataflows = append(d.Dataflows, otmDataflow{ID: f.Address, Name: f.Name, Source: f.From, Destination: f.To, Assets: f.Data, Threats: inst[f.Address], Tags: tags,
			Attributes: attrs(f.Element, map[string]any{"port": f.Port, "encrypted": f.Encrypted.String(), "authenticated": f.Authenticated.String(), "via": strings.Join(f.Via, ", ")})})
	}
	ids := make([]string, 0, len(defs))
	for id := range defs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d.Threats = append(d.Threats, defs[id])
	}
	for _, c := range g.Controls {
		d.Mitigations = append(d.Mitigations, otmMitigation{ID: c.Address, Name: c.Name, RiskReduction: int(c.Effectiveness*100 + 0.5),
			Attributes: map[string]any{"status": c.Status, "mitigates": strings.Join(c.Mitigates, ", ")}})
	}
	return marshal(d)
}

func componentTags(c *model.Component) []string {
	var t []string
	if c.Provider != "" {
		t = append(t, c.Provider)
	}
	if c.InternetFacing {
		t = append(t, "internet-facing")
	}
	return append(t, c.Origin.String())
}

// attrs carries where an element comes from: origin, Terraform addresses, file, line.
func attrs(e model.Element, extra map[string]any) map[string]any {
	m := map[string]any{"origin": e.Origin.String()}
	if len(e.Terraform) > 0 {
		m["terraform"] = strings.Join(e.Terraform, ", ")
	}
	if e.File != "" {
		m["file"] = e.File
		m["line"] = e.Range.Start.Line
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteRune('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

package graph

import (
	"embed"
	"fmt"
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

//go:embed mapping/*.hcl
var mappingFS embed.FS

// Mapping is the data that turns Terraform resources into graph elements. It is
// read from the embedded mapping/*.hcl tables (not written as code), so that a new
// resource type is one block in a table.
type Mapping struct {
	Providers  map[string]*ProviderMap // by provider name ("aws")
	Components map[string]*ComponentMap
	Boundaries map[string]*BoundaryMap
	Networks   map[string]*NetworkMap
	Connectors map[string]*ConnectorMap
	Exposures  map[string]*ExposureMap
	Ports      map[int]*ProtoMap
	Protocols  map[string]*ProtoMap
}

// ProviderMap lists the resource types that give account-wide or linked facts.
type ProviderMap struct {
	Name       string   `hcl:"name,label"`
	Audit      []string `hcl:"audit,optional"`
	Backup     []string `hcl:"backup,optional"`
	WAF        []string `hcl:"waf,optional"`
	RateLimit  []string `hcl:"rate_limit,optional"`
	Guards     []string `hcl:"guards,optional"`
	GuardLinks []string `hcl:"guard_links,optional"`
	Identities []string `hcl:"identities,optional"`
	Grants     []string `hcl:"grants,optional"`
}

// ComponentMap maps one resource type to a component kind and says where its facts are.
type ComponentMap struct {
	Type             string   `hcl:"type,label"`
	Kind             string   `hcl:"kind"`
	Network          bool     `hcl:"network,optional"`
	Encrypted        string   `hcl:"encrypted,optional"`
	EncryptedDefault *bool    `hcl:"encrypted_default,optional"`
	Public           string   `hcl:"public,optional"`
	PublicUnless     string   `hcl:"public_unless,optional"`
	PublicAlways     bool     `hcl:"public_always,optional"`
	PublicDefault    bool     `hcl:"public_default,optional"`
	PublicIfIn       []string `hcl:"public_if_in,optional"`
	Backup           string   `hcl:"backup,optional"`
	BackupDefault    *bool    `hcl:"backup_default,optional"`
	WAF              string   `hcl:"waf,optional"`
	RateLimit        string   `hcl:"rate_limit,optional"`
	Protocol         string   `hcl:"protocol,optional"`
	Port             int      `hcl:"port,optional"`
	Transit          string   `hcl:"transit,optional"`
	provider         string
}

// BoundaryMap maps a network type (VPC, VNet) to a trust boundary.
type BoundaryMap struct {
	Type  string `hcl:"type,label"`
	Trust string `hcl:"trust"`
}

// NetworkMap is a resource that places things inside a boundary (a subnet): its
// parent attribute leads to the boundary, public says it exposes to the internet.
type NetworkMap struct {
	Type   string `hcl:"type,label"`
	Parent string `hcl:"parent,optional"`
	Public string `hcl:"public,optional"`
}

// ConnectorMap is a resource that links two components (a listener, an integration,
// an event source mapping).
type ConnectorMap struct {
	Type         string `hcl:"type,label"`
	From         string `hcl:"from"`
	To           string `hcl:"to"`
	Protocol     string `hcl:"protocol,optional"`
	ProtocolAttr string `hcl:"protocol_attr,optional"`
	PortAttr     string `hcl:"port_attr,optional"`
	// Entry is true when the connector's source is an entry point whose port is
	// what the internet reaches (a load balancer listener).
	Entry bool `hcl:"entry,optional"`
}

// ExposureMap is a resource that opens a component to the internet (a function
// URL, an API route): the component becomes internet-facing and gets a flow from
// the internet, authenticated unless the auth attribute says "NONE".
type ExposureMap struct {
	Type     string `hcl:"type,label"`
	Target   string `hcl:"target"`
	Protocol string `hcl:"protocol,optional"`
	Port     int    `hcl:"port,optional"`
	Auth     string `hcl:"auth,optional"`
}

// ProtoMap says what a port or protocol name means for encryption in transit.
type ProtoMap struct {
	Name      string `hcl:"name,label"`
	Protocol  string `hcl:"protocol,optional"`
	Encrypted *bool  `hcl:"encrypted,optional"`
}

type mappingFile struct {
	Providers  []*ProviderMap  `hcl:"provider,block"`
	Boundaries []*BoundaryMap  `hcl:"boundary,block"`
	Networks   []*NetworkMap   `hcl:"network,block"`
	Components []*ComponentMap `hcl:"component,block"`
	Connectors []*ConnectorMap `hcl:"connector,block"`
	Exposures  []*ExposureMap  `hcl:"exposure,block"`
	Ports      []*ProtoMap     `hcl:"port,block"`
	Protocols  []*ProtoMap     `hcl:"protocol,block"`
}

// DefaultMapping reads the embedded mapping tables. An error means a broken build
// (the tables are tested), never bad user input.
func DefaultMapping() (*Mapping, error) {
	m := &Mapping{
		Providers: map[string]*ProviderMap{}, Components: map[string]*ComponentMap{}, Boundaries: map[string]*BoundaryMap{},
		Networks: map[string]*NetworkMap{}, Connectors: map[string]*ConnectorMap{}, Exposures: map[string]*ExposureMap{}, Ports: map[int]*ProtoMap{}, Protocols: map[string]*ProtoMap{},
	}
	entries, err := mappingFS.ReadDir("mapping")
	if err != nil {
		return nil, fmt.Errorf("graph: reading mapping tables: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := mappingFS.ReadFile("mapping/" + name)
		if err != nil {
			return nil, fmt.Errorf("graph: reading mapping %s: %w", name, err)
		}
		if err := m.add(name, b); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Mapping) add(name string, b []byte) error {
	f, diags := hclsyntax.ParseConfig(b, name, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return fmt.Errorf("graph: mapping %s: %s", name, diags.Error())
	}
	var mf mappingFile
	if diags := gohcl.DecodeBody(f.Body, nil, &mf); diags.HasErrors() {
		return fmt.Errorf("graph: mapping %s: %s", name, diags.Error())
	}
	prov := ""
	for _, p := range mf.Providers {
		m.Providers[p.Name] = p
		prov = p.Name
	}
	for _, c := range mf.Components {
		if m.Components[c.Type] != nil {
			return fmt.Errorf("graph: mapping %s: component %s mapped twice", name, c.Type)
		}
		c.provider = prov
		m.Components[c.Type] = c
	}
	for _, x := range mf.Boundaries {
		m.Boundaries[x.Type] = x
	}
	for _, x := range mf.Networks {
		m.Networks[x.Type] = x
	}
	for _, x := range mf.Connectors {
		m.Connectors[x.Type] = x
	}
	for _, x := range mf.Exposures {
		m.Exposures[x.Type] = x
	}
	for _, x := range mf.Ports {
		p, err := strconv.Atoi(x.Name)
		if err != nil {
			return fmt.Errorf("graph: mapping %s: port %q: %w", name, x.Name, err)
		}
		m.Ports[p] = x
	}
	for _, x := range mf.Protocols {
		m.Protocols[x.Name] = x
	}
	return nil
}

// providerOf names the provider of a resource type from its prefix.
func providerOf(typ string) string {
	switch {
	case len(typ) > 4 && typ[:4] == "aws_":
		return "aws"
	case len(typ) > 8 && typ[:8] == "azurerm_":
		return "azure"
	case len(typ) > 7 && typ[:7] == "google_":
		return "google"
	}
	return ""
}

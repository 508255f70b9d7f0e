package model

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// This file holds the component graph of a workspace: the system as a threat model
// sees it (components inside trust boundaries, actors, data assets, data flows
// between them), plus the controls and risk acceptances that change the status of
// its threats. Elements are either declared in *.tm.hcl files or inferred from the
// Terraform resources; a declared element wins over an inferred one it claims.

// Tri is a three-valued fact about an element: known true, known false, or unknown
// (the configuration does not say, or says it with a value known only after apply).
// Rules never raise a threat on an unknown fact.
type Tri int8

const (
	// Unknown: the fact cannot be decided from the configuration.
	Unknown Tri = iota
	// No: the fact is known to be false.
	No
	// Yes: the fact is known to be true.
	Yes
)

// TriOf returns Yes or No for a known boolean.
func TriOf(b bool) Tri {
	if b {
		return Yes
	}
	return No
}

// String returns "yes", "no" or "unknown".
func (t Tri) String() string {
	switch t {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// Origin says where an element of the graph comes from.
type Origin int8

const (
	// Inferred elements were derived from Terraform resources.
	Inferred Origin = iota
	// Declared elements were written in a *.tm.hcl file.
	Declared
)

// String returns "inferred" or "declared".
func (o Origin) String() string {
	if o == Declared {
		return "declared"
	}
	return "inferred"
}

// Element is what every graph element shares: its address (the name findings,
// exports and references use), where it is written, and where it comes from.
type Element struct {
	// Address is "component.api", "flow.checkout", "boundary.vpc", ... for declared
	// elements; a Terraform address ("aws_lb.web", "envs/prod:aws_db_instance.main")
	// for inferred components and boundaries; "<from>-><to>:<port>" for inferred flows.
	Address string
	// Name is the short label (the block label, or the resource name).
	Name   string
	Origin Origin
	// File (relative to the workspace root, forward slashes) and Range locate the
	// declaration: the DSL block header, or the Terraform block header.
	File  string
	Range hcl.Range
	// Terraform are the addresses of the Terraform resources behind the element
	// (claimed by a declaration with `terraform = [...]`, or the inferred resource).
	Terraform []string
	// Root is the Terraform root module ("." for the workspace root) of Terraform.
	Root string
}

// Boundary is a trust boundary (a network, an account, the internet).
type Boundary struct {
	Element
	// Trust is "untrusted", "semi-trusted" or "trusted".
	Trust string
	// Parent is the address of an enclosing boundary, "" for none.
	Parent string
}

// Actor is a person or external system that starts flows (the internet, a customer).
type Actor struct {
	Element
	Boundary string
}

// DataAsset is a kind of data the system handles, with its classification.
type DataAsset struct {
	Element
	// Classification is "public", "internal", "confidential" or "restricted".
	Classification string
}

// Component is a part of the system: a service, a datastore, a queue, a function...
type Component struct {
	Element
	// Kind is "service", "datastore", "queue", "function", "gateway", "network",
	// "identity", "load-balancer", "cdn", "secret", ... (the mapping tables say which
	// Terraform types become which kind).
	Kind     string
	Boundary string
	// Provider is "aws", "azure", "google" or "" for a purely declared component.
	Provider string
	// Stores and Processes are data asset addresses.
	Stores    []string
	Processes []string
	// Facts inferred from the Terraform resources behind the component.
	InternetFacing  bool
	EncryptedAtRest Tri
	WAF             Tri
	RateLimit       Tri
	Backup          Tri
	// AuditTrail says whether the account holding the component records API activity
	// (CloudTrail, Azure activity log export, GCP audit logs).
	AuditTrail Tri
	// Guarded is true when network rules (security groups, NSGs, firewall rules)
	// govern who may reach the component, so that flows into it can be checked.
	Guarded bool
	// Evidence locates the Terraform source of each fact, keyed by fact name
	// ("encrypted_at_rest", "internet_facing", "backup", "waf"): the attribute that
	// decides it, else the block header. Findings about a fact are placed there.
	Evidence map[string]Related
}

// Flow is a data flow from an actor or component to a component.
type Flow struct {
	Element
	From, To string
	// Protocol is lower case ("https", "http", "tcp", "postgres", "aws-api"); Port 0
	// when not known.
	Protocol      string
	Port          int
	Data          []string
	Authenticated Tri
	Encrypted     Tri
	// Via lists the Terraform addresses that open or define the flow (the security
	// group rule, the listener, the integration).
	Via []string
}

// Control is a declared mitigation of threats on elements.
type Control struct {
	Element
	// Mitigates holds rule IDs, On element addresses (components, flows, or Terraform
	// addresses, which stand for the component that claims them).
	Mitigates []string
	On        []string
	// Status is "planned" or "implemented"; only implemented controls reduce risk.
	Status string
	// Effectiveness is 0..1 (default 0.5): residual = inherent × Π(1 − effectiveness).
	Effectiveness float64
}

// Acceptance is a declared, owned, time-boxed acceptance of a threat.
type Acceptance struct {
	Element
	RuleID string
	On     []string
	Reason string
	Owner  string
	// Until is the expiry date (zero when none was given, which never expires).
	Until time.Time
}

// AttackPath is a shortest chain of flows from an untrusted actor to a component
// holding sensitive data.
type AttackPath struct {
	// Source is the actor (or component in an untrusted boundary) the path starts at,
	// Target the component at its end.
	Source, Target string
	// Nodes are the element addresses from Source to Target; Flows the flow addresses
	// between consecutive nodes (len(Flows) == len(Nodes)-1).
	Nodes []string
	Flows []string
	// Classification is the most sensitive data the target holds.
	Classification string
	// Likelihood, Impact and Risk rank the path (Risk is residual after controls).
	Likelihood int
	Impact     int
	Risk       float64
}

// Graph is the threat model of a workspace. Slices are sorted by address.
type Graph struct {
	// Name, Owner and Frameworks come from the `model` block ("" when none).
	Name       string
	Owner      string
	Frameworks []string
	// Declared is true when at least one *.tm.hcl file declared elements; drift is
	// only reported then.
	Declared bool

	Boundaries  []*Boundary
	Actors      []*Actor
	Data        []*DataAsset
	Components  []*Component
	Flows       []*Flow
	Controls    []*Control
	Acceptances []*Acceptance
	// Paths are filled by the threat analysis, highest risk first.
	Paths []*AttackPath
}

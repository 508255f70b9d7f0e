// Package model holds the leaf types shared by every stage of tm-ls: evaluated
// Terraform resources, rule metadata, findings and their risk. It imports no other
// tm-ls package, so the loader, the rule engine, the CLI and the language server can
// all speak about the same things without depending on each other.
package model

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Mode says whether a Terraform block is a managed resource or a data source.
type Mode int

const (
	// Managed is a `resource` block.
	Managed Mode = iota
	// Data is a `data` block.
	Data
)

// Loc locates one attribute or nested block of a resource in its source.
type Loc struct {
	// Range covers the whole attribute (`name = expr`) or the whole nested block.
	Range hcl.Range
	// Value covers the attribute's expression; for a block it is the block's
	// header (type and labels), where a diagnostic about the block belongs.
	Value hcl.Range
	// Block is true when the path names a nested block (or a dynamic block's
	// content) rather than an attribute.
	Block bool
	// Owner is the address of the resource whose source holds this location. It
	// differs from the resource's own address when the attribute was joined in from
	// another resource (an S3 split resource such as aws_s3_bucket_versioning).
	Owner string
}

// Ref is a reference from one resource to another, found in an expression traversal
// such as `bucket = aws_s3_bucket.b.id`. References become edges of the graph.
type Ref struct {
	// From is the attribute path in the referring resource ("bucket",
	// "vpc_config.0.security_group_ids").
	From string
	// To is the referenced resource's address: an instance address when the index is
	// known (`aws_s3_bucket.b[0]`), else the address of the resource without index
	// (`aws_s3_bucket.b`), which stands for all its instances.
	To string
	// Range is the traversal's source range.
	Range hcl.Range
}

// ModuleCall is one `module` block on the chain from the root module to the module
// that declares a resource.
type ModuleCall struct {
	// Name is the module call's name (`module "net"` → "net"), Key its instance key
	// when the call uses count/for_each ("" otherwise, else `[0]` or `["a"]`).
	Name string
	Key  string
	// Source is the call's `source` argument as written.
	Source string
	// Range is the module block's header range in the caller's file.
	Range hcl.Range
}

// Resource is one evaluated instance of a Terraform resource or data source.
type Resource struct {
	// Address is the full instance address, as Terraform writes it:
	// `module.net.aws_security_group.web["a"]`, `data.aws_iam_policy_document.p`.
	Address string
	// BaseAddress is the address without this instance's own key (module keys kept):
	// `module.net.aws_security_group.web`.
	BaseAddress string
	// Root is the directory of the root module this instance was evaluated from,
	// relative to the workspace root ("." for the workspace root itself). A workspace
	// can hold several root modules (envs/dev, envs/prod); their addresses may clash.
	Root string
	Mode Mode
	Type string
	Name string
	// Module is the module path prefix, "" for the root module (`module.net`,
	// `module.a["x"].module.b`).
	Module string
	// Key is the count index (cty.Number) or for_each key (cty.String); cty.NilVal
	// when the block has neither.
	Key cty.Value
	// Attrs is the evaluated body as a cty object. Nested blocks are lists of objects
	// (always lists, whatever the provider schema says), dynamic blocks are expanded,
	// unknown values stay unknown (cty.UnknownVal / cty.DynamicVal).
	Attrs cty.Value
	// File is the path of the file that declares the block, relative to the
	// workspace root with forward slashes.
	File string
	// DeclRange is the block header (`resource "aws_s3_bucket" "b"`); BodyRange the
	// whole block including its braces.
	DeclRange hcl.Range
	BodyRange hcl.Range
	// Paths locates attributes and nested blocks by path. Blocks are indexed by their
	// position in the evaluated list: "ingress.0", "ingress.0.cidr_blocks",
	// "metadata_options.0.http_tokens". Attributes set to an object map or list are
	// located by their attribute path only.
	Paths map[string]Loc
	// Refs are the outgoing references of the block.
	Refs []Ref
	// ModuleCalls is the chain of module calls from the root to the module that
	// declares this resource (empty for root resources).
	ModuleCalls []ModuleCall
	// Joined lists the addresses of other resources whose configuration was merged
	// into Attrs (S3 split resources joined to their bucket).
	Joined []string
	// JoinedTo is set on a split resource to the address of the bucket it was joined to.
	JoinedTo string
}

// Severity orders findings from informational to critical.
type Severity int

const (
	SeverityInfo Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

// String returns the lower-case name used in rule files, config and output.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "unknown"
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as written in rule and config files.
func ParseSeverity(name string) (Severity, bool) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), true
		}
	}
	return 0, false
}

// Status is where a finding stands.
type Status int

const (
	// Open: the threat is present and nothing mitigates or accepts it.
	Open Status = iota
	// Mitigated: a declared control reduces it (residual risk below inherent).
	Mitigated
	// Accepted: an acceptance with an owner and an expiry covers it.
	Accepted
	// Suppressed: a `# tm:ignore:` (or peer scanner) comment hides it.
	Suppressed
)

var statusNames = [...]string{"open", "mitigated", "accepted", "suppressed"}

// String returns the lower-case status name used in output.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return "unknown"
	}
	return statusNames[s]
}

// Related is a secondary location of a finding: the security group rule that opens
// a port, the bucket an access block belongs to, a module call site, a step of an
// attack path.
type Related struct {
	Message string
	File    string
	Range   hcl.Range
}

// Finding is one threat found on one resource (or graph element) by one rule.
type Finding struct {
	// ID is stable across edits: "RULE-ID@address". Baselines, SARIF fingerprints
	// and exports key on it; it never contains a line number.
	ID     string
	RuleID string
	Rule   *RuleMeta
	// Resource is the address of the flagged resource, ResourceType its type.
	Resource     string
	ResourceType string
	// Severity is the rule's severity after config overrides.
	Severity Severity
	// Message is the one-line text shown in diagnostics and CLI output.
	Message string
	// File and Range are the primary location: the offending attribute, else the
	// block header. Inside a module they point into the module's source.
	File  string
	Range hcl.Range
	// Related holds secondary locations, module call chain included.
	Related []Related
	Status  Status
	// StatusNote explains Suppressed/Accepted/Mitigated (the reason, the owner, the
	// expiry) in one line.
	StatusNote string
	// Likelihood and Impact are 1..5; Inherent = Likelihood × Impact (1..25);
	// Residual is the risk after controls (equal to Inherent when none apply).
	Likelihood int
	Impact     int
	Inherent   int
	Residual   float64
	// Fixable is true when the rule has a fix that applies to this finding.
	Fixable bool
}

// Undecided records a rule that could not be decided on a resource because a value
// it needs is unknown (a variable with no value, an attribute known only after apply).
type Undecided struct {
	RuleID   string
	Resource string
	File     string
	Range    hcl.Range
	// Reason names what was unknown, e.g. "var.tokens has no value".
	Reason string
}

// Equivalents are the IDs of the same check in other scanners, used for migration
// (their ignore comments suppress the tm-ls rule) and shown in rule docs.
type Equivalents struct {
	Tfsec   []string // long ids such as "aws-s3-enable-versioning"
	Trivy   []string // "AVD-AWS-0090"
	Checkov []string // "CKV_AWS_21"
}

// RuleMeta is everything about a rule that consumers show: the CLI, hover, SARIF
// rule descriptors, exports. The rule engine owns the executable parts.
type RuleMeta struct {
	ID         string
	Title      string
	Severity   Severity
	Stride     []string // spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege
	CWE        []string // "CWE-284"
	Compliance []string // "framework:requirement", e.g. "pci-dss-4.0:1.3.1"
	Likelihood int
	Impact     int
	// Resources are the Terraform types the rule applies to.
	Resources []string
	// Provider is "aws", "azure", "google" or "" (derived from Resources).
	Provider    string
	Description string // markdown
	// Remediation is the recommended control in one or two sentences.
	Remediation string
	Equivalents Equivalents
	// HasFix is true when the rule defines at least one fix.
	HasFix bool
	// Source is the rule file and the range of the rule block ("builtin:..." for the
	// embedded catalogue).
	Source string
	// CoveredBy (threat-model rules) lists resource rules that report the same
	// threat: where one of them is open on a resource the element stands for, the
	// threat-model finding is not reported again.
	CoveredBy []string
}

// Diagnostic is a problem with the input itself (a syntax error, a skipped file, a
// malformed rule or config, a suppression without reason), as opposed to a threat.
type Diagnostic struct {
	Severity Severity // SeverityHigh = error, SeverityMedium = warning, SeverityLow/Info = info
	File     string
	Range    hcl.Range
	Summary  string
	Detail   string
	// Code is a short machine name: "syntax", "skipped-file", "config", "rule-file",
	// "suppression-no-reason", "suppression-expired", "unresolved-module", ...
	Code string
}

// RiskOrder orders findings for "top risks": highest residual risk first, then
// highest severity, then by ID, so that every ranking (CLI summary, reports) agrees
// and is stable.
func RiskOrder(a, b *Finding) bool {
	if a.Residual != b.Residual {
		return a.Residual > b.Residual
	}
	if a.Severity != b.Severity {
		return a.Severity > b.Severity
	}
	return a.ID < b.ID
}

// UnknownInJSON is what the loader writes into JSON it encodes (jsonencode, a
// policy document's json) in place of a value known only after apply, such as
// the ARN of a resource. The rule functions that read JSON (statements(), json())
// read it back as unknown, so a policy that references a bucket's ARN is judged on
// everything else it says. It is Terraform's own phrase for such values.
const UnknownInJSON = "(known after apply)"

package tmdsl

// The language, block by block (every block has one label, its name; references are
// written without quotes and resolved to declarations, with their ranges kept):
//
//	model "payments" {                   # at most one per workspace
//	  owner      = "team-payments"
//	  frameworks = ["pci-dss-4.0", "dora"]
//	  import "identity" {                # reuse another model's declarations
//	    source = "../identity"           # a directory, relative to this file
//	  }
//	}
//	data "card_number" {
//	  classification = "restricted"      # public | internal | confidential | restricted
//	}
//	boundary "vpc" {
//	  trust     = "trusted"              # untrusted | semi-trusted | trusted
//	  terraform = [aws_vpc.main]         # the network resources it stands for
//	  parent    = boundary.account       # optional
//	}
//	actor "customer" {
//	  boundary = boundary.internet
//	}
//	component "api" {
//	  kind      = "service"              # service | datastore | queue | function | gateway | load-balancer | ...
//	  boundary  = boundary.vpc           # optional: else the boundary of its resources
//	  terraform = [aws_lb.api, module.svc.aws_ecs_service.api]
//	  stores    = [data.card_number]
//	  processes = [data.card_number]
//	}
//	flow "checkout" {
//	  from          = actor.customer     # an actor or a component
//	  to            = component.api
//	  protocol      = "https"            # optional; with port, decides encryption when not given
//	  port          = 443
//	  data          = [data.card_number]
//	  authenticated = true
//	  encrypted     = true
//	}
//	control "waf" {
//	  mitigates     = ["TM-GRAPH-INTERNET-NO-WAF"]   # rule IDs
//	  on            = [component.api]                # elements or Terraform addresses
//	  status        = "implemented"                  # planned | implemented (default)
//	  effectiveness = 0.7                            # 0..1, default 0.5
//	}
//	accept "TM-AWS-S3-LOGGING" {         # the label is the accepted rule's ID
//	  on     = [component.logs]
//	  reason = "access logs are the log bucket"
//	  owner  = "team-platform"
//	  until  = "2027-03-31"
//	}
//
// Diagnostics (with exact ranges): syntax errors, unknown blocks and attributes,
// missing required attributes, values of the wrong type or outside their enum,
// references to undeclared names or to the wrong kind of declaration, duplicate
// names, imports that find no files, and import cycles.

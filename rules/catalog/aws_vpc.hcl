# VPC networking rules: security groups (inline ingress blocks,
# aws_security_group_rule and aws_vpc_security_group_ingress_rule), the default
# security group, flow logs and subnets.
#
# Port rules look at TCP (and for RDP, UDP) rules whose range covers the port; rules
# opening every protocol ("-1") or every port (0-65535) are reported once, by
# TM-AWS-VPC-SG-ALL-PORTS-OPEN.

rule "TM-AWS-VPC-SG-SSH-OPEN" {
  title      = "Security group allows SSH from the internet"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "pci-dss-4.0:2.2.7", "cis-aws-1.4:5.2"]
  likelihood = 4
  impact     = 4
  resource   = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
  condition  = "res.type == 'aws_security_group' ? (all_blocks(r, 'ingress').exists(i, (any_public(get(i, 'cidr_blocks', [])) || any_public(get(i, 'ipv6_cidr_blocks', []))) && lower(string(get(i, 'protocol', ''))) in ['tcp', '6'] && port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 22) && !(port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 1) && port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 65535)))) : res.type == 'aws_security_group_rule' ? (get(r, 'type', '') == 'ingress' && (any_public(get(r, 'cidr_blocks', [])) || any_public(get(r, 'ipv6_cidr_blocks', []))) && lower(string(get(r, 'protocol', ''))) in ['tcp', '6'] && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 22) && !(port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535))) : ((cidr_public(get(r, 'cidr_ipv4', '')) || cidr_public(get(r, 'cidr_ipv6', ''))) && lower(string(get(r, 'ip_protocol', ''))) in ['tcp', '6'] && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 22) && !(port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535)))"
  location   = "cidr_blocks"
  message    = "Ingress from 0.0.0.0/0 or ::/0 reaches TCP port 22 (SSH)."
  remediation = "Restrict the source to known CIDRs or a bastion security group, or drop inbound SSH and use SSM Session Manager."
  equivalents {
    tfsec   = ["aws-ec2-no-public-ingress-sgr"]
    trivy   = ["AVD-AWS-0107"]
    checkov = ["CKV_AWS_24"]
  }
  description = <<-EOT
    SSH open to the whole internet is found by mass scanners within minutes of launch
    and then brute-forced or hit with any SSH or OpenSSH vulnerability of the day; one
    weak or leaked key gives an attacker a shell inside your VPC. Limiting the source
    to an office or VPN range, referencing a bastion's security group, or removing
    inbound SSH in favour of SSM Session Manager takes the port off the internet.
  EOT
}

rule "TM-AWS-VPC-SG-RDP-OPEN" {
  title      = "Security group allows RDP from the internet"
  severity   = "high"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "pci-dss-4.0:2.2.7", "cis-aws-1.4:5.2"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
  condition  = "res.type == 'aws_security_group' ? (all_blocks(r, 'ingress').exists(i, (any_public(get(i, 'cidr_blocks', [])) || any_public(get(i, 'ipv6_cidr_blocks', []))) && lower(string(get(i, 'protocol', ''))) in ['tcp', '6', 'udp', '17'] && port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 3389) && !(port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 1) && port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 65535)))) : res.type == 'aws_security_group_rule' ? (get(r, 'type', '') == 'ingress' && (any_public(get(r, 'cidr_blocks', [])) || any_public(get(r, 'ipv6_cidr_blocks', []))) && lower(string(get(r, 'protocol', ''))) in ['tcp', '6', 'udp', '17'] && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 3389) && !(port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535))) : ((cidr_public(get(r, 'cidr_ipv4', '')) || cidr_public(get(r, 'cidr_ipv6', ''))) && lower(string(get(r, 'ip_protocol', ''))) in ['tcp', '6', 'udp', '17'] && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 3389) && !(port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535)))"
  location   = "cidr_blocks"
  message    = "Ingress from 0.0.0.0/0 or ::/0 reaches port 3389 (RDP)."
  remediation = "Restrict the source to known CIDRs or a bastion security group, or use SSM Fleet Manager / a VPN instead of exposing RDP."
  equivalents {
    tfsec   = ["aws-ec2-no-public-ingress-sgr"]
    trivy   = ["AVD-AWS-0107"]
    checkov = ["CKV_AWS_25"]
  }
  description = <<-EOT
    Internet-facing RDP is one of the most common ransomware entry points: it is
    scanned continuously, password-sprayed, and has a history of pre-authentication
    vulnerabilities (BlueKeep). An attacker who gets in holds an interactive Windows
    session inside your network. Allowing RDP only from a VPN or bastion range (or not
    at all, using SSM) removes that entry point.
  EOT
}

rule "TM-AWS-VPC-SG-DB-PORT-OPEN" {
  title      = "Security group exposes a database port to the internet"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "pci-dss-4.0:1.4.4"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
  condition  = "res.type == 'aws_security_group' ? (all_blocks(r, 'ingress').exists(i, (any_public(get(i, 'cidr_blocks', [])) || any_public(get(i, 'ipv6_cidr_blocks', []))) && lower(string(get(i, 'protocol', ''))) in ['tcp', '6'] && [3306, 5432, 1433, 1521, 27017, 6379, 9200].exists(p, port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), p)) && !(port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 1) && port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 65535)))) : res.type == 'aws_security_group_rule' ? (get(r, 'type', '') == 'ingress' && (any_public(get(r, 'cidr_blocks', [])) || any_public(get(r, 'ipv6_cidr_blocks', []))) && lower(string(get(r, 'protocol', ''))) in ['tcp', '6'] && [3306, 5432, 1433, 1521, 27017, 6379, 9200].exists(p, port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), p)) && !(port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535))) : ((cidr_public(get(r, 'cidr_ipv4', '')) || cidr_public(get(r, 'cidr_ipv6', ''))) && lower(string(get(r, 'ip_protocol', ''))) in ['tcp', '6'] && [3306, 5432, 1433, 1521, 27017, 6379, 9200].exists(p, port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), p)) && !(port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535)))"
  location   = "cidr_blocks"
  message    = "Ingress from 0.0.0.0/0 or ::/0 reaches a database port (3306, 5432, 1433, 1521, 27017, 6379 or 9200)."
  remediation = "Allow database ports only from the application's security group (source_security_group_id / referenced_security_group_id) or private CIDRs."
  equivalents {
    checkov = ["CKV_AWS_277"]
  }
  description = <<-EOT
    MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis and Elasticsearch listening
    to the whole internet are brute-forced and, for Redis, MongoDB and Elasticsearch
    often reachable without authentication at all; exposed instances are routinely
    wiped and held for ransom. Databases should only accept connections from the
    application tier: reference its security group instead of a CIDR, so that nothing
    outside the VPC can reach the port.
  EOT
}

rule "TM-AWS-VPC-SG-ALL-PORTS-OPEN" {
  title      = "Security group allows every port from the internet"
  severity   = "critical"
  stride     = ["information-disclosure", "elevation-of-privilege", "denial-of-service"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11", "pci-dss-4.0:1.2.5"]
  likelihood = 4
  impact     = 5
  resource   = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
  condition  = "res.type == 'aws_security_group' ? (all_blocks(r, 'ingress').exists(i, (any_public(get(i, 'cidr_blocks', [])) || any_public(get(i, 'ipv6_cidr_blocks', []))) && (lower(string(get(i, 'protocol', ''))) in ['-1', 'all'] || (lower(string(get(i, 'protocol', ''))) in ['tcp', '6', 'udp', '17'] && (port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 1) && port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 65535)))))) : res.type == 'aws_security_group_rule' ? (get(r, 'type', '') == 'ingress' && (any_public(get(r, 'cidr_blocks', [])) || any_public(get(r, 'ipv6_cidr_blocks', []))) && (lower(string(get(r, 'protocol', ''))) in ['-1', 'all'] || (lower(string(get(r, 'protocol', ''))) in ['tcp', '6', 'udp', '17'] && (port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535))))) : ((cidr_public(get(r, 'cidr_ipv4', '')) || cidr_public(get(r, 'cidr_ipv6', ''))) && (lower(string(get(r, 'ip_protocol', ''))) in ['-1', 'all'] || (lower(string(get(r, 'ip_protocol', ''))) in ['tcp', '6', 'udp', '17'] && (port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 1) && port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 65535)))))"
  location   = "cidr_blocks"
  message    = "Ingress from 0.0.0.0/0 or ::/0 is allowed on every port (all protocols, or the whole TCP/UDP range)."
  remediation = "Allow only the ports the service needs (for example 443) and only from the sources that need them."
  equivalents {
    checkov = ["CKV_AWS_277"]
  }
  description = <<-EOT
    A rule with protocol `-1`, or a 0-65535 port range, from `0.0.0.0/0` or `::/0`
    removes the security group as a barrier: every listening service on the instance
    (SSH, databases, admin consoles, debug ports, metadata proxies) is reachable from
    anywhere. An attacker needs only
    one weak service. Opening just the required ports, to just the required sources,
    keeps everything else unreachable.
  EOT
}

rule "TM-AWS-VPC-DEFAULT-SG-RULES" {
  title      = "Default security group allows traffic"
  severity   = "low"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.2.5", "nist-800-53-r5:SC-7", "nist-800-53-r5:CM-7", "cis-aws-1.4:5.3", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 3
  resource   = ["aws_default_security_group"]
  condition  = "size(all_blocks(r, 'ingress')) + size(all_blocks(r, 'egress')) > 0"
  location   = "ingress"
  message    = "The VPC's default security group has ingress or egress rules."
  remediation = "Declare aws_default_security_group with no ingress or egress blocks and give every resource its own security group."
  equivalents {
    tfsec   = ["aws-ec2-restrict-all-in-default-sg"]
    trivy   = ["AVD-AWS-0173"]
    checkov = ["CKV2_AWS_12"]
  }
  description = <<-EOT
    Resources launched without an explicit security group land in the VPC's default
    group. Rules on it therefore apply to whatever someone forgets to configure, and
    by default it lets every member talk to every other: one compromised instance can
    reach all the others. Managing the default group with no rules makes forgotten
    resources unreachable, so the mistake shows up as a failure, not as exposure.
  EOT
}

rule "TM-AWS-VPC-FLOW-LOGS" {
  title      = "VPC has no flow logs"
  severity   = "medium"
  stride     = ["repudiation"]
  cwe        = ["CWE-778"]
  compliance = ["pci-dss-4.0:10.2.1", "nist-800-53-r5:AU-12", "nist-800-53-r5:SI-4", "cis-aws-1.4:3.9", "dora:art10", "osfi-b13:3.3", "mas-trm-2021:12"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_vpc"]
  condition  = "!related('aws_flow_log').exists(f, has(f.vpc_id))"
  location   = "cidr_block"
  message    = "No aws_flow_log records this VPC's traffic."
  remediation = "Add an aws_flow_log with vpc_id set to this VPC, traffic_type = \"ALL\", delivering to CloudWatch Logs or S3."
  equivalents {
    tfsec   = ["aws-ec2-require-vpc-flow-logs-for-all-vpcs"]
    trivy   = ["AVD-AWS-0178"]
    checkov = ["CKV2_AWS_11"]
  }
  description = <<-EOT
    Without flow logs there is no record of which addresses talked to which, on what
    ports: lateral movement, data exfiltration to an unknown host or a crypto-miner's
    pool connections cannot be detected or reconstructed afterwards. A flow log on the
    VPC (traffic type `ALL`) feeds GuardDuty-style detection and gives responders the
    connection history they need. The fix adds a flow log delivering to a new
    CloudWatch log group (kept a year, encrypted with a new customer managed key) and
    the IAM role the flow log service assumes to write to it.
  EOT

  fix {
    title        = "Add a flow log to a new encrypted CloudWatch log group"
    applies      = "!res.address.endsWith(']')"
    add_resource = <<-EOT
      data "aws_caller_identity" "$${name}_flow_logs" {}

      data "aws_region" "$${name}_flow_logs" {}

      resource "aws_kms_key" "$${name}_flow_logs" {
        description         = "VPC flow logs for $${name}"
        enable_key_rotation = true
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Sid       = "AccountAdministration"
              Effect    = "Allow"
              Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.$${name}_flow_logs.account_id) }
              Action    = "kms:*"
              Resource  = "*"
            },
            {
              Sid       = "CloudWatchLogs"
              Effect    = "Allow"
              Principal = { Service = format("logs.%s.amazonaws.com", data.aws_region.$${name}_flow_logs.name) }
              Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
              Resource  = "*"
              Condition = {
                ArnLike = {
                  "kms:EncryptionContext:aws:logs:arn" = format("arn:aws:logs:%s:%s:log-group:*", data.aws_region.$${name}_flow_logs.name, data.aws_caller_identity.$${name}_flow_logs.account_id)
                }
              }
            }
          ]
        })
      }

      resource "aws_cloudwatch_log_group" "$${name}_flow_logs" {
        name              = "/aws/vpc/$${name}/flow-logs"
        retention_in_days = 365
        kms_key_id        = aws_kms_key.$${name}_flow_logs.arn
      }

      resource "aws_iam_role" "$${name}_flow_logs" {
        name_prefix = "$${name}-flow-logs-"
        assume_role_policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Effect    = "Allow"
              Principal = { Service = "vpc-flow-logs.amazonaws.com" }
              Action    = "sts:AssumeRole"
              Condition = {
                StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.$${name}_flow_logs.account_id }
              }
            }
          ]
        })
      }

      resource "aws_iam_role_policy" "$${name}_flow_logs" {
        name = "write-flow-logs"
        role = aws_iam_role.$${name}_flow_logs.id
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Effect   = "Allow"
              Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"]
              Resource = format("%s:*", aws_cloudwatch_log_group.$${name}_flow_logs.arn)
            }
          ]
        })
      }

      resource "aws_flow_log" "$${name}_flow_logs" {
        vpc_id          = $${self}.id
        traffic_type    = "ALL"
        log_destination = aws_cloudwatch_log_group.$${name}_flow_logs.arn
        iam_role_arn    = aws_iam_role.$${name}_flow_logs.arn
      }
    EOT
  }
}

rule "TM-AWS-VPC-SUBNET-PUBLIC-IP" {
  title      = "Subnet assigns public IPs to every instance"
  severity   = "medium"
  stride     = ["information-disclosure"]
  cwe        = ["CWE-668"]
  compliance = ["pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 3
  impact     = 3
  resource   = ["aws_subnet"]
  condition  = "get(r, 'map_public_ip_on_launch', false) == true"
  location   = "map_public_ip_on_launch"
  message    = "map_public_ip_on_launch gives every instance launched here a public IP address."
  remediation = "Set map_public_ip_on_launch = false; put only load balancers and NAT gateways in public subnets."
  equivalents {
    tfsec   = ["aws-ec2-no-public-ip-subnet"]
    trivy   = ["AVD-AWS-0164"]
    checkov = ["CKV_AWS_130"]
  }
  description = <<-EOT
    Every instance launched into this subnet becomes directly addressable from the
    internet, so its exposure rests on one security group being right forever. A
    forgotten debug port or an overly broad rule is then an open door. Keeping
    instances on private addresses, behind a load balancer or NAT gateway, means a
    security-group mistake does not by itself expose them.
  EOT

  fix {
    title = "Do not assign public IPs on launch"
    set {
      path  = "map_public_ip_on_launch"
      value = false
    }
  }
}

rule "TM-AWS-VPC-NACL-ADMIN-PORTS-OPEN" {
  title      = "Network ACL allows remote administration from the internet"
  severity   = "medium"
  stride     = ["information-disclosure", "elevation-of-privilege"]
  cwe        = ["CWE-284"]
  compliance = ["pci-dss-4.0:1.3.1", "pci-dss-4.0:1.4.2", "nist-800-53-r5:SC-7", "nist-800-53-r5:AC-17", "cis-aws-1.4:5.1", "dora:art9", "osfi-b13:3.2", "mas-trm-2021:11"]
  likelihood = 2
  impact     = 4
  resource   = ["aws_network_acl", "aws_network_acl_rule"]
  condition  = "res.type == 'aws_network_acl' ? all_blocks(r, 'ingress').exists(i, lower(get(i, 'action', '')) == 'allow' && (cidr_public(get(i, 'cidr_block', '')) || cidr_public(get(i, 'ipv6_cidr_block', ''))) && (lower(string(get(i, 'protocol', ''))) in ['-1', 'all'] || (lower(string(get(i, 'protocol', ''))) in ['tcp', '6'] && (port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 22) || (port_in(get(i, 'from_port', 0), get(i, 'to_port', 0), 3389) && get(i, 'from_port', 0) > 1024))))) : (get(r, 'egress', false) == false && lower(get(r, 'rule_action', '')) == 'allow' && (cidr_public(get(r, 'cidr_block', '')) || cidr_public(get(r, 'ipv6_cidr_block', ''))) && (lower(string(get(r, 'protocol', ''))) in ['-1', 'all'] || (lower(string(get(r, 'protocol', ''))) in ['tcp', '6'] && (port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 22) || (port_in(get(r, 'from_port', 0), get(r, 'to_port', 0), 3389) && get(r, 'from_port', 0) > 1024)))))"
  location   = "cidr_block"
  message    = "An inbound allow entry from 0.0.0.0/0 or ::/0 covers port 22 or 3389 (or all traffic)."
  remediation = "Narrow the entry's cidr_block to known networks, or deny ports 22 and 3389 from the internet with a lower-numbered deny entry."
  equivalents {
    tfsec   = ["aws-ec2-no-public-ingress-acl"]
    trivy   = ["AVD-AWS-0105"]
    checkov = ["CKV_AWS_352", "CKV_AWS_231", "CKV_AWS_232"]
  }
  description = <<-EOT
    Network ACLs are the subnet-level layer of defence: if they allow SSH and RDP from
    anywhere, a single mistaken security group rule is enough to expose every instance
    in the subnet to brute force and exploits of the administration service. Denying
    the administration ports from the internet at the NACL (or allowing them only from
    known ranges) keeps a second barrier in place. The usual ephemeral return-traffic
    entry (1024-65535) covers 3389 but is not reported, since stateless NACLs need it.
  EOT
}

locals {
  full_name = "${local.prefix}-${local.suffix}"
  prefix    = lower(local.org)
  tags      = merge(local.base_tags, { Name = local.full_name })
  cidr      = cidrsubnet("10.0.0.0/16", 8, 2)
  host      = cidrhost(local.cidr, 5)
  mask      = cidrnetmask("10.1.0.0/20")
  policy    = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
  missing   = try(local.map["nope"], "fallback")
  ok        = can(regex("^a", "abc"))
  mystery   = some_unknown_function("x")
  script    = file("${path.module}/files/hello.sh")
  outside   = file("/etc/hostname")
  rendered  = templatefile("${path.module}/files/tmpl.tpl", { name = local.prefix })
  exists    = fileexists("files/hello.sh")
  replaced  = replace("a-b-c", "/-/", "_")
  starts    = startswith(local.full_name, "acme")
  cycle_a   = local.cycle_b
  cycle_b   = local.cycle_a
  ws        = terraform.workspace
  numbers   = [for n in range(3) : n * 2]
  summed    = sum([1, 2, 3])
  joined    = join(",", formatlist("x-%s", ["a", "b"]))
  b64       = base64decode(base64encode("hi"))
}

locals {
  org       = "ACME"
  suffix    = "svc"
  base_tags = { Team = "core" }
  map       = { a = 1 }
}

resource "aws_instance" "web" {
  ami       = "ami-123"
  user_data = local.script
  tags      = local.tags
  metadata_options {
    http_tokens = local.ok ? "required" : "optional"
  }
}

resource "null_resource" "facts" {
  triggers = {
    cidr     = local.cidr
    host     = local.host
    mask     = local.mask
    policy   = local.policy
    missing  = local.missing
    mystery  = local.mystery
    outside  = local.outside
    rendered = local.rendered
    exists   = tostring(local.exists)
    replaced = local.replaced
    starts   = tostring(local.starts)
    cycle    = local.cycle_a
    ws       = local.ws
    numbers  = jsonencode(local.numbers)
    summed   = local.summed
    joined   = local.joined
    b64      = local.b64
  }
}

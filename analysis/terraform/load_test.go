package terraform

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/tm-ls/tm-ls/analysis/model"
	"github.com/zclconf/go-cty/cty"
)

// TestFixtures loads each fixture, compares it with its golden file and checks the
// facts each case is about.
func TestFixtures(t *testing.T) {
	cases := []struct {
		name  string
		check func(t *testing.T, ws *Workspace)
	}{
		{"vars_tfvars", func(t *testing.T, ws *Workspace) {
			b := mustLookup(t, ws, ".", "aws_s3_bucket.b")
			// terraform.tfvars < a.auto.tfvars < b.auto.tfvars.json
			wantString(t, attrOf(t, b.Attrs, "bucket"), "app-prod-eu-central-1")
			if v := attrOf(t, b.Attrs, "tags.Replicas"); !v.RawEquals(cty.NumberIntVal(3)) {
				t.Errorf("replicas: type constraint should convert \"3\" to 3, got %#v", ctyJSON(v))
			}
			if v := attrOf(t, b.Attrs, "tags.Sum"); !v.RawEquals(cty.NumberIntVal(4)) {
				t.Errorf("sum = %#v", ctyJSON(v))
			}
			wantUnknown(t, attrOf(t, b.Attrs, "tags.Owner"))
			wantString(t, attrOf(t, b.Attrs, "tags.Tier"), "gold")
			if v := attrOf(t, b.Attrs, "tags.Versions"); !v.RawEquals(cty.True) {
				t.Errorf("optional attribute default not applied: %#v", ctyJSON(v))
			}
			wantString(t, attrOf(t, b.Attrs, "tags.Secret"), "hunter2")
		}},
		{"locals_chain", func(t *testing.T, ws *Workspace) {
			w := mustLookup(t, ws, ".", "aws_instance.web")
			wantString(t, attrOf(t, w.Attrs, "tags.Name"), "acme-svc")
			wantString(t, attrOf(t, w.Attrs, "tags.Team"), "core")
			wantString(t, attrOf(t, w.Attrs, "user_data"), "#!/bin/sh\necho hello\n")
			wantString(t, attrOf(t, w.Attrs, "metadata_options.0.http_tokens"), "required")
			f := mustLookup(t, ws, ".", "null_resource.facts")
			for k, want := range map[string]string{
				"cidr": "10.0.2.0/24", "host": "10.0.2.5", "mask": "255.255.240.0", "missing": "fallback",
				"rendered": "Hello acme!", "exists": "true", "replaced": "a_b_c", "starts": "true", "ws": "default",
				"numbers": "[0,2,4]", "summed": "6", "joined": "x-a,x-b", "b64": "hi",
				"policy": `{"Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`,
			} {
				v := attrOf(t, f.Attrs, "triggers."+k)
				if v.Type() == cty.Number {
					v = cty.StringVal(v.AsBigFloat().Text('f', -1))
				}
				wantString(t, v, want)
			}
			wantUnknown(t, attrOf(t, f.Attrs, "triggers.mystery"))
			wantUnknown(t, attrOf(t, f.Attrs, "triggers.outside"))
			wantUnknown(t, attrOf(t, f.Attrs, "triggers.cycle"))
			if !hasDiag(ws, "unknown-function", "some_unknown_function") {
				t.Error("no unknown-function diagnostic")
			}
		}},
		{"count", func(t *testing.T, ws *Workspace) {
			w1 := mustLookup(t, ws, ".", "aws_instance.web[1]")
			wantString(t, attrOf(t, w1.Attrs, "ami"), "ami-1")
			wantString(t, attrOf(t, w1.Attrs, "instance_type"), "t3.large")
			if w1.BaseAddress != "aws_instance.web" || !w1.Key.RawEquals(cty.NumberIntVal(1)) {
				t.Errorf("base %q key %#v", w1.BaseAddress, w1.Key)
			}
			if ws.Lookup(".", "aws_instance.none[0]") != nil {
				t.Error("count = 0 made an instance")
			}
			ip := mustLookup(t, ws, ".", "aws_eip.ip[1]")
			wantUnknown(t, attrOf(t, ip.Attrs, "instance"))
			wantString(t, attrOf(t, ip.Attrs, "tags.first_ami"), "ami-0")
			wantString(t, attrOf(t, ip.Attrs, "tags.all_amis"), "ami-0,ami-1")
			kept := mustLookup(t, ws, ".", "aws_s3_bucket.kept")
			wantString(t, attrOf(t, kept.Attrs, "lifecycle.0.ignore_changes.1"), "versioning[0].enabled")
			if v := attrOf(t, kept.Attrs, "lifecycle.0.prevent_destroy"); !v.RawEquals(cty.True) {
				t.Errorf("prevent_destroy %#v", ctyJSON(v))
			}
			// try() over a splat of computed attributes stays unknown instead of []:
			// jsonencode writes the placeholder for it.
			wantString(t, attrOf(t, mustLookup(t, ws, ".", "aws_iam_policy.p").Attrs, "policy"), `{"Resource":"`+model.UnknownInJSON+`"}`)
			found := false
			for _, ref := range ip.Refs {
				if ref.From == "instance" && ref.To == "aws_instance.web[1]" {
					found = true
				}
			}
			if !found {
				t.Errorf("no instance ref to aws_instance.web[1]: %v", ip.Refs)
			}
			// solo[1] names web[1]: not every instance through count.
			var rel []string
			for _, o := range ws.Related(mustLookup(t, ws, ".", "aws_eip.solo[1]"), "aws_instance") {
				rel = append(rel, o.Address)
			}
			if fmt.Sprint(rel) != "[aws_instance.web[1]]" {
				t.Errorf("related %v", rel)
			}
		}},
		{"for_each", func(t *testing.T, ws *Workspace) {
			b := mustLookup(t, ws, ".", `aws_s3_bucket.b["data"]`)
			wantString(t, attrOf(t, b.Attrs, "bucket"), "acme-data")
			if v := attrOf(t, b.Attrs, "versioning.0.enabled"); !v.RawEquals(cty.True) {
				t.Errorf("versioning not joined per instance: %#v", ctyJSON(b.Attrs))
			}
			l := mustLookup(t, ws, ".", `aws_s3_bucket.b["logs"]`)
			if v := attrOf(t, l.Attrs, "versioning.0.enabled"); !v.RawEquals(cty.False) {
				t.Errorf("logs versioning: %#v", ctyJSON(v))
			}
			if v := attrOf(t, b.Attrs, "public_access_block.0.block_public_acls"); !v.RawEquals(cty.True) {
				t.Errorf("for_each over the buckets with each.value.id not joined: %#v", ctyJSON(b.Attrs))
			}
			if pab := mustLookup(t, ws, ".", `aws_s3_bucket_public_access_block.pab["logs"]`); pab.JoinedTo != `aws_s3_bucket.b["logs"]` {
				t.Errorf("pab joined to %q", pab.JoinedTo)
			}
			// for_each over the buckets relates each instance to its own bucket only.
			if rel := ws.Related(l, "aws_s3_bucket_public_access_block"); len(rel) != 1 || rel[0].Address != `aws_s3_bucket_public_access_block.pab["logs"]` {
				t.Errorf("related %v", rel)
			}
			if rel := ws.Related(l, "aws_s3_bucket_versioning"); len(rel) != 1 || rel[0].Address != `aws_s3_bucket_versioning.v["logs"]` {
				t.Errorf("related %v", rel)
			}
			u := mustLookup(t, ws, ".", `aws_iam_user.u["alice"]`)
			wantString(t, attrOf(t, u.Attrs, "path"), "/alice/")
			p := mustLookup(t, ws, ".", "aws_iam_user_policy.p")
			wantString(t, attrOf(t, p.Attrs, "user"), "bob")
			if rel := ws.Related(p, "aws_iam_user"); len(rel) != 1 || rel[0].Address != `aws_iam_user.u["bob"]` {
				t.Errorf("related users: %v", rel)
			}
		}},
		{"unknown_for_each", func(t *testing.T, ws *Workspace) {
			b := mustLookup(t, ws, ".", "aws_s3_bucket.b[*]")
			if b.Key != cty.DynamicVal {
				t.Errorf("key %#v", b.Key)
			}
			wantUnknown(t, attrOf(t, b.Attrs, "bucket"))
			mustLookup(t, ws, ".", "aws_subnet.s[*]")
			mustLookup(t, ws, ".", "aws_instance.i[*]")
			if !hasDiag(ws, "unknown-expansion", "aws_s3_bucket.b could not be expanded: var.buckets has no value") {
				t.Errorf("diagnostics: %v", ws.Diagnostics)
			}
			if !hasDiag(ws, "unknown-expansion", "data.aws_availability_zones.az.names is not known until apply") {
				t.Errorf("diagnostics: %v", ws.Diagnostics)
			}
			q := mustLookup(t, ws, ".", "module.queues[*].aws_sqs_queue.q")
			wantUnknown(t, attrOf(t, q.Attrs, "name"))
			if v := attrOf(t, q.Attrs, "sqs_managed_sse_enabled"); !v.RawEquals(cty.True) {
				t.Errorf("module instance with unknown key still evaluates its known values: %#v", ctyJSON(v))
			}
			if len(q.ModuleCalls) != 1 || q.ModuleCalls[0].Key != "[*]" {
				t.Errorf("module calls %+v", q.ModuleCalls)
			}
			if !hasDiag(ws, "unknown-expansion", "module.queues could not be expanded: var.buckets has no value") {
				t.Errorf("diagnostics: %v", ws.Diagnostics)
			}
			pab := mustLookup(t, ws, ".", "aws_s3_bucket_public_access_block.pab[*]")
			if pab.JoinedTo != "aws_s3_bucket.b[*]" {
				t.Errorf("pab joined to %q", pab.JoinedTo)
			}
		}},
		{"dynamic", func(t *testing.T, ws *Workspace) {
			sg := mustLookup(t, ws, ".", "aws_security_group.sg")
			if n := len(elems(attrOf(t, sg.Attrs, "ingress"))); n != 3 {
				t.Fatalf("ingress blocks: %d", n)
			}
			wantString(t, attrOf(t, sg.Attrs, "ingress.0.description"), "static")
			if v := attrOf(t, sg.Attrs, "ingress.2.from_port"); !v.RawEquals(cty.NumberIntVal(443)) {
				t.Errorf("ingress.2.from_port %#v", ctyJSON(v))
			}
			wantString(t, attrOf(t, sg.Attrs, "egress.0.description"), "web")
			wantString(t, attrOf(t, sg.Attrs, "egress.0.note.1.text"), "web-b")
			wantString(t, attrOf(t, sg.Attrs, "egress.0.cidr_blocks.0"), "0.0.0.0/0")
			if !sg.Paths["ingress.1"].Block || sg.Paths["ingress.1"].Value.Start.Line != 28 {
				t.Errorf("generated block path should point at the content block: %+v", sg.Paths["ingress.1"])
			}
			u := mustLookup(t, ws, ".", "aws_security_group.unknown")
			wantUnknown(t, attrOf(t, u.Attrs, "ingress"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws := load(t, Options{Root: fixture(t, c.name)})
			c.check(t, ws)
			checkGolden(t, c.name, ws)
		})
	}
}

func TestModules(t *testing.T) {
	t.Run("module_local", func(t *testing.T) {
		ws := load(t, Options{Root: fixture(t, "module_local")})
		b0 := mustLookup(t, ws, ".", "module.bucket[0].aws_s3_bucket.this")
		wantString(t, attrOf(t, b0.Attrs, "bucket"), "logs-0")
		if v := attrOf(t, b0.Attrs, "versioning.0.enabled"); !v.RawEquals(cty.True) {
			t.Errorf("module input versioned not applied: %#v", ctyJSON(v))
		}
		if b0.File != "modules/bucket/main.tf" || b0.Module != "module.bucket[0]" || len(b0.ModuleCalls) != 1 || b0.ModuleCalls[0].Key != "[0]" {
			t.Errorf("file %q module %q calls %+v", b0.File, b0.Module, b0.ModuleCalls)
		}
		b1 := mustLookup(t, ws, ".", "module.bucket[1].aws_s3_bucket.this")
		if v := attrOf(t, b1.Attrs, "versioning.0.enabled"); !v.RawEquals(cty.False) {
			t.Errorf("bucket[1] versioning %#v", ctyJSON(v))
		}
		p := mustLookup(t, ws, ".", `module.net["b"].module.inner.aws_ssm_parameter.p`)
		wantString(t, attrOf(t, p.Attrs, "name"), "sg-10.2.0.0/16")
		wantString(t, attrOf(t, p.Attrs, "value"), "modules/inner")
		if len(p.ModuleCalls) != 2 || p.ModuleCalls[1].Name != "inner" {
			t.Errorf("nested module calls %+v", p.ModuleCalls)
		}
		f := mustLookup(t, ws, ".", "module.app.aws_lambda_function.f")
		wantString(t, attrOf(t, f.Attrs, "environment.0.variables.BUCKET"), "logs-1")
		wantString(t, attrOf(t, f.Attrs, "environment.0.variables.SGS"), "sg-10.1.0.0/16,sg-10.2.0.0/16")
		perm := mustLookup(t, ws, ".", "module.app.aws_lambda_permission.s3")
		// try() must not turn an unknown module output into "".
		wantUnknown(t, attrOf(t, perm.Attrs, "source_arn"))
		// A module input set from a caller's resource relates the two.
		k := mustLookup(t, ws, ".", "aws_kms_key.k")
		if rel := ws.Related(k, "aws_ssm_parameter"); len(rel) != 1 || rel[0].Address != "module.keyed.aws_ssm_parameter.p" {
			t.Errorf("related through a module input: %v", rel)
		}
		// and a module output used by the caller relates the caller's resource to the module's.
		if rel := ws.Related(b1, "aws_lambda_function"); len(rel) != 1 || rel[0].Address != "module.app.aws_lambda_function.f" {
			t.Errorf("related through module output and input: %v", rel)
		}
		q := mustLookup(t, ws, "modules/unused", "aws_sqs_queue.q")
		wantString(t, attrOf(t, q.Attrs, "name"), "dflt")
		if ws.Lookup("modules/bucket", "aws_s3_bucket.this") != nil {
			t.Error("a called module directory was also evaluated as a root")
		}
		pol := mustLookup(t, ws, ".", "aws_s3_bucket_policy.p")
		if pol.JoinedTo != "module.bucket[0].aws_s3_bucket.this" {
			t.Errorf("policy joined by module output name: %q", pol.JoinedTo)
		}
		checkGolden(t, "module_local", ws)
	})
	t.Run("remote_module", func(t *testing.T) {
		ws := load(t, Options{Root: fixture(t, "remote_module")})
		v := mustLookup(t, ws, ".", "module.vpc.aws_vpc.this")
		wantString(t, attrOf(t, v.Attrs, "tags.Name"), "main")
		if v.File != ".terraform/modules/vpc/main.tf" {
			t.Errorf("file %q", v.File)
		}
		s := mustLookup(t, ws, ".", "module.vpc.module.subnets.aws_subnet.this")
		wantString(t, attrOf(t, s.Attrs, "tags.Name"), "main-subnet")
		fl := mustLookup(t, ws, ".", "aws_flow_log.f")
		wantString(t, attrOf(t, fl.Attrs, "tags.Name"), "main")
		if rel := ws.Related(fl, "aws_vpc"); len(rel) != 1 || rel[0] != v {
			t.Errorf("a module output reference relates to the module's resource: %v", rel)
		}
		if !hasDiag(ws, "unresolved-module", `Module "missing"`) {
			t.Errorf("diagnostics %v", ws.Diagnostics)
		}
		checkGolden(t, "remote_module", ws)
	})
}

func TestS3Join(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "s3_join")})
	v3 := mustLookup(t, ws, "v3", "aws_s3_bucket.logs")
	v4 := mustLookup(t, ws, "v4", "aws_s3_bucket.logs")
	for _, p := range []string{
		"acl", "versioning.0.enabled", "versioning.0.mfa_delete",
		"server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.sse_algorithm",
		"server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id",
		"server_side_encryption_configuration.0.rule.0.bucket_key_enabled",
		"logging.0.target_bucket", "logging.0.target_prefix", "lifecycle_rule.0.id", "lifecycle_rule.0.enabled",
		"lifecycle_rule.0.expiration.0.days",
	} {
		a, b := attrOf(t, v3.Attrs, p), attrOf(t, v4.Attrs, p)
		if !a.RawEquals(b) {
			t.Errorf("%s: inline %#v, split %#v", p, ctyJSON(a), ctyJSON(b))
		}
	}
	// The policies are the same document written two ways.
	if !jsonEqual(t, attrOf(t, v3.Attrs, "policy").AsString(), attrOf(t, v4.Attrs, "policy").AsString()) {
		t.Error("policies differ")
	}
	if v := attrOf(t, v4.Attrs, "public_access_block.0.restrict_public_buckets"); !v.RawEquals(cty.True) {
		t.Errorf("public access block %#v", ctyJSON(v))
	}
	wantString(t, attrOf(t, v4.Attrs, "object_lock_configuration.0.rule.0.default_retention.0.mode"), "GOVERNANCE")
	if len(v4.Joined) != 8 {
		t.Errorf("joined %v", v4.Joined)
	}
	loc := v4.Paths["versioning.0.enabled"]
	if loc.Owner != "aws_s3_bucket_versioning.logs" || string(ws.Files["v4/main.tf"].Bytes[loc.Range.Start.Byte:loc.Range.End.Byte]) != `status     = "Enabled"` {
		t.Errorf("joined path %+v", loc)
	}
	ver := mustLookup(t, ws, "v4", "aws_s3_bucket_versioning.logs")
	if ver.JoinedTo != "aws_s3_bucket.logs" {
		t.Errorf("JoinedTo %q", ver.JoinedTo)
	}
	if rel := ws.Related(v4, "aws_s3_bucket_public_access_block"); len(rel) != 1 {
		t.Errorf("related %v", rel)
	}
	checkGolden(t, "s3_join", ws)
}

func TestS3JoinByLiteral(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "s3_literal")})
	d := mustLookup(t, ws, ".", "aws_s3_bucket.data")
	if v := attrOf(t, d.Attrs, "public_access_block.0.block_public_policy"); !v.RawEquals(cty.False) {
		t.Errorf("pab %#v", ctyJSON(v))
	}
	o := mustLookup(t, ws, ".", "aws_s3_bucket.other")
	wantString(t, attrOf(t, o.Attrs, "grant.0.uri"), "http://acs.amazonaws.com/groups/global/AllUsers")
	wantString(t, attrOf(t, o.Attrs, "grant.0.permissions.0"), "READ")
	if rel := ws.Related(d, "aws_s3_bucket_notification"); len(rel) != 1 {
		t.Errorf("a split resource naming the bucket by literal is related: %v", rel)
	}
	if rel := ws.Related(o, "aws_s3_bucket_public_access_block"); len(rel) != 0 {
		t.Errorf("unrelated bucket: %v", rel)
	}
	checkGolden(t, "s3_literal", ws)
}

func TestPolicyDocument(t *testing.T) {
	ws := load(t, Options{Root: fixture(t, "policy_doc")})
	doc := mustLookup(t, ws, ".", "data.aws_iam_policy_document.doc")
	want := `{"Version":"2012-10-17","Statement":[
	  {"Sid":"ReadOnly","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme/*",
	   "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Condition":{"Bool":{"aws:SecureTransport":"true"}}},
	  {"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"*","Principal":"*"}]}`
	if !jsonEqual(t, attrOf(t, doc.Attrs, "json").AsString(), want) {
		t.Errorf("json = %s", attrOf(t, doc.Attrs, "json").AsString())
	}
	merged := mustLookup(t, ws, ".", "data.aws_iam_policy_document.merged")
	var m struct{ Statement []map[string]any }
	mustJSON(t, attrOf(t, merged.Attrs, "json").AsString(), &m)
	if len(m.Statement) != 3 || m.Statement[2]["Sid"] != "Extra" {
		t.Errorf("merged statements %v", m.Statement)
	}
	// A resource known only after apply is written as the placeholder; the rest of
	// the document is known.
	unknownDoc := attrOf(t, mustLookup(t, ws, ".", "data.aws_iam_policy_document.unknown").Attrs, "json").AsString()
	if !jsonEqual(t, unknownDoc, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"`+model.UnknownInJSON+`"}]}`) {
		t.Errorf("document with an unknown resource: %s", unknownDoc)
	}
	fromDoc := mustLookup(t, ws, ".", "aws_iam_policy.from_doc")
	if attrOf(t, fromDoc.Attrs, "policy").AsString() != attrOf(t, doc.Attrs, "json").AsString() {
		t.Error("reference to the document's json did not resolve")
	}
	h := attrOf(t, mustLookup(t, ws, ".", "aws_iam_policy.heredoc").Attrs, "policy").AsString()
	e := attrOf(t, mustLookup(t, ws, ".", "aws_iam_policy.encoded").Attrs, "policy").AsString()
	if !jsonEqual(t, h, e) {
		t.Errorf("heredoc %s and jsonencode %s differ", h, e)
	}
	checkGolden(t, "policy_doc", ws)
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("invalid JSON %q: %v", s, err)
	}
}

func jsonEqual(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	mustJSON(t, a, &x)
	mustJSON(t, b, &y)
	return reflect.DeepEqual(x, y)
}

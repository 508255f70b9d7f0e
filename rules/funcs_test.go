package rules

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/cel-go/common/types/traits"
	"github.com/zclconf/go-cty/cty"
)

func TestObjValIsNotAMapper(t *testing.T) {
	// If objVal became a traits.Mapper, has(r.x) on an unknown x would be unknown.
	var v any = &objVal{}
	if _, ok := v.(traits.Mapper); ok {
		t.Fatal("objVal implements traits.Mapper")
	}
}

func TestFunctions(t *testing.T) {
	policy := `{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"s3:GetObject","Principal":"*","Resource":"arn:aws:s3:::b/*"},
	  {"Sid":"deny","Effect":"Deny","NotAction":["iam:*"],"Principal":{"AWS":"arn:aws:iam::1:root","Service":["ec2.amazonaws.com"]},
	   "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	single := `{"Statement":{"Effect":"Allow","Action":["*"],"Resource":"*"}}`
	// A TLS-only bucket policy whose Resource is the bucket's ARN, known only after
	// apply (the loader writes model.UnknownInJSON in its place).
	partial := `{"Version":"2012-10-17","Statement":[
	  {"Sid":"tls","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["(known after apply)","(known after apply)"],
	   "Condition":{"Bool":{"aws:SecureTransport":"false"}}},
	  {"Effect":"Allow","Principal":{"AWS":"(known after apply)"},"Action":["s3:GetObject"],"Resource":"(known after apply)/*"}]}`
	attrs := cty.ObjectVal(map[string]cty.Value{
		"policy":         cty.StringVal(policy),
		"single":         cty.StringVal(single),
		"partial":        cty.StringVal(partial),
		"script_secret":  cty.StringVal("#!/bin/bash\nexport HOST=(known after apply)\nexport AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n"),
		"script_unknown": cty.StringVal("#!/bin/bash\nexport DB_PASSWORD=(known after apply)\npassword: \"(known after apply)\"\n"),
		"php_define":     cty.StringVal("define('DB_PASSWORD', 'Aa1234321Bb');\ndefine('DB_PASSWORD_FILE', '/run/secret');"),
		"partial_object": cty.ObjectVal(map[string]cty.Value{"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"Effect": cty.StringVal("Allow"), "Action": cty.StringVal("s3:*"), "Resource": cty.UnknownVal(cty.String)})})}),
		"bad_json":      cty.StringVal("{nope"),
		"unknown_str":   cty.UnknownVal(cty.String),
		"user_data":     cty.StringVal(base64.StdEncoding.EncodeToString([]byte("export AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n"))),
		"Name":          cty.StringVal("MiXeD"),
		"policy_object": cty.ObjectVal(map[string]cty.Value{"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"Effect": cty.StringVal("Allow"), "Action": cty.StringVal("s3:*")})})}),
		"ingress": cty.TupleVal([]cty.Value{
			cty.ObjectVal(map[string]cty.Value{"from_port": cty.NumberIntVal(22), "to_port": cty.NumberIntVal(22), "protocol": cty.StringVal("tcp"),
				"cidr_blocks": cty.TupleVal([]cty.Value{cty.StringVal("10.0.0.0/8")})}),
			cty.ObjectVal(map[string]cty.Value{"from_port": cty.NumberIntVal(0), "to_port": cty.NumberIntVal(0), "protocol": cty.StringVal("-1"),
				"cidr_blocks": cty.TupleVal([]cty.Value{cty.StringVal("0.0.0.0/0")})}),
		}),
		"nested": cty.TupleVal([]cty.Value{
			cty.ObjectVal(map[string]cty.Value{"rule": cty.TupleVal([]cty.Value{
				cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("a")}),
				cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("b")}),
			})}),
			cty.ObjectVal(map[string]cty.Value{"rule": cty.TupleVal([]cty.Value{
				cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("c")}),
			})}),
		}),
		"tags":  cty.MapVal(map[string]cty.Value{"env": cty.StringVal("prod")}),
		"nulls": cty.NullVal(cty.String),
		"set":   cty.SetVal([]cty.Value{cty.StringVal("x")}),
		"ratio": cty.NumberFloatVal(0.5),
	})
	cases := []struct {
		expr string
		want Outcome
	}{
		// get
		{"get(r, 'ingress.from_port', -5) == 22", Open},
		{"get(r, 'ingress.1.protocol', '') == '-1'", Open},
		{"get(r, 'ingress.7.protocol', 'none') == 'none'", Open},
		{"get(r, 'nulls', 'dflt') == 'dflt'", Open},
		{"get(r, 'missing.deeper', 'dflt') == 'dflt'", Open},
		{"get(r, 'tags.env', '') == 'prod'", Open},
		{"get(r, 'unknown_str', 'x') == 'x'", Undecided},
		{"get(json(r.policy), 'Statement.Effect', '') == 'Allow'", Open},
		// all_blocks
		{"all_blocks(r, 'nested.rule').map(b, b.id) == ['a', 'b', 'c']", Open},
		{"all_blocks(r, 'nested.1.rule').size() == 1", Open},
		{"all_blocks(r, 'nope.rule').size() == 0", Open},
		{"all_blocks(r, 'ingress').size() == 2", Open},
		// json, statements
		{"json(r.policy).Statement.size() == 2", Open},
		{"json(r.bad_json).size() == 0", Failed},
		{"json(r.unknown_str).size() == 0", Undecided},
		{"statements(r.policy).exists(s, s.Effect == 'Allow' && 'AWS' in s.Principal && s.Principal.AWS == ['*'] && s.Action == ['s3:GetObject'] && s.Resource == ['arn:aws:s3:::b/*'] && s.NotAction == [])", Open},
		{"statements(r.policy)[1].Sid == 'deny' && statements(r.policy)[1].NotAction == ['iam:*'] && statements(r.policy)[1].Principal.Service == ['ec2.amazonaws.com']", Open},
		{"statements(r.policy)[1].Condition.Bool['aws:SecureTransport'] == ['false']", Open},
		{"statements(r.single).size() == 1 && statements(r.single)[0].Action == ['*'] && size(statements(r.single)[0].Principal) == 0", Open},
		{"statements(r.policy_object)[0].Action == ['s3:*']", Open},
		{"statements('').size() == 0", Open},
		{"statements(r.unknown_str).size() > 0", Undecided},
		{"statements(r.bad_json).size() > 0", Failed},
		// Partly unknown policies: decided on what is known, undecided on what is not.
		{"statements(r.partial).exists(s, s.Effect == 'Deny' && get(s.Condition, 'Bool.aws:SecureTransport', []) == ['false'])", Open},
		{"statements(r.partial).size() == 2 && statements(r.partial)[1].Action == ['s3:GetObject']", Open},
		{"statements(r.partial).exists(s, s.Effect == 'Allow' && s.Action.exists(a, a == '*'))", Pass},
		{"statements(r.partial).exists(s, s.Effect == 'Allow' && '*' in s.Principal.AWS)", Undecided},
		{"statements(r.partial).exists(s, '*' in s.Resource)", Undecided},
		{"statements(r.partial_object).exists(s, s.Action == ['s3:*'])", Open},
		{"statements(r.partial_object).exists(s, '*' in s.Resource)", Undecided},
		{"json(r.partial).Statement[0].Effect == 'Deny'", Open},
		{"json(r.partial).Statement[1].Resource == 'arn:aws:s3:::x/*'", Undecided},
		{"statements(r.partial)[1].Resource.exists(x, x.endsWith('/*'))", Undecided},
		// cidr_public, any_public
		{"cidr_public('0.0.0.0/0') && cidr_public('::/0') && cidr_public('*') && cidr_public('Internet') && cidr_public('any')", Open},
		{"cidr_public('10.0.0.0/8') || cidr_public('1.2.3.4/32') || cidr_public('VirtualNetwork')", Pass},
		{"r.ingress.exists(i, any_public(i.cidr_blocks))", Open},
		{"any_public(r.ingress[0].cidr_blocks)", Pass},
		{"any_public('0.0.0.0/0')", Open},
		// port_in
		{"port_in(20, 25, 22) && !port_in(80, 443, 22) && port_in(-1, -1, 22) && port_in(0, 65535, 3389)", Open},
		{"port_in('-1', 0, 0, 22) && port_in('all', 0, 0, 22) && !port_in('tcp', 0, 0, 22)", Open},
		{"port_in('*', 22) && port_in('22', 22) && port_in('1000-2000', 1433) && !port_in('3389', 22)", Open},
		{"r.ingress.exists(i, port_in(i.protocol, i.from_port, i.to_port, 3389))", Open},
		{"port_in(r.unknown_str, 1, 2)", Undecided},
		// b64decode, lower, looks_secret
		{"b64decode(r.user_data).contains('AKIA')", Open},
		{"looks_secret(b64decode(r.user_data))", Open},
		{"b64decode('***') == ''", Failed},
		{"lower(r.Name) == 'mixed'", Open},
		// Scripts with parts known only after apply: a secret in the known text
		// decides; without one, the unknown parts may hold one.
		{"looks_secret(r.script_secret)", Open},
		{"looks_secret(r.script_unknown)", Undecided},
		{"looks_secret(r.php_define)", Open},
		{"looks_secret(\"define('DB_PASSWORD_FILE', '/run/secret')\")", Pass},
		// res, sets, numbers
		{"res.type == 'aws_thing' && res.file == '' && res.module == ''", Open},
		{"r.set.exists(s, s == 'x') && 'x' in r.set", Open},
		{"r.ratio > 0.4 && r.ingress[0].from_port > 21.5", Open},
		{"'env' in r.tags && r.tags.size() == 1 && r.tags == {'env': 'prod'}", Open},
		{"size(r.ingress[0]) == 4 && r.ingress[0].exists(k, k == 'protocol')", Open},
		{"r.ingress + [1] == [r.ingress[0], r.ingress[1], 1]", Open},
		{"sets.contains(['s3:GetObject', 's3:PutObject'], statements(r.policy)[0].Action)", Open},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			res := evalOne(t, ruleWith(t, tc.expr, ""), attrs, nil)
			if res.Outcome != tc.want {
				t.Errorf("outcome = %v (%s), want %v", res.Outcome, res.Reason, tc.want)
			}
		})
	}
}

func TestLooksSecret(t *testing.T) {
	d := newSecretDetector()
	secret := []string{
		"AKIAIOSFODNN7EXAMPLE",
		"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
		"-----BEGIN OPENSSH PRIVATE KEY-----",
		"DB_PASSWORD=hunter2",
		`{"password": "s3cr3t!"}`,
		"password: 'p4ss'",
		"api_key=9f8e7d6c5b4a39281716abcdefXYZ",
		"GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
		"client_secret: Zx8-qP2mN5vL9wR3tY7uI1oA",
	}
	plain := []string{
		"",
		"hello world",
		"password=",
		`password = ""`,
		"password=${var.db_password}",
		"password=$DB_PASSWORD",
		"api_key=changeme-please-now",
		"token=aaaaaaaaaaaaaaaaaaaa",
		"secret_arn=arn:aws:secretsmanager:eu-west-1:1:secret:x",
		"#!/bin/bash\nyum install -y nginx\n",
		"AKIA-not-a-key",
	}
	for _, s := range secret {
		if !d.looksSecret(s) {
			t.Errorf("looks_secret(%q) = false, want true", s)
		}
	}
	for _, s := range plain {
		if d.looksSecret(s) {
			t.Errorf("looks_secret(%q) = true, want false", s)
		}
	}
}

func TestRelatedMacroExpands(t *testing.T) {
	c := ruleWith(t, "related('aws_x').size() == related(r, 'aws_x').size()", "")
	if !strings.Contains(c.Rules()[0].Condition(), "related('aws_x')") {
		t.Fatal("condition source not kept")
	}
	res := evalOne(t, c, cty.EmptyObjectVal, nil)
	if res.Outcome != Open {
		t.Fatalf("related macro: %v %s", res.Outcome, res.Reason)
	}
}

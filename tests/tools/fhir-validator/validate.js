#!/usr/bin/env node
// Validates FHIR R4 resources against the official FHIR R4 JSON Schema (as shipped by
// @asymmetrik/fhir-json-schema-validator). Usage: node validate.js [--types T1,T2] [--count N] FILE...
// Each FILE holds one resource (pretty or not) or NDJSON, one resource per line. With --types, every resource must
// be of one of those types; with --count, there must be exactly N resources in all. Exit 0 when all is valid.
'use strict';
const fs = require('fs');
const path = require('path');

let Validator;
try {
  Validator = require('@asymmetrik/fhir-json-schema-validator');
} catch (e) {
  console.error(`validate.js: the validator is not installed; run: npm ci --prefix ${path.relative(process.cwd(), __dirname) || '.'}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let types = null;
let count = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--types') types = args[++i].split(',');
  else if (args[i] === '--count') count = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node validate.js [--types T1,T2] [--count N] FILE...');
  process.exit(2);
}

const validator = new Validator();
let seen = 0;
let failures = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  let resources;
  try {
    resources = [JSON.parse(text)];
  } catch (e) {
    resources = text.split('\n').filter((line) => line.trim() !== '').map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        console.error(`${file}: line ${i + 1}: not JSON`);
        failures++;
        return null;
      }
    }).filter((resource) => resource !== null);
  }
  resources.forEach((resource, i) => {
    seen++;
    const where = `${file}: resource ${i + 1}`;
    if (types && !types.includes(resource.resourceType)) {
      console.error(`${where}: resourceType ${resource.resourceType}, expected one of ${types.join(', ')}`);
      failures++;
      return;
    }
    const errors = validator.validate(resource);
    if (errors.length > 0) {
      console.error(`${where}: not valid FHIR R4: ${JSON.stringify(errors.slice(0, 5))}`);
      failures++;
    }
  });
}
if (count !== null && seen !== count) {
  console.error(`${seen} resources, expected ${count}`);
  failures++;
}
console.log(`${seen} resources, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);

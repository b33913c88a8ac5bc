// Writes the generated files in data/ (run by `npm run data`, after the TypeScript build):
// - profile.schema.json, the JSON Schema of profile.yaml, from the zod schema;
// - venues.json, data/venues.yaml as JSON: the build reads it at every run, and JSON loads in
//   under a millisecond where the YAML takes about 70 ms.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { profileSchemaJson } from '../dist-lib/model/profile-json-schema.js';

const data = (name) => new URL(`../data/${name}`, import.meta.url);
writeFileSync(data('profile.schema.json'), `${JSON.stringify(profileSchemaJson(), null, 2)}\n`);
writeFileSync(data('venues.json'), `${JSON.stringify(parse(readFileSync(data('venues.yaml'), 'utf8')))}\n`);

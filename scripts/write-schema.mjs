// Writes data/profile.schema.json from the zod schema (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { profileSchemaJson } from '../dist-lib/model/profile-json-schema.js';

writeFileSync(new URL('../data/profile.schema.json', import.meta.url), `${JSON.stringify(profileSchemaJson(), null, 2)}\n`);

#!/usr/bin/env node
// Run by `npm publish` (prepublishOnly): refuses to publish a package whose metadata still names
// no home (the repository's owner is a placeholder until the project has its public repository),
// or whose CHANGELOG has no section for the version being published.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
const problems = [];
if (/\bOWNER\b/.test(pkg.repository?.url ?? 'OWNER')) problems.push('package.json: repository.url names no owner yet (OWNER); set it to the public repository');
if (!changelog.includes(`## ${pkg.version}`)) problems.push(`CHANGELOG.md: no "## ${pkg.version}" section`);
for (const p of problems) console.error(`check-publish: ${p}`);
process.exit(problems.length ? 1 : 0);

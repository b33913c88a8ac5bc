import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));

describe('docs stay in step with the code', () => {
  it('docs/diagnostics.md lists every diagnostic code the code can emit, and no other', () => {
    const code = files(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
    const emitted = new Set(
      [...code.matchAll(/'((?:io|cli|bib|image|path|profile|theme|stars|citations|cache|init|import|link|video|venues|people)\/[a-z0-9-]+)'/g)].map((m) => m[1]).filter((c) => !/^image\/(webp|avif|jpeg|png|gif|svg)|^video\/(mp4|webm)$/.test(c)),
    );
    const doc = readFileSync(path.join(import.meta.dirname, '../docs/diagnostics.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `([a-z]+\/[a-z0-9-]+)` \|/gm)].map((m) => m[1]));
    expect([...emitted].sort()).toEqual([...documented].sort());
  });
});

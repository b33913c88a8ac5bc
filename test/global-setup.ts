import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * The example's thumbnails, encoded once per test run by the real CLI (each takes about a second
 * of CPU: its AVIF quality is searched, src/enrich/avif-quality.ts), for the tests that build a
 * copy of the example to check something else (test/example-site.ts). The tests of the encoding
 * itself start cold, and so does the example's golden page (test/render/example-page.test.ts),
 * which encodes from src/ where this setup runs the compiled dist-lib/.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'sp-example-images-'));
  const root = path.resolve(import.meta.dirname, '..');
  const argv = ['bin/scholar-page', 'build', 'data/example/refs.bib', '--offline', '--cache-dir', path.join(dir, 'cache'), '--out', path.join(dir, 'page.html')];
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`the example does not build (${r.error?.message ?? r.status}): ${r.stderr}`);
  project.provide('exampleImages', path.join(dir, 'cache', 'images'));
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    exampleImages: string;
  }
}

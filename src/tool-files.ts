import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The tool's own files: its modules in `codeDir` (dist-lib/, or src/ when run from the source)
 * and the data tables beside it (data/*.yaml, data/*.json). A new version or a local edit changes
 * one of them. The build stamp (write/stamp.ts) notices, by content.
 */
export function toolFiles(codeDir: string): string[] {
  const own = readdirSync(codeDir, { recursive: true }).map(String).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).map((f) => path.join(codeDir, f));
  const data = path.resolve(codeDir, '../data');
  const tables = existsSync(data) ? readdirSync(data).filter((f) => /\.(yaml|json)$/.test(f)).map((f) => path.join(data, f)) : [];
  return [...own, ...tables].sort();
}

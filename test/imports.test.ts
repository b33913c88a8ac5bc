import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));

/** Every module's relative imports (type-only ones too, as madge counts them), static and dynamic. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
    const text = readFileSync(f, 'utf8');
    const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]);
    g.set(f, specs.map((s) => path.resolve(path.dirname(f), s.replace(/\.js$/, '.ts'))));
  }
  return g;
}

/** The first cycle found by a depth-first walk, as a list of files relative to src/; undefined: none. */
export function findCycle(g: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | undefined => {
    if (state.get(f) === 'done') return undefined;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f].map((x) => path.relative(SRC, x));
    state.set(f, 'open');
    stack.push(f);
    for (const to of g.get(f) ?? []) {
      const c = visit(to);
      if (c) return c;
    }
    stack.pop();
    state.set(f, 'done');
    return undefined;
  };
  for (const f of g.keys()) {
    const c = visit(f);
    if (c) return c;
  }
  return undefined;
}

describe('the module graph', () => {
  it('has no import circles in src/ (type-only and dynamic imports count)', () => {
    const g = graph();
    expect(g.size).toBeGreaterThan(50);
    expect(findCycle(g)).toBeUndefined();
  });

  it('the check finds a circle when there is one', () => {
    const g = new Map([[path.join(SRC, 'a.ts'), [path.join(SRC, 'b.ts')]], [path.join(SRC, 'b.ts'), [path.join(SRC, 'a.ts')]]]);
    expect(findCycle(g)).toEqual(['a.ts', 'b.ts', 'a.ts']);
  });
});

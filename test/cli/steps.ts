/**
 * Runs the `run:` steps of a GitHub workflow job or of a composite action locally, as one bash
 * script, the way the runner would: each step in its working-directory, with its env, under
 * `bash -e -o pipefail`. `${{ … }}` expressions are replaced from `values` (an expression not
 * there is an error, so a new one in the workflow is noticed here). `uses:` steps are not run:
 * they are returned, for the test to check (checkout, setup-node, cache and the Pages actions
 * stand for things the test does itself or cannot do offline).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/** Replaces every `${{ expr }}` in `text` from `values`. */
export function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in values)) throw new Error(`no value for the expression \${{ ${expr} }} (in ${JSON.stringify(text)})`);
    return values[expr];
  });
}

/** The bash script of the steps' `run:` parts, in order; `rewrite` may change a command first. */
export function script(steps: Step[], o: { cwd: string; defaultDir?: string; values: Record<string, string>; rewrite?: (run: string) => string }): string {
  const lines = ['set -e -o pipefail'];
  for (const s of steps) {
    if (s.run === undefined) continue;
    const dir = path.resolve(o.cwd, expand(s['working-directory'] ?? o.defaultDir ?? '.', o.values));
    const env = Object.entries(s.env ?? {}).map(([k, v]) => `${k}=${quote(expand(String(v), o.values))}`);
    const run = (o.rewrite ?? ((r) => r))(expand(s.run, o.values));
    lines.push(`# ${s.name ?? s.run.split('\n')[0]}`, `( cd ${quote(dir)} && ${env.map((e) => `export ${e}`).join(' && ')}${env.length ? ' && ' : ''}bash -e -o pipefail -c ${quote(run)} )`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the script to `file` and runs it with bash, without blocking (a server in the test's own
 * process may have to answer it); stdout and stderr are returned.
 */
export function runScript(text: string, file: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  writeFileSync(file, text);
  return new Promise((resolve) => {
    const child = spawn('bash', [file], { env, timeout: 280_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

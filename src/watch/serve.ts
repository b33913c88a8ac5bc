import { statSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { build } from '../pipeline.js';
import type { BuildOptions, BuildResult } from '../model/build.js';
import { escapeHtml } from '../load/sanitize.js';
import { themeDir } from '../render/theme.js';
import { isWithin } from '../load/paths.js';
import type { Diagnostic } from '../model/diagnostic.js';

export interface WatchOptions extends BuildOptions {
  port?: number;
  /** Called after every build, with its result. */
  onBuild?: (r: BuildResult) => void;
}

export interface Watcher {
  url: string;
  close(): Promise<void>;
}

/**
 * How long to wait after a change event for more: an editor's save is one to three events within a
 * few milliseconds (truncate and write, or write a copy and rename it); a build started between
 * them would read a half-written file and be followed by another.
 */
const DEBOUNCE_MS = 20;

const RELOAD = `<script>(function(){var s=new EventSource('/__scholar-page/events');s.onmessage=function(){location.reload()};})();</script>`;

/**
 * Builds, then rebuilds whenever the .bib, the profile, the theme or a thumbnail changes, and serves
 * the page on 127.0.0.1 with live reload. A broken save keeps the last good page up, with the
 * diagnostics shown over it.
 */
export async function serve(opts: WatchOptions): Promise<Watcher> {
  const cwd = opts.cwd ?? process.cwd();
  const out = path.resolve(cwd, opts.out ?? 'dist/index.html');
  let page = '';
  let problems: Diagnostic[] = [];
  const clients = new Set<ServerResponse>();

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const cacheDir = opts.cacheDir && path.resolve(cwd, opts.cacheDir);
  const ignored = (file: string): boolean =>
    /(^|[\\/])(\.scholar-cache|node_modules|\.git)([\\/]|$)|\.scholar-page-tmp-/.test(file) || file === out || (!!cacheDir && isWithin(cacheDir, file));
  const schedule = (file?: string | null): void => {
    if (file && ignored(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(rebuild, rebuild);
    }, DEBOUNCE_MS);
  };

  // Each folder is watched on its own, not recursively: Node 20's recursive watch on Linux loses a
  // file that an editor saves by renaming a copy over it, and misses every later change to it.
  const watchers = new Map<string, FSWatcher>();
  const roots = [path.dirname(path.resolve(cwd, opts.bib ?? 'profile.yaml')), path.dirname(path.resolve(cwd, opts.profile ?? opts.bib ?? 'profile.yaml'))];
  if (opts.theme && /[\\/]|^\./.test(opts.theme)) roots.push(themeDir(opts.theme, cwd));
  /** Watches the folders of what the last build read (a missing one: its nearest existing parent). */
  function follow(inputs: BuildResult['inputs']): void {
    const want = new Set<string>();
    // One folder holds many inputs (every thumbnail): each is looked at once.
    const dirs = new Set([...roots, ...(inputs?.files ?? []).map((f) => path.dirname(f)), ...(inputs?.folders ?? []).flatMap((d) => [d, path.join(d, 'partials')])]);
    for (const d of dirs) {
      const at = existingDir(d);
      if (at && !ignored(at)) want.add(at);
    }
    for (const [d, w] of watchers) if (!want.has(d)) (w.close(), watchers.delete(d));
    for (const d of want) {
      if (watchers.has(d)) continue;
      try {
        const w = watch(d, (_event, file) => schedule(file ? path.join(d, file.toString()) : null));
        w.on('error', () => {});
        watchers.set(d, w);
      } catch {
        // gone between the check and the watch: the next build looks again
      }
    }
  }

  const rebuild = async (): Promise<void> => {
    const r = await build({ durable: false, ...opts, cwd, out });
    follow(r.inputs);
    problems = r.outFile ? [] : r.diagnostics.filter((d) => d.severity === 'error');
    if (r.outFile) page = await readFile(out, 'utf8');
    opts.onBuild?.(r);
    for (const c of clients) c.write('data: reload\n\n');
  };
  await rebuild();

  const server = createServer((req, res) => {
    if (req.url === '/__scholar-page/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(withOverlay(page || '<!DOCTYPE html><title>scholar-page</title>', problems));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };


  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      for (const c of clients) c.end();
      await running.catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `dir`, or its nearest parent that exists: a folder made later shows up as a change in it. */
function existingDir(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (statSync(d, { throwIfNoEntry: false })?.isDirectory()) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The served page: the last good build, the reload script, and the diagnostics of a broken save. */
function withOverlay(html: string, problems: Diagnostic[]): string {
  const overlay = problems.length
    ? `<div id="scholar-page-overlay" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:99999;margin:0;padding:1rem;background:#2b0b0b;color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap">${problems
        .map((d) => escapeHtml(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`))
        .join('\n')}\n(the last good page is shown; fix the input and save)</div>`
    : '';
  const inject = overlay + RELOAD;
  return html.includes('</body>') ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${inject}</body>`) : html + inject;
}

import { statSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from '../pipeline.js';
import type { BuildOptions, BuildResult } from '../model/build.js';
import { escapeHtml } from '../load/sanitize.js';
import { themeDir } from '../render/theme.js';
import { isWithin } from '../load/paths.js';
import { InputState } from './inputs.js';
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
  let page: Buffer | undefined;
  let problems: Diagnostic[] = [];
  const clients = new Set<ServerResponse>();

  // Listening comes first: a port in use is reported before any work, and nothing is left to stop.
  let port = 0;
  const server = createServer((req, res) => {
    if (!allowedHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('scholar-page watch answers only to 127.0.0.1, localhost and [::1]\n');
      return;
    }
    if (req.url === '/__scholar-page/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    // A paper page (profile paper_pages: true), by a name only the build gives one: nothing else of the folder is served.
    const paper = /^\/papers\/([a-z0-9-]+\.(?:html|pdf))$/.exec(req.url ?? '');
    if (paper) {
      const type = paper[1].endsWith('.pdf') ? 'application/pdf' : 'text/html; charset=utf-8';
      readFile(path.join(path.dirname(out), 'papers', paper[1])).then((body) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body), () => res.writeHead(404).end());
      return;
    }
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(withOverlay(page ?? Buffer.from('<!DOCTYPE html><title>scholar-page</title>'), problems));
  });
  port = await listen(server, opts.port ?? 0);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const inputs = new InputState();
  /** The paths change events named since the last look (null: an event without a name). */
  let pending: Set<string> | null = new Set();
  const cacheDir = opts.cacheDir && path.resolve(cwd, opts.cacheDir);
  const ignored = (file: string): boolean =>
    /(^|[\\/])(\.scholar-cache|node_modules|\.git)([\\/]|$)|\.scholar-page-tmp-/.test(file) || file === out || (!!cacheDir && isWithin(cacheDir, file));
  /**
   * The paths events named while a build ran (undefined: none runs): the build may have read the
   * file before or after the change, so one that concerns an input means building again.
   */
  let duringBuild: Set<string> | null | undefined;
  let stale = false;
  const schedule = (file?: string | null): void => {
    if (file && ignored(file)) return;
    if (!file) pending = null;
    else pending?.add(file);
    if (duringBuild !== undefined) {
      if (!file) duringBuild = null;
      else duringBuild?.add(file);
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(look, look);
    }, DEBOUNCE_MS);
  };
  /** After events: builds again only if what the last build read now differs (by content). */
  const look = async (): Promise<void> => {
    const paths = pending;
    pending = new Set();
    // A folder made on the way to a missing input is watched now; what it holds already is looked at too.
    const more = follow();
    if (stale || (await inputs.changed(more || !paths ? null : paths))) await rebuild();
  };

  // Each folder is watched on its own, not recursively: Node 20's recursive watch on Linux loses a
  // file that an editor saves by renaming a copy over it, and misses every later change to it.
  const watchers = new Map<string, FSWatcher>();
  const roots = [path.dirname(path.resolve(cwd, opts.bib ?? 'profile.yaml')), path.dirname(path.resolve(cwd, opts.profile ?? opts.bib ?? 'profile.yaml'))];
  if (opts.theme && /[\\/]|^\./.test(opts.theme)) roots.push(themeDir(opts.theme, cwd));
  /** Watches the folders of what the last build read (a missing one: its nearest existing parent); true when one was added. */
  function follow(): boolean {
    const want = new Set<string>();
    // One folder holds many inputs (every thumbnail): each is looked at once.
    for (const d of new Set([...roots, ...inputs.folderList()])) {
      const at = existingDir(d);
      if (at && !ignored(at)) want.add(at);
    }
    let added = false;
    for (const [d, w] of watchers) if (!want.has(d)) (w.close(), watchers.delete(d));
    for (const d of want) {
      if (watchers.has(d)) continue;
      try {
        const w = watch(d, (_event, file) => schedule(file ? path.join(d, file.toString()) : null));
        w.on('error', () => {});
        watchers.set(d, w);
        added = true;
      } catch {
        // gone between the check and the watch: the next build looks again
      }
    }
    return added;
  }

  const rebuild = async (): Promise<void> => {
    const startedAt = performance.timeOrigin + performance.now();
    stale = false;
    duringBuild = new Set();
    const r = await build({ durable: false, ...opts, cwd, out });
    const readMidway = await inputs.record(r.inputs ?? { files: [], folders: [] }, startedAt, performance.timeOrigin + performance.now());
    const late = duringBuild;
    duringBuild = undefined;
    stale = readMidway || inputs.concerns(late);
    follow();
    problems = r.outFile ? [] : r.diagnostics.filter((d) => d.severity === 'error');
    // The bytes the build wrote: the page is not read back.
    if (r.page) page = Buffer.concat(r.page);
    opts.onBuild?.(r);
    for (const c of clients) c.write('data: reload\n\n');
    if (stale) schedule(null);
  };
  await rebuild();

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

/** The port asked for is taken (or not allowed): `watch` says so in one line. */
export class PortError extends Error {
  constructor(readonly port: number, readonly code: string) {
    super(code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is in use (another scholar-page watch, or jekyll serve?)` : `cannot listen on 127.0.0.1:${port} (${code})`);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new PortError(port, err.code ?? err.message)));
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * DNS rebinding: a page elsewhere can make its own name resolve to 127.0.0.1, and then read the
 * preview, but its requests still carry its name. Only the loopback names, with this port, are answered.
 */
export function allowedHost(host: string | undefined, port: number): boolean {
  return !!host && ['127.0.0.1', 'localhost', '[::1]'].some((h) => host.toLowerCase() === `${h}:${port}` || (port === 80 && host.toLowerCase() === h));
}

/** `dir`, or its nearest parent that exists: a folder made later shows up as a change in it. */
function existingDir(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (statSync(d, { throwIfNoEntry: false })?.isDirectory()) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The served page: the last good build, the reload script, and the diagnostics of a broken save. */
function withOverlay(html: Buffer, problems: Diagnostic[]): Buffer {
  const overlay = problems.length
    ? `<div id="scholar-page-overlay" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:99999;margin:0;padding:1rem;background:#2b0b0b;color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap">${problems
        .map((d) => escapeHtml(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`))
        .join('\n')}\n(the last good page is shown; fix the input and save)</div>`
    : '';
  const inject = overlay + RELOAD;
  const at = html.lastIndexOf('</body>');
  return at < 0 ? Buffer.concat([html, Buffer.from(inject)]) : Buffer.concat([html.subarray(0, at), Buffer.from(inject), html.subarray(at)]);
}

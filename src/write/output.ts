import type { PaperFile } from '../render/paper-page.js';
import { stageAtomic, type Staged, type Written } from './atomic.js';
import { copyLinkedFiles } from './linked-files.js';
import { stagePaperFiles } from './paper-files.js';

/** What a build writes: the page, the files of the site it links to, and its paper pages (or none: off). */
export interface Output {
  outFile: string;
  page: Uint8Array[];
  linked: string[];
  siteRoot: string;
  papers?: PaperFile[];
  durable?: boolean;
}

/**
 * Writes the page last, after everything it links to: a reader never follows a link of the new
 * page to a file not there yet. The paper pages and the page are written to temporary files
 * first, so a build that cannot write one of them replaces none; the linked files are copied one
 * by one, each atomically, and the old page stays when one fails.
 */
export async function writeOutput(o: Output): Promise<Written> {
  const opts = { durable: o.durable };
  const papers = await stagePaperFiles(o.outFile, o.papers, opts);
  let page: Staged;
  try {
    await copyLinkedFiles(o.linked, o.siteRoot, o.outFile, opts);
    page = await stageAtomic(o.outFile, o.page, opts);
  } catch (err) {
    await papers.abort();
    throw err;
  }
  try {
    await papers.commit();
  } catch (err) {
    await page.abort();
    throw err;
  }
  return page.commit();
}

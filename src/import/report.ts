/** What an import carried over and what it left behind, each with the source file and line. */
export interface ImportNote {
  /** Source file, relative to the site folder. */
  file: string;
  /** Line in that file, from 1; 0 for the whole file. */
  line: number;
  what: string;
  /** Why it was not carried over (or how it was changed). */
  why?: string;
}

export class ImportReport {
  readonly carried: ImportNote[] = [];
  readonly dropped: ImportNote[] = [];
  /** One-line comparison of the old site and the new page. */
  readonly summary: string[] = [];

  carry(file: string, line: number, what: string, why?: string): void {
    this.carried.push({ file, line, what, why });
  }

  drop(file: string, line: number, what: string, why: string): void {
    this.dropped.push({ file, line, what, why });
  }
}

const note = (n: ImportNote): string => `${n.file}:${n.line}: ${n.what}${n.why ? ` (${n.why})` : ''}`;

/** The report as text: carried over, not carried over, and the comparison. */
export function formatReport(r: ImportReport, kind: string): string {
  const lines = [`import of a site made with ${kind}`, '', `carried over (${r.carried.length}):`];
  for (const n of r.carried) lines.push(`  ${note(n)}`);
  lines.push('', `not carried over (${r.dropped.length}):`);
  for (const n of r.dropped) lines.push(`  ${note(n)}`);
  if (r.summary.length) lines.push('', ...r.summary);
  return `${lines.join('\n')}\n`;
}

/** One problem found in the inputs. Diagnostics are values: every stage reports into a list. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier, documented in docs/diagnostics.md (e.g. `bib/duplicate-key`). */
  code: string;
  message: string;
  file: string;
  /** 1-based; 0 when the problem has no position (a whole file). */
  line: number;
  column: number;
  hint?: string;
  related?: { file: string; line: number; column: number; message: string };
}

export type Position = { line: number; column: number };
export type DiagnosticInit = Omit<Diagnostic, 'severity' | 'file' | 'line' | 'column'> &
  Partial<Pick<Diagnostic, 'file' | 'line' | 'column'>>;

/** Collects diagnostics; only the CLI decides how to print them and what exit code they mean. */
export class Reporter {
  /** `list`: where to collect (one entry's own warnings, kept with it by bib.ts). */
  constructor(readonly list: Diagnostic[] = []) {}

  error(file: string, pos: Position | undefined, init: DiagnosticInit): void {
    this.push('error', file, pos, init);
  }

  warn(file: string, pos: Position | undefined, init: DiagnosticInit): void {
    this.push('warning', file, pos, init);
  }

  /** Something worth knowing that is not wrong: never fails a build, not even with --strict. */
  info(file: string, pos: Position | undefined, init: DiagnosticInit): void {
    this.push('info', file, pos, init);
  }

  /** A diagnostic made earlier (kept with an entry that was loaded before). */
  add(d: Diagnostic): void {
    this.list.push(d);
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }

  get warningCount(): number {
    return this.list.filter((d) => d.severity === 'warning').length;
  }

  private push(severity: Severity, file: string, pos: Position | undefined, init: DiagnosticInit): void {
    this.list.push({ severity, file, line: pos?.line ?? 0, column: pos?.column ?? 0, ...init });
  }
}

/** Sort by file, then position, so output order never depends on the order checks ran in. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.code, b.code),
  );
}

/** How many diagnostics of one code are shown; the rest are counted in one "and N more". */
export const MAX_PER_CODE = 100;

/**
 * The diagnostics as shown: sorted, at most `max` of each code, and for a code that had more, one
 * last diagnostic saying how many were left out (as severe as the worst of them). Counts of errors
 * and warnings are taken from the whole list, not from this one.
 */
export function shownDiagnostics(list: Diagnostic[], max = MAX_PER_CODE): Diagnostic[] {
  const sorted = sortDiagnostics(list);
  const seen = new Map<string, number>();
  const left = new Map<string, { first: Diagnostic; count: number; severity: Severity }>();
  const shown: Diagnostic[] = [];
  for (const d of sorted) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (n <= max) {
      shown.push(d);
      continue;
    }
    const l = left.get(d.code);
    if (!l) left.set(d.code, { first: d, count: 1, severity: d.severity });
    else {
      l.count++;
      if (RANK[d.severity] > RANK[l.severity]) l.severity = d.severity;
    }
  }
  for (const [code, { first, count, severity }] of left) {
    shown.push({
      severity,
      code,
      file: first.file,
      line: 0,
      column: 0,
      message: `and ${count} more ${code} diagnostic${count === 1 ? '' : 's'} not shown (the first at line ${first.line}); the first ${max} are listed`,
    });
  }
  return shown;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

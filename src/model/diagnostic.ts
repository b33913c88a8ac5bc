/** One problem found in the inputs. Diagnostics are values: every stage reports into a list. */
export type Severity = 'error' | 'warning';

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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

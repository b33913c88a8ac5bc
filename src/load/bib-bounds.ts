/**
 * Bounds on the verbatim parser's work. The library expands `@string` concatenations as it goes,
 * so a few hundred bytes of doubling macros (`@string{b = a # a} @string{c = b # b} …`) become
 * gigabytes; it finds each error's line by splitting the whole text before it, and it looks for
 * a repeated error message through every earlier one: both quadratic in the number of errors.
 * `bounded` gives the library's parser class with those three places made bounded and linear;
 * the grammar, the values and the messages are the library's.
 */
import type { VerbatimModule } from './latex/verbatim-tuning.js';

/** Longest value a concatenation (`a # b`) may expand to, in UTF-16 units. */
export const MAX_VALUE = 1 << 20;
/** How far all values together may expand beyond the text's own length. */
export const MAX_EXTRA = 8 << 20;

/** Thrown out of the parse (the library catches only its own ParsingError). */
export class ExpansionLimit extends Error {
  override name = 'ExpansionLimit';
  constructor(
    readonly kind: 'value' | 'total',
    /** Offset in the parsed text where the value starts. */
    readonly offset: number,
    /** The size it would have reached, at least. */
    readonly size: number,
    readonly limit: number,
  ) {
    super(`expansion limit (${kind})`);
  }
}

interface LibraryState {
  input: string;
  pos: number;
  parsing: string | null;
  errors: { error: string }[];
  linebreaks: number[];
  tryMatch(s: string, consume?: boolean): boolean;
  match(s: string, sws?: boolean): void;
  single_value(): string;
}

type LibraryClass = VerbatimModule['Library'];

/** The library's parser class with bounded expansion and linear error reporting. */
export function bounded(Library: LibraryClass): LibraryClass {
  const Base = Library as unknown as new (input: string, options?: object) => LibraryState;
  class Bounded extends Base {
    private expanded = 0;
    private seenErrors = new Set<string>();

    /** As the library's `a # b # …`, refusing a result past the limits before building it. */
    value(): string {
      const start = this.pos;
      const first = this.single_value();
      let size = first.length;
      let values: string[] | undefined;
      while (this.tryMatch('#')) {
        this.match('#');
        const v = this.single_value();
        size += v.length;
        if (size > MAX_VALUE) throw new ExpansionLimit('value', start, size, MAX_VALUE);
        (values ??= [first]).push(v);
      }
      this.expanded += size;
      const total = this.input.length + MAX_EXTRA;
      if (this.expanded > total) throw new ExpansionLimit('total', start, this.expanded, total);
      return values ? values.join('') : first;
    }

    /** As the library's "line L, column C", by binary search in its table of line breaks. */
    location(): string {
      const breaks = this.linebreaks;
      let lo = 0;
      let hi = breaks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (breaks[mid] < this.pos) lo = mid + 1;
        else hi = mid;
      }
      const lineStart = lo === 0 ? 0 : breaks[lo - 1] + 1;
      return `line ${lo + 1}, column ${this.pos - lineStart + 1}`;
    }

    /** As the library's: an error with the same message as an earlier one is not added again. */
    error(err: { error: string }): void {
      if (this.seenErrors.has(err.error)) return;
      this.seenErrors.add(err.error);
      this.errors.push(err);
    }
  }
  return Bounded as unknown as LibraryClass;
}

/** The module with its `Library` bounded, and a `parse` that uses it. */
export function boundedModule(mod: VerbatimModule): VerbatimModule {
  const Library = bounded(mod.Library);
  return {
    Library,
    parse(input, options = {}) {
      const parser = new Library(input, options);
      parser.parse();
      return parser;
    },
  };
}

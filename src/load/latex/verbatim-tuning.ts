/**
 * The verbatim parser of @retorquere/bibtex-parser with two of its helpers made cheap. Its
 * `skipWhitespace` and `key` test each character with `String.prototype.match`, which allocates a
 * match array per character: for cdl.bib's 5 MB, about half the parse (~60 of ~130 ms) and much of
 * its garbage. `Tuned` is the library's own parser class with those two methods written as
 * character-code tests of the same character sets; everything else (the grammar, the error
 * messages and their positions) is the library's.
 *
 * Only for the versions it was checked against (`TUNED_FOR`): another version of the parser is
 * used as it comes. `test/load/latex/verbatim-tuning.test.ts` compares the two parsers on fixtures, on
 * random text and on ../shared/corpus/; update `TUNED_FOR` only after it passes.
 */

/** What a parse returns (the library's `Library` after `parse()`). */
export interface VerbatimResult {
  entries: { input: string; type: string; key: string; fields: Record<string, string> }[];
  strings: Record<string, string>;
  errors: { error: string; input?: string }[];
}

interface ParserState {
  input: string;
  pos: number;
  parse(): void;
  key(allow?: string): string;
}

/** The parts of verbatim.js used here. */
export interface VerbatimModule {
  parse(input: string, options?: { strings?: Record<string, string> }): VerbatimResult;
  Library: new (input: string, options?: { strings?: Record<string, string> }) => ParserState & VerbatimResult;
}

export const TUNED_FOR: readonly string[] = ['9.0.29'];

/** `[+'a-zA-Z0-9&;_:\\./-]`, the ASCII characters `key` takes, by character code. */
const KEY_ASCII = new Uint8Array(128);
for (const ch of "+'&;_:\\./-") KEY_ASCII[ch.charCodeAt(0)] = 1;
for (let c = 0; c < 26; c++) KEY_ASCII[65 + c] = KEY_ASCII[97 + c] = 1;
for (let c = 48; c < 58; c++) KEY_ASCII[c] = 1;
/** The library's `letter`, tested on one UTF-16 code unit as it does. */
const LETTER = /[\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u;

const SPACE = 32, TAB = 9, CR = 13, LF = 10, PERCENT = 37;

/** The parse function to use for this version of the library: tuned, or the library's own. */
export function verbatimParse(mod: VerbatimModule, version: string): VerbatimModule['parse'] {
  if (!TUNED_FOR.includes(version)) return mod.parse;
  class Tuned extends mod.Library {
    /** As the library's: skips ` \t\r\n`, and `%` to the end of its line. */
    skipWhitespace(): void {
      const { input } = this;
      const end = input.length;
      let pos = this.pos;
      while (pos < end) {
        const c = input.charCodeAt(pos);
        if (c === PERCENT) while (pos < end && input.charCodeAt(pos) !== LF) pos++;
        else if (c === SPACE || c === TAB || c === CR || c === LF) pos++;
        else break;
      }
      this.pos = pos;
    }

    /** As the library's: the longest run of key characters from `pos`. */
    key(allow = ''): string {
      const { input } = this;
      const start = this.pos;
      let pos = start;
      for (; pos < input.length; pos++) {
        const c = input.charCodeAt(pos);
        const ok = c < 128 ? KEY_ASCII[c] === 1 : LETTER.test(input[pos]);
        if (!ok && !allow.includes(input[pos])) {
          this.pos = pos;
          return input.substring(start, pos);
        }
      }
      // The input ends inside the key: the library's own method throws its "Runaway key" error.
      this.pos = pos;
      return super.key(allow);
    }
  }
  return (input, options = {}) => {
    const parser = new Tuned(input, options);
    parser.parse();
    return parser;
  };
}

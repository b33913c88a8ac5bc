import type { Reporter } from '../model/diagnostic.js';
import type { SourceText } from './source-text.js';

/**
 * Turns the parser's syntax errors into diagnostics. The parser writes the position into its
 * message, and it notices an unclosed brace only where the next entry starts; we point at the
 * brace that was never closed instead, and say where the parser gave up.
 */
export function reportParseErrors(errors: { error: string }[], text: string, source: SourceText, report: Reporter): void {
  // Errors come in file order: the search for each one's entry stops where the last one was.
  let floor = 0;
  for (const e of errors) {
    if (/^Unresolved @string reference/.test(e.error)) continue; // located per field, in bib.ts
    const m = /^(.*?)(?:\.\.\.)? at line (\d+), column (\d+)(?: in "([^"]*)")?$/s.exec(e.error);
    const message = (m ? m[1] : e.error).replace(/\s+/g, ' ').trim();
    const pos = m ? { line: Number(m[2]), column: Number(m[3]) } : undefined;
    const offset = pos ? source.offsetOf(pos) : -1;
    // The parser meets a missing "}" where the next entry starts, or at the end of the file.
    const atEnd = /found ""$/.test(message);
    const unclosed = offset >= 0 && (atEnd || /found "@|Unterminated|Runaway/.test(message)) ? findUnclosedBrace(text, offset, floor) : undefined;
    if (offset > floor) floor = offset;
    if (unclosed !== undefined) {
      const at = source.position(unclosed.offset);
      report.error(source.file, at, {
        code: 'bib/syntax',
        message: `syntax error: the brace opened in field "${unclosed.field}" is never closed`,
        hint: 'Add the missing "}" at the end of the value.',
        related: pos && { file: source.file, line: pos.line, column: pos.column, message: `the parser gave up here: ${message}` },
      });
      continue;
    }
    const open = atEnd && offset >= 0 ? lastEntry(text, offset) : undefined;
    if (open) {
      report.error(source.file, source.position(open.offset), {
        code: 'bib/syntax',
        message: `syntax error: the entry "${open.key}" is never closed`,
        hint: 'Add the missing "}" after its last field.',
        related: pos && { file: source.file, line: pos.line, column: pos.column, message: `the file ends here: ${message}` },
      });
      continue;
    }
    const missingComma = /^Token mismatch, expected "}", found "\s*[\w:.+-]+\s*=/.test(message);
    report.error(source.file, pos, {
      code: 'bib/syntax',
      message: `syntax error: ${message}`,
      hint: missingComma ? 'Is a comma missing at the end of the previous field?' : undefined,
    });
  }
}

/** The entry the parser was in when the file ended: the last `@type{key` before `errorOffset`. */
function lastEntry(text: string, errorOffset: number): { offset: number; key: string } | undefined {
  const at = text.lastIndexOf('\n@', Math.max(0, errorOffset - 1));
  const start = at === -1 ? (text.startsWith('@') ? 0 : -1) : at + 1;
  const m = start === -1 ? null : /^@\s*([A-Za-z]+)\s*[{(]\s*([^,\s}]*)/.exec(text.slice(start, start + 300));
  return m && !/^(string|preamble|comment)$/i.test(m[1]) ? { offset: start, key: m[2] } : undefined;
}

const FIELD_START = /^[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=[ \t]*/;

/** How far back from an error the start of its entry is looked for. */
const ENTRY_WINDOW = 1 << 16;

/**
 * In the entry that ends at `errorOffset`, the first field whose value opens more braces than it
 * closes on its own line while the next line starts a new field: that is where the brace went missing.
 * The entry is looked for after `floor` (the last error) and within ENTRY_WINDOW, so that many
 * errors cost what the file's length does.
 */
function findUnclosedBrace(text: string, errorOffset: number, floor: number): { offset: number; field: string } | undefined {
  const from = Math.max(floor, errorOffset - ENTRY_WINDOW);
  const entryStart = text.slice(from, Math.max(from, errorOffset - 2) + 2).lastIndexOf('\n@');
  const start = entryStart === -1 ? from : from + entryStart + 1;
  const lines = text.slice(start, errorOffset).split('\n');
  let offset = start;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = FIELD_START.exec(line);
    if (m && line[m[0].length] === '{') {
      let depth = 0;
      for (let k = m[0].length; k < line.length; k++) {
        if (line[k] === '\\') k++;
        else if (line[k] === '{') depth++;
        else if (line[k] === '}') depth--;
      }
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      if (depth > 0 && next !== undefined && FIELD_START.test(next)) return { offset: offset + m[0].length, field: m[1].toLowerCase() };
    }
    offset += line.length + 1;
  }
  return undefined;
}

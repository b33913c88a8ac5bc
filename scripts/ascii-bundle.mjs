// The snapshot's bundle in ASCII (used by scripts/snapshot.mjs; tested by test/cli/ascii-bundle.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Writes each non-ASCII character of the bundle as a \uXXXX escape where that means the same: in
 * comments, string literals and regex literals. esbuild leaves them in comments and regex literals
 * (29 lines today), and V8 keeps a script's source in the heap: one such character makes it a
 * two-byte string, the whole 3.8 MB source twice over in every start-up snapshot. Where an escape
 * would change the meaning (a template literal's raw text, an identifier, a character after a
 * backslash in a literal, U+2028/U+2029, which end a // comment), the bundle is left as it is.
 * TypeScript's parser (a development dependency, like esbuild) finds where each character lies.
 */
export function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return undefined;
  const why = whyNotEscaped(text);
  if (!why) writeFileSync(file, escaped(text));
  return why;
}

/** Every non-ASCII UTF-16 unit of `text` as a \uXXXX escape. */
export const escaped = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Why escaping every non-ASCII character of `text` could change what it means, or undefined. Each
 * character is placed: inside a token (a string or regex literal is fine unless a backslash comes
 * before it; a template or an identifier is not), or else between tokens, where only a comment can
 * hold a character that is not white space.
 */
export function whyNotEscaped(text) {
  if (/[\u2028\u2029]/.test(text)) return 'a line or paragraph separator';
  let ts;
  try {
    ts = require('typescript');
  } catch {
    return 'typescript is not installed';
  }
  const sf = ts.createSourceFile('bundle.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  if (sf.parseDiagnostics.length) return 'it does not parse';
  const K = ts.SyntaxKind;
  // The tokens a character can be in: where an escape keeps it ('literal'), or what it would change.
  const tokens = new Map([
    [K.StringLiteral, 'literal'], [K.RegularExpressionLiteral, 'literal'],
    [K.NoSubstitutionTemplateLiteral, 'template'], [K.TemplateHead, 'template'], [K.TemplateMiddle, 'template'], [K.TemplateTail, 'template'],
    [K.Identifier, 'name'], [K.PrivateIdentifier, 'name'],
  ]);
  const left = new Set([...text.matchAll(/[^\x00-\x7f]/g)].map((m) => m.index));
  let found;
  const visit = (node) => {
    if (found) return;
    const token = tokens.get(node.kind);
    if (token) {
      for (let at = node.getStart(sf); at < node.end && !found; at++) {
        if (!left.has(at)) continue;
        left.delete(at);
        if (token !== 'literal') found = `one in a ${token}, at offset ${at}`;
        else if (text[at - 1] === '\\') found = `one after a backslash, at offset ${at}`;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (found) return found;
  // The rest is between tokens: in a comment, unless it is white space (NBSP, BOM…), which code may hold.
  for (const at of left) if (/[\s\uFEFF]/.test(text[at])) return `white space at offset ${at}`;
  return undefined;
}


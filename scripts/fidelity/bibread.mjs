// A plain BibTeX reader, apart from the project's and the parser library's (the library drops a
// field on a lone `$`: the audit must not share that). Reads what BibTeX and biber read:
// @string macros with `#`, braced and quoted values, a braced @comment as one block, `%` lines
// between entries as comments. Values are raw text; nothing in them is interpreted.

const MONTHS = { jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June', jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December' };

/** `{ entries: [{ type, key, fields }], errors: [message] }`; field names in lower case. */
export function parseBib(text) {
  const r = { s: text, i: 0 };
  const strings = { ...MONTHS };
  const entries = [];
  const errors = [];
  while (r.i < r.s.length) {
    const c = r.s[r.i];
    if (c === '%') {
      skipLine(r);
      continue;
    }
    if (c !== '@') {
      r.i++;
      continue;
    }
    const at = r.i++;
    const type = word(r).toLowerCase();
    space(r);
    const open = r.s[r.i];
    if (type === 'comment' || !type) {
      const from = r.i;
      try {
        if (open === '{' || open === '(') group(r);
      } catch {
        r.i = from; // an unbalanced @comment{: the rest of its line only
        skipLine(r);
      }
      continue;
    }
    if (open !== '{' && open !== '(') continue;
    const close = open === '{' ? '}' : ')';
    r.i++;
    try {
      if (type === 'preamble') {
        r.i = at + 1;
        word(r), space(r), group(r);
      } else if (type === 'string') {
        const [name, value] = assignment(r, strings);
        strings[name] = value;
        space(r);
        expect(r, close);
      } else entries.push({ type, ...body(r, close, strings) });
    } catch (err) {
      errors.push(`${lineOf(text, at)}: ${err.message}`);
      r.i = at + 1;
    }
  }
  return { entries, errors };
}

function body(r, close, strings) {
  space(r);
  const start = r.i;
  while (r.i < r.s.length && !/[,\s]/.test(r.s[r.i]) && r.s[r.i] !== close) r.i++;
  const key = r.s.slice(start, r.i);
  const fields = {};
  for (;;) {
    space(r);
    if (r.s[r.i] === close) return r.i++, { key, fields };
    expect(r, ',');
    space(r);
    if (r.s[r.i] === close) return r.i++, { key, fields };
    if (r.s[r.i] === ',') continue;
    const [name, value] = assignment(r, strings);
    fields[name] ??= value;
  }
}

/** `name = part # part …`: the name in lower case and the joined value. */
function assignment(r, strings) {
  space(r);
  const name = word(r).toLowerCase();
  if (!name) throw new Error(`field name expected, found "${r.s.slice(r.i, r.i + 10)}"`);
  space(r);
  expect(r, '=');
  let value = '';
  for (;;) {
    space(r);
    const c = r.s[r.i];
    if (c === '{') value += group(r).slice(1, -1);
    else if (c === '"') value += quoted(r);
    else {
      const w = word(r);
      if (!w) throw new Error(`value expected for ${name}`);
      value += /^\d+$/.test(w) ? w : strings[w.toLowerCase()] ?? '';
    }
    space(r);
    if (r.s[r.i] !== '#') return [name, value];
    r.i++;
  }
}

/** A balanced `{…}` or `(…)` group, returned with its delimiters (`\{` and `\}` are not delimiters, as the parsers people use read them). */
function group(r) {
  const open = r.s[r.i];
  const close = open === '(' ? ')' : '}';
  const start = r.i;
  let depth = 0;
  for (; r.i < r.s.length; r.i++) {
    const c = r.s[r.i];
    if (c === '\\' && (r.s[r.i + 1] === '{' || r.s[r.i + 1] === '}')) r.i++;
    else if (c === open || (open === '(' && c === '{')) depth++;
    else if (c === close || (open === '(' && c === '}')) {
      if (--depth === 0) return r.s.slice(start, ++r.i);
    }
  }
  throw new Error('unbalanced braces');
}

function quoted(r) {
  const start = ++r.i;
  let depth = 0;
  for (; r.i < r.s.length; r.i++) {
    const c = r.s[r.i];
    if (c === '\\' && (r.s[r.i + 1] === '{' || r.s[r.i + 1] === '}')) r.i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '"' && depth === 0) return r.s.slice(start, r.i++);
  }
  throw new Error('unclosed quote');
}

function word(r) {
  const m = /^[^\s"#%'(),={}@]+/.exec(r.s.slice(r.i, r.i + 200));
  if (!m) return '';
  r.i += m[0].length;
  return m[0];
}

function expect(r, c) {
  if (r.s[r.i] !== c) throw new Error(`expected "${c}", found "${r.s.slice(r.i, r.i + 10)}"`);
  r.i++;
}

/** White space, and `%` comments to the end of their line (between fields, as biber reads them). */
const space = (r) => {
  for (;;) {
    while (/\s/.test(r.s[r.i] ?? '')) r.i++;
    if (r.s[r.i] !== '%') return;
    skipLine(r);
  }
};
const skipLine = (r) => {
  while (r.i < r.s.length && r.s[r.i] !== '\n') r.i++;
};
const lineOf = (text, at) => `line ${text.slice(0, at).split('\n').length}`;

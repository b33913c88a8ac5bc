// A small LaTeX stripper, written apart from the project's converter on purpose: the audit must
// not share the converter's mistakes. It keeps the words; the audit compares loosely (tokens()).

const ACCENTS = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331', t: '\u0361',
};

const GREEK = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');
const SYMBOLS = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', dj: 'đ', DJ: 'Đ', ng: 'ŋ', NG: 'Ŋ',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', LaTeXe: 'LaTeX2e',
  textendash: '–', textemdash: '—', dots: '…', ldots: '…', textellipsis: '…', cdots: '⋯',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', lq: '‘', rq: '’',
  copyright: '©', textcopyright: '©', textregistered: '®', texttrademark: '™', textless: '<', textgreater: '>',
  textasciitilde: '~', textbackslash: '\\', backslash: '\\', textbar: '|', textunderscore: '_', S: '§', P: '¶',
  pounds: '£', euro: '€', texteuro: '€', textdegree: '°', degree: '°', textexclamdown: '¡', textquestiondown: '¿',
  le: '≤', leq: '≤', ge: '≥', geq: '≥', neq: '≠', ne: '≠', times: '×', pm: '±', mp: '∓', infty: '∞', to: '→',
  rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', approx: '≈', sim: '∼', simeq: '≃', cdot: '·', in: '∈',
  ell: 'ℓ', partial: '∂', nabla: '∇', sum: '∑', prod: '∏', int: '∫', sqrt: '√', langle: '⟨', rangle: '⟩',
  lt: '<', gt: '>', ll: '≪', gg: '≫', circ: '∘', star: '⋆', ast: '∗', forall: '∀', exists: '∃', emptyset: '∅',
  varepsilon: 'ε', vartheta: 'ϑ', varphi: 'φ', varrho: 'ϱ', varsigma: 'ς', hbar: 'ℏ', quad: ' ', qquad: ' ',
  slash: '/', space: ' ', newline: ' ', par: ' ', linebreak: ' ', hfill: ' ', relax: '', protect: '', noopsort: '',
};
GREEK.forEach((g, n) => {
  SYMBOLS[g] ??= String.fromCodePoint(0x3b1 + n + (n >= 17 ? 1 : 0)); // skip final sigma ς
  SYMBOLS[g[0].toUpperCase() + g.slice(1)] ??= String.fromCodePoint(0x391 + n + (n >= 17 ? 1 : 0));
});
const ESCAPES = { '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', ' ': ' ', '\\': ' ', ',': ' ', ';': ' ', ':': ' ', '!': '', '-': '', '/': '', '@': '' };
/** Commands whose argument is not text: dropped with it. */
const DROP_ARG = new Set(['cite', 'citep', 'citet', 'ref', 'label', 'eqref', 'vspace', 'hspace', 'noopsort', 'nocite', 'pageref', 'begin', 'end']);
/** Math alphabets: shown as these Unicode letters (the audit's "math lost" check looks for them). */
const MATH_FONTS = new Set(['mathcal', 'mathbb', 'mathfrak', 'mathscr', 'mathbbm', 'mathds']);
/** HTML tags a .bib holds (al-folio sites write links, spans and paragraphs): as a browser shows them, text only. */
const HTML_TAG = /^<\/?(i|em|b|strong|sup|sub|u|br|p|div|center|a|span|font|small|big|s|tt|code|cite|abbr|mark|ins|del|strike)(?:\s[^<>]*)?\s*\/?>/i;

/**
 * The text a LaTeX field value reads as: commands resolved or dropped, braces and `$` gone, words
 * kept. HTML character references (Mendeley writes `&nbsp;` and `&#8212` into abstracts) read as
 * their characters, as a browser shows them.
 */
export function stripLatex(src) {
  return new Stripper(htmlReferences(src)).run().normalize('NFC');
}

const NAMED = { nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", mdash: '—', ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' };

function htmlReferences(src) {
  // A numeric reference needs no `;` in HTML (`&#8212` is a dash), a named one here does.
  return src.replace(/&(?:#(\d{1,7});?|#x([0-9a-f]{1,6});?|([a-z]+);)/gi, (m, dec, hex, name) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    return Object.hasOwn(NAMED, name.toLowerCase()) ? NAMED[name.toLowerCase()] : m;
  });
}

/** `\mathcal{R}`-style letters in a value: the audit expects each as a non-ASCII letter or MathML. */
export function mathAlphabetLetters(src) {
  return [...src.matchAll(/\\(mathcal|mathbb|mathfrak|mathscr|mathbbm|mathds)\s*\{?\s*([A-Za-z])/g)].map((m) => ({ font: m[1], letter: m[2] }));
}

class Stripper {
  constructor(src) {
    this.s = src;
    this.i = 0;
    this.math = false;
  }

  run() {
    let out = '';
    while (this.i < this.s.length) out += this.next();
    return out;
  }

  /** One piece of output for the input at this.i. */
  next() {
    const s = this.s;
    const c = s[this.i];
    if (c === '\\') return this.command();
    if (c === '{' || c === '}') return this.i++, '';
    if (c === '$') return this.i++, (this.math = !this.math), '';
    if (c === '~') return this.i++, ' ';
    if (this.math && (c === '^' || c === '_')) return this.i++, '';
    if (c === '-' && s.startsWith('---', this.i)) return (this.i += 3), '—';
    if (c === '-' && s.startsWith('--', this.i)) return (this.i += 2), '–';
    if (c === '`' && s[this.i + 1] === '`') return (this.i += 2), '“';
    if (c === "'" && s[this.i + 1] === "'") return (this.i += 2), '”';
    if (c === '<' && !this.math) {
      const tag = HTML_TAG.exec(s.slice(this.i, this.i + 500));
      if (tag) return (this.i += tag[0].length), /^<\/?(br|p|div|center)\b/i.test(tag[0]) ? ' ' : '';
    }
    this.i++;
    return c;
  }

  command() {
    const s = this.s;
    this.i++; // the backslash
    const name = /^[A-Za-z]+/.exec(s.slice(this.i, this.i + 40))?.[0];
    if (!name) {
      const c = s[this.i++] ?? '';
      if (c in ACCENTS) return accent(this.arg(), ACCENTS[c]);
      return c in ESCAPES ? ESCAPES[c] : c;
    }
    this.i += name.length;
    if (name.length === 1 && name in ACCENTS) return accent(this.arg(), ACCENTS[name]);
    if (name in SYMBOLS) {
      if (s.startsWith('{}', this.i)) this.i += 2;
      return SYMBOLS[name];
    }
    if (MATH_FONTS.has(name)) return [...stripLatex(this.arg())].map((ch) => mathLetter(name, ch)).join('');
    if (DROP_ARG.has(name)) return this.hasArg() && this.arg(), '';
    if (name === 'href') return this.arg(), stripLatex(this.arg());
    if (name === 'url') return this.arg();
    // any other command: its name goes, its braced argument (if any) stays as text
    return '';
  }

  hasArg() {
    return /^\s*\{/.test(this.s.slice(this.i, this.i + 20)) || (/^\s+[A-Za-z]/.test(this.s.slice(this.i, this.i + 3)));
  }

  /** The next argument's source: a braced group, a control sequence or one character. */
  arg() {
    const s = this.s;
    while (s[this.i] === ' ') this.i++;
    if (s[this.i] === '{') {
      let depth = 0;
      const start = this.i;
      for (; this.i < s.length; this.i++) {
        if (s[this.i] === '\\') this.i++;
        else if (s[this.i] === '{') depth++;
        else if (s[this.i] === '}' && --depth === 0) break;
      }
      return s.slice(start + 1, this.i++);
    }
    if (s[this.i] === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(this.i, this.i + 40));
      this.i += m ? m[0].length : 1;
      return m ? m[0] : '';
    }
    return s[this.i++] ?? '';
  }
}

function accent(argSrc, mark) {
  const base = stripLatex(argSrc).replace('ı', 'i').replace('ȷ', 'j');
  return base ? base[0] + mark + base.slice(1) : '';
}

// Unicode's math alphabets, with the letters that live in the Letterlike Symbols block.
const FONT_BASE = { mathcal: 0x1d49c, mathscr: 0x1d49c, mathbb: 0x1d538, mathbbm: 0x1d538, mathds: 0x1d538, mathfrak: 0x1d504 };
const HOLES = {
  mathcal: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  mathbb: { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
  mathfrak: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
};
HOLES.mathscr = HOLES.mathcal;
HOLES.mathbbm = HOLES.mathds = HOLES.mathbb;

function mathLetter(font, ch) {
  if (HOLES[font][ch]) return HOLES[font][ch];
  if (/[A-Z]/.test(ch)) return String.fromCodePoint(FONT_BASE[font] + ch.charCodeAt(0) - 65);
  if (/[a-z]/.test(ch)) return String.fromCodePoint(FONT_BASE[font] + 26 + ch.charCodeAt(0) - 97);
  return ch;
}

const FOLD = { ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ȷ: 'j', ŋ: 'n', ħ: 'h' };

/** Word tokens for a loose comparison: NFKD, marks stripped, lower case, letters and digits only. */
export function tokens(text) {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[øłæœßđðþıȷŋħ]/g, (c) => FOLD[c]);
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

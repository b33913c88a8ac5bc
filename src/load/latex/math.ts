/**
 * Math in field values: `\mathcal{R}` and its kin become Unicode mathematical alphanumerics where
 * Unicode has them; spans the converter cannot render as text become MathML through temml.
 */
import { lazyRequire } from '../../lazy.js';
import { escapeHtml, sanitizeMath } from '../sanitize.js';

interface Alphabet {
  upper?: number;
  lower?: number;
  digit?: number;
  /** Letters Unicode encoded before the mathematical blocks (the block leaves a hole there). */
  except?: Record<string, string>;
}

/** `\mathcal` is bold script: that block has no holes and looks like LaTeX's calligraphic capitals. */
const ALPHABETS: Record<string, Alphabet> = {
  mathrm: {},
  mathbf: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce },
  mathit: { upper: 0x1d434, lower: 0x1d44e, except: { h: '\u210e' } },
  mathcal: { upper: 0x1d4d0, lower: 0x1d4ea },
  mathscr: { upper: 0x1d49c, lower: 0x1d4b6, except: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' } },
  mathfrak: { upper: 0x1d504, lower: 0x1d51e, except: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' } },
  mathbb: { upper: 0x1d538, lower: 0x1d552, digit: 0x1d7d8, except: { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' } },
  mathsf: { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2 },
  mathtt: { upper: 0x1d670, lower: 0x1d68a, digit: 0x1d7f6 },
};
const ALPHABET_COMMAND = /\\(math(?:rm|bf|it|cal|scr|frak|bb|sf|tt))(?![a-zA-Z])\s*(?:\{([^{}]*)\}|([A-Za-z0-9]))?/g;

/** One character in an alphabet, or undefined when Unicode has no such character. */
function styled(a: Alphabet, ch: string): string | undefined {
  if (a.except?.[ch]) return a.except[ch];
  const c = ch.charCodeAt(0);
  if (a.upper === undefined) return /[A-Za-z0-9]/.test(ch) ? ch : undefined; // \mathrm: upright, as math text is shown
  if (c >= 65 && c <= 90) return String.fromCodePoint(a.upper + c - 65);
  if (c >= 97 && c <= 122 && a.lower !== undefined) return String.fromCodePoint(a.lower + c - 97);
  if (c >= 48 && c <= 57 && a.digit !== undefined) return String.fromCodePoint(a.digit + c - 48);
  return undefined;
}

/**
 * The math with its alphabet commands written as Unicode; `unmapped` when one of them has an
 * argument Unicode cannot write (a Greek letter, a digit in \mathcal, a nested command).
 */
export function mapAlphabets(tex: string): { tex: string; unmapped: boolean } {
  if (!tex.includes('\\math')) return { tex, unmapped: false };
  let unmapped = false;
  const out = tex.replace(ALPHABET_COMMAND, (whole, name: string, braced: string | undefined, single: string | undefined) => {
    const arg = braced ?? single;
    const chars = arg === undefined ? undefined : [...arg.replace(/\s+/g, '')].map((ch) => styled(ALPHABETS[name], ch));
    if (!chars || chars.some((c) => c === undefined)) {
      unmapped = true;
      return whole;
    }
    return chars.join('');
  });
  return { tex: out, unmapped };
}

const GREEK = 'alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega';
const SIMPLE_SYMBOLS = new RegExp(`\\\\(${GREEK}|ell|infty|pm|times|cdot|leq|geq|le|ge|neq|approx|sim|to|rightarrow|leftarrow|ast|star|dagger|circ|partial|nabla)\\b`, 'g');

/** Math the converter renders as Unicode: symbols, single-character scripts, greek letters. */
export function isSimpleMath(tex: string): boolean {
  const withoutSimple = tex
    .replace(SIMPLE_SYMBOLS, '')
    .replace(/[\^_](\{[\w+\-*]{1,3}\}|[\w+\-*])/g, '');
  return !/[\\{}^_]/.test(withoutSimple);
}

/**
 * Math accents the converter does not know or writes in the wrong order (`\tilde{O}` as `{O}`,
 * `\vec{v}` as the arrow before the letter): a formula holding one is MathML in any field.
 */
const CONVERTER_LACKS = /\\(?:tilde|hat|dot|ddot|dddot|vec|check|breve|acute|grave|mathring|widetilde|widehat|overrightarrow|overleftarrow|overleftrightarrow|overbrace|underbrace|overset|underset|stackrel|ensuremath)(?![a-zA-Z])/;

/** Whether the converter cannot write this formula as text, so it must be MathML. */
export function converterLacks(tex: string): boolean {
  return CONVERTER_LACKS.test(tex);
}

/** Commands temml does not know, and the TeX it does for them (`$\slash$` in a title: AlN/GaN; `\ensuremath`). */
const LACKING: Record<string, string> = { slash: '/', ensuremath: '' };
// \ensuremath{x} is x in math (APS and journal exports write it inside $…$: `$\ensuremath{\sigma}$`).
const TEMML_LACKS = /\\(slash|ensuremath)(?![a-zA-Z]) */g;

const temml = lazyRequire<typeof import('temml').default>('temml');

/** A formula as MathML (through the MathML allowlist), or its TeX as text when temml refuses it. */
export function renderMath(tex: string): { html: string; ok: boolean } {
  try {
    // trust: false keeps \href and friends out; the output still goes through the allowlist.
    const mathml = temml().renderToString(tex.replace(TEMML_LACKS, (_, name: string) => LACKING[name]), { trust: false, throwOnError: true, maxSize: 20, maxExpand: 100 });
    return { html: sanitizeMath(mathml), ok: true };
  } catch {
    return { html: escapeHtml(tex), ok: false };
  }
}

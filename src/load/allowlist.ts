/**
 * The markup a field value may carry onto the page: inline text markup (from LaTeX and from the
 * few HTML tags publishers write), and MathML as temml writes it. sanitize.ts hands these lists to
 * sanitize-html; `isAllowlisted` checks that a stored string is already in the form sanitize-html
 * leaves it (the entry cache is input, and comes back through here).
 */

export const INLINE_TAGS = ['i', 'b', 'em', 'strong', 'sup', 'sub', 'span', 'br'];
export const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'mfrac', 'msqrt', 'mroot',
  'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mmultiscripts', 'mprescripts', 'none', 'mtable', 'mtr',
  'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'merror',
];

const MATHML_ATTRIBUTES = [
  'class', 'style', 'display', 'mathvariant', 'linethickness', 'scriptlevel', 'displaystyle', 'width', 'height', 'depth',
  'mathbackground', 'mathcolor', 'movablelimits', 'fence', 'form', 'stretchy', 'lspace', 'rspace', 'symmetric',
  'minsize', 'maxsize', 'largeop', 'separator', 'accent', 'accentunder', 'notation', 'voffset', 'columnalign',
  'rowalign', 'columnspacing', 'rowspacing', 'columnlines', 'rowlines', 'frame', 'framespacing', 'encoding',
];

/**
 * The HTML the profile's Markdown may carry (a bio pasted from al-folio, academicpages or Hugo is
 * full of it): what Markdown itself writes, and the text markup around it. No script, style, form,
 * frame, media or class; links and images are checked in sanitize.ts.
 */
export const PROFILE_TAGS = [
  ...INLINE_TAGS, 'p', 'div', 'hr', 'a', 'img', 'u', 's', 'del', 'ins', 'mark', 'small', 'abbr', 'cite', 'q', 'code', 'kbd', 'pre',
  'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'figure', 'figcaption', 'center',
];
export const PROFILE_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title'], img: ['src', 'width', 'height', 'alt'], abbr: ['title'], ol: ['start'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'],
  // Markdown's fenced code: `language-…`, checked by class below.
  code: ['class'],
};

/** Attributes by tag; no tag gets a link, a source, an event handler or an id. */
export const ATTRIBUTES: Record<string, string[]> = {
  span: ['class'],
  ...Object.fromEntries(MATHML_TAGS.map((t) => [t, MATHML_ATTRIBUTES])),
};

/** Class names: small caps and case protection from LaTeX, temml's own (`tml-…`, `mathcal`…). */
const SPAN_CLASSES = ['sc', 'nocase'];
const MATH_CLASSES = ['tml-*', 'chr-*', 'wbk-*', 'ff-*', 'mathcal', 'mathscr', 'actuarial', 'circle-pad', 'longdiv-top', 'phasor-bottom', 'temml-error'];
export const CLASSES: Record<string, string[]> = {
  span: SPAN_CLASSES,
  ...Object.fromEntries(MATHML_TAGS.map((t) => [t, MATH_CLASSES])),
};

/**
 * Style properties temml writes (colours, boxes, spacing, math depth); values without `(`, so no
 * `url()`. Nothing that moves a box out of its place (position, transform) is kept.
 */
export const STYLE_PROPERTIES = [
  'color', 'background-color', 'padding', 'padding-left', 'padding-right', 'padding-top', 'padding-bottom', 'border',
  'border-top', 'border-bottom', 'border-left', 'border-right', 'border-radius', 'margin-left', 'margin-right',
  'width', 'height', 'font-weight', 'font-style', 'font-family', 'text-decoration', 'text-align', 'white-space',
  'math-depth', 'math-style',
];
export const STYLE_VALUE = /^[\w .#%,-]+$/;

const TOKEN = /<\/([a-z]+)>|<([a-z]+)((?: [a-z-]+="[^"<>]*")*) ?\/?>|&(?:[a-zA-Z]+\d*|#\d+|#x[\da-fA-F]+);|[^<>&]+/y;
const ATTRIBUTE = / ([a-z-]+)="([^"]*)"/g;

/**
 * True when `html` is allowlisted markup with balanced tags: tags and attributes from the lists
 * above, class names and styles as allowed, every `<`, `>` and `&` part of a tag or an entity.
 */
export function isAllowlisted(html: string): boolean {
  if (!/[<>&]/.test(html)) return true;
  const open: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const m = TOKEN.exec(html);
    if (!m) return false;
    if (m[1] !== undefined) {
      if (open.pop() !== m[1]) return false;
    } else if (m[2] !== undefined) {
      const tag = m[2];
      if (!INLINE_TAGS.includes(tag) && !MATHML_TAGS.includes(tag)) return false;
      for (const [, name, value] of m[3].matchAll(ATTRIBUTE)) if (!allowedAttribute(tag, name, value)) return false;
      // Only `<br>` is void (sanitize-html writes `<br />`); `<i/>` would leave an element open.
      if (tag === 'br') continue;
      if (m[0].endsWith('/>')) return false;
      open.push(tag);
    }
  }
  return open.length === 0;
}

function allowedAttribute(tag: string, name: string, value: string): boolean {
  if (!ATTRIBUTES[tag]?.includes(name)) return false;
  if (name === 'class') return value.split(' ').every((c) => CLASSES[tag].some((k) => (k.endsWith('*') ? c.startsWith(k.slice(0, -1)) : c === k)));
  if (name === 'style') {
    return value.split(';').every((d) => {
      if (!d.trim()) return true;
      const [prop, ...rest] = d.split(':');
      return STYLE_PROPERTIES.includes(prop.trim()) && STYLE_VALUE.test(rest.join(':').trim());
    });
  }
  return !/[():\\]/.test(value);
}

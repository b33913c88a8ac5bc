import type { Position, Reporter } from '../model/diagnostic.js';
import type { Venues, VenueStyle } from '../model/venues.js';
import { parseColor } from './colors.js';
import { checkLink } from './links.js';
import { suggest } from './suggest.js';

const KEYS = ['color', 'url'];
const MAX_URL = 2000;

/** Where the YAML node at a path starts; with `key`, where its key is written. */
type Locate = (path: (string | number)[], key?: boolean) => Position | undefined;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An untrusted value quoted for a message, cut short. */
const quoted = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
const kind = (v: unknown): string => (v === null ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `the ${typeof v} ${quoted(String(v))}`);

/**
 * Venue styles from a `venues:` map (the profile's own, or an al-folio `_data/venues.yml`): `abbr:
 * {color, url}`. Untrusted: a colour must be `#rgb`, `#rrggbb` or a CSS colour name, a link must be
 * https:; anything else is a warning at its line and is left out (the badge keeps the theme's look).
 */
export function checkVenues(data: unknown, locate: Locate, file: string, report: Reporter): Venues {
  const out = new Map<string, VenueStyle>();
  if (data === null || data === undefined) return out;
  if (!isMap(data)) {
    report.warn(file, locate([]), { code: 'venues/schema', message: `expected a map from venue abbreviations to {color, url}, found ${kind(data)}; no venue is styled` });
    return out;
  }
  for (const [abbr, value] of Object.entries(data)) {
    const warn = (p: string[], code: string, message: string, hint?: string): void =>
      report.warn(file, locate([abbr, ...p], code === 'venues/unknown-key') ?? locate([]), { code, message: `venue ${quoted(abbr)}: ${message}`, hint });
    if (!isMap(value)) {
      warn([], 'venues/schema', `expected a map with color and/or url, found ${kind(value)}`);
      continue;
    }
    const style: VenueStyle = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'color') {
        const color = typeof v === 'string' ? parseColor(v) : undefined;
        if (color) style.color = color;
        else if (v === null) warn([key], 'venues/bad-color', 'color is empty; the badge keeps the theme\'s colours', 'In YAML an unquoted # starts a comment: write color: "#00369f".');
        else warn([key], 'venues/bad-color', `color ${typeof v === 'string' ? quoted(v) : `is ${kind(v)}, which`} is not #rgb, #rrggbb or a CSS colour name; the badge keeps the theme's colours`);
      } else if (key === 'url') {
        const problem = urlProblem(v);
        if (problem) warn([key], 'venues/bad-url', `url ${problem}; the badge is not a link`);
        else style.url = (v as string).trim();
      } else {
        const guess = suggest(key, KEYS);
        warn([key], 'venues/unknown-key', `unknown key ${quoted(key)}${guess ? `; did you mean "${guess}"?` : ''}`, 'A venue has color and url.');
      }
    }
    if (style.color || style.url) out.set(abbr, style);
  }
  return out;
}

/** Why a venue's url is not used, or undefined: only public https: pages, as al-folio's badges link. */
function urlProblem(v: unknown): string | undefined {
  if (typeof v !== 'string') return `is ${kind(v)}, not an https:// link`;
  const u = v.trim();
  if (u.length > MAX_URL) return `is over ${MAX_URL} characters`;
  if (!/^https:\/\//i.test(u)) return `${quoted(u)} is not an https:// link${/^http:/i.test(u) ? ' (only https: links are used)' : ''}`;
  const bad = checkLink(u);
  if (bad) return `${quoted(u)}: ${bad}`;
  try {
    if (!new URL(u).hostname) return `${quoted(u)} has no host`;
  } catch {
    return `${quoted(u)} is not a valid URL`;
  }
  return undefined;
}

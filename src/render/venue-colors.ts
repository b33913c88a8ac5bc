import type { Badge, Publication } from '../model/publication.js';
import { safeHref } from '../validate/links.js';
import type { PublicationView } from './view-types.js';

/** Checked again here, for library callers that hand in publications of their own: only this reaches the CSS. */
const HEX = /^#[0-9a-f]{6}$/;

/**
 * The class that gives a badge its venue colours: `venue-00369f-ffffff`. The colours go into the
 * page's own `<style>` (venueColorRules), not into a `style` attribute, so the page needs no
 * `'unsafe-inline'` for style attributes under a Content-Security-Policy.
 */
export function venueColorClass(b: Badge): string | null {
  return b.color && b.textColor && HEX.test(b.color) && HEX.test(b.textColor) ? `venue-${b.color.slice(1)}-${b.textColor.slice(1)}` : null;
}

/** The badge as the templates see it (THEMES.md). */
export function badgeView(b: Badge): NonNullable<PublicationView['badge']> {
  const colorClass = venueColorClass(b);
  const url = b.url && /^https:\/\//i.test(b.url) ? safeHref(b.url) : undefined;
  return {
    label: b.label,
    award: b.award ?? null,
    color: colorClass ? b.color! : null,
    textColor: colorClass ? b.textColor! : null,
    colorClass,
    url: url ?? null,
  };
}

/**
 * One CSS rule per badge colour the page shows, sorted (same page, same bytes): each sets the
 * custom properties `--venue-bg` and `--venue-fg` that the themes' badge rules read.
 */
export function venueColorRules(pubs: Iterable<Publication>): string {
  const rules = new Map<string, string>();
  for (const p of pubs) {
    const c = p.badge && venueColorClass(p.badge);
    if (c) rules.set(c, `.${c}{--venue-bg:${p.badge!.color};--venue-fg:${p.badge!.textColor}}`);
  }
  return [...rules.keys()].sort().map((k) => rules.get(k)).join('\n');
}

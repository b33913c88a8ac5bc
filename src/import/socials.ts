import type { ProfileInput } from '../model/profile.js';

type Link = NonNullable<ProfileInput['links']>[number];

/** al-folio social keys (in `_data/socials.yml` or `_config.yml`) the profile has a link for: label, address, icon. */
const SOCIALS: Record<string, (v: string) => Link> = {
  email: (v) => ({ label: 'Email', url: `mailto:${v}`, icon: 'email' }),
  scholar_userid: (v) => ({ label: 'Google Scholar', url: `https://scholar.google.com/citations?user=${encodeURIComponent(v)}`, icon: 'scholar' }),
  orcid_id: (v) => ({ label: 'ORCID', url: `https://orcid.org/${encodeURIComponent(v)}`, icon: 'orcid' }),
  github_username: (v) => ({ label: 'GitHub', url: `https://github.com/${encodeURIComponent(v)}`, icon: 'github' }),
  linkedin_username: (v) => ({ label: 'LinkedIn', url: `https://www.linkedin.com/in/${encodeURIComponent(v)}`, icon: 'linkedin' }),
  twitter_username: (v) => ({ label: 'Twitter', url: `https://twitter.com/${encodeURIComponent(v)}`, icon: 'twitter' }),
  x_username: (v) => ({ label: 'X', url: `https://x.com/${encodeURIComponent(v)}`, icon: 'twitter' }),
  research_gate_profile: (v) => ({ label: 'ResearchGate', url: `https://www.researchgate.net/profile/${encodeURIComponent(v)}`, icon: 'link' }),
  semanticscholar_id: (v) => ({ label: 'Semantic Scholar', url: `https://www.semanticscholar.org/author/${encodeURIComponent(v)}`, icon: 'link' }),
  gitlab_username: (v) => ({ label: 'GitLab', url: `https://gitlab.com/${encodeURIComponent(v)}`, icon: 'link' }),
  dblp_url: (v) => ({ label: 'DBLP', url: v, icon: 'link' }),
  work_url: (v) => ({ label: 'Work', url: v, icon: 'home' }),
  blogger_url: (v) => ({ label: 'Blog', url: v, icon: 'link' }),
  bluesky_url: (v) => ({ label: 'Bluesky', url: v, icon: 'link' }),
  mastodon_username: (v) => ({ label: 'Mastodon', url: `https://${v.replace(/^https?:\/\//, '')}`, icon: 'link' }),
  youtube_id: (v) => ({ label: 'YouTube', url: `https://www.youtube.com/@${encodeURIComponent(v)}`, icon: 'link' }),
  wikipedia_id: (v) => ({ label: 'Wikipedia', url: `https://en.wikipedia.org/wiki/${encodeURIComponent(v)}`, icon: 'link' }),
  inspirehep_id: (v) => ({ label: 'INSPIRE-HEP', url: `https://inspirehep.net/authors/${encodeURIComponent(v)}`, icon: 'link' }),
  scopus_id: (v) => ({ label: 'Scopus', url: `https://www.scopus.com/authid/detail.uri?authorId=${encodeURIComponent(v)}`, icon: 'link' }),
  kaggle_id: (v) => ({ label: 'Kaggle', url: `https://www.kaggle.com/${encodeURIComponent(v)}`, icon: 'link' }),
  stackoverflow_id: (v) => ({ label: 'Stack Overflow', url: `https://stackoverflow.com/users/${encodeURIComponent(v)}`, icon: 'link' }),
};

/** Keys of al-folio's config that are switches, not socials. */
const NOT_SOCIAL = new Set(['rss_icon', 'enable_social', 'social']);

/**
 * One al-folio social as a profile link: a known key, or a custom one with `url` (and `title`).
 * A string says why it cannot be carried.
 */
export function socialLink(key: string, value: unknown): Link | string | undefined {
  if (NOT_SOCIAL.has(key) || value === false || value === null || value === undefined || value === '') return undefined;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (typeof o.url !== 'string') return 'a custom social without url';
    if (!/^https:/i.test(o.url)) return 'not an https: address';
    return { label: typeof o.title === 'string' && o.title.trim() ? o.title.trim() : key, url: o.url, icon: 'link' };
  }
  const make = SOCIALS[key];
  if (!make) return `no profile link for "${key}"`;
  if (typeof value !== 'string' && typeof value !== 'number') return 'not a single value';
  let v = String(value).trim();
  if (key === 'email') v = v.replace(/\[at\]/gi, '@').split('@').map((p) => p.trim()).join('@').split(/\s/)[0];
  const link = make(v);
  if (!/^(https:|mailto:)/i.test(link.url)) return 'not an https: address';
  return link;
}

/** Whether a config key is one of al-folio's social keys (they sat in `_config.yml` before `_data/socials.yml`). */
export const isSocialKey = (key: string): boolean => key in SOCIALS && key !== 'email';

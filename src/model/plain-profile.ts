import type { Profile } from './profile.js';

/**
 * The profile of a .bib built without a profile.yaml: its name, and every default of the schema
 * (model/profile.ts), written out here so that such a build does not load the schema's library
 * (~0.1 s). A test keeps it equal to what the schema gives for `{ name }`.
 */
export function plainProfile(name: string): Profile {
  return { name, links: [], max_authors: 10, lang: 'en', timestamp: false, search: false, people: undefined };
}

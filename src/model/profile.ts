import { z } from 'zod';
import { citationsSetting } from './citations-schema.js';

/** The profile.yaml schema. The JSON Schema in data/ is generated from this (npm run data). */
const link = z.strictObject({
  label: z.string().min(1).describe('Text of the link (also the accessible name of its icon)'),
  url: z.string().min(1).describe('https:// or mailto: address, or a path to a file of the site relative to this profile (copied beside the page)'),
  icon: z
    .enum(['github', 'scholar', 'email', 'orcid', 'twitter', 'linkedin', 'home', 'group', 'cv', 'link'])
    .optional()
    .describe('Built-in icon shown before the label'),
});

const yearRange = z.strictObject({ from: z.number().int().optional(), to: z.number().int().optional() });

const publicationFilter = z
  .strictObject({
    selected: z.boolean().optional().describe('Only entries with selected = {true}'),
    keywords: z.array(z.string()).optional().describe('Entries having any of these keywords'),
    exclude_keywords: z.array(z.string()).optional().describe('Leave out entries having any of these keywords'),
    types: z.array(z.string()).optional().describe('Entry types, e.g. [article, inproceedings]'),
    years: yearRange.optional(),
    keys: z.array(z.string()).optional().describe('These citation keys, in this order'),
  })
  .describe('Which entries the section shows; all conditions must hold');

const section = z.strictObject({
  title: z.string().min(1),
  id: z.string().regex(/^[a-z0-9-]+$/).optional().describe('Anchor id; derived from the title when absent'),
  intro: z.string().optional().describe('Markdown shown under the heading'),
  publications: z.union([z.literal('all'), publicationFilter]).optional(),
  markdown: z.string().optional().describe('Markdown body of a free section'),
  projects: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        url: z.string().optional().describe('https:// link of the project'),
        repo: z.string().optional().describe('owner/name or a GitHub URL: the stars badge'),
        description: z.string().optional().describe('Markdown'),
      }),
    )
    .optional()
    .describe('Projects (software, datasets, tutorials) with their GitHub stars'),
  group_by_year: z.boolean().optional(),
});

const venueStyle = z.strictObject({
  color: z.string().nullable().optional().describe('Badge background: "#rgb", "#rrggbb" (quoted: an unquoted # starts a YAML comment) or a CSS colour name; the text colour is chosen for contrast'),
  url: z.string().nullable().optional().describe('https:// page of the venue: the badge links to it'),
});

/** A co-author of `people:`, inline or in the file it names. */
export const personSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional().describe('Other spellings, initials, the name in native script'),
  url: z.string().optional().describe('https:// page their name links to'),
  orcid: z.string().regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/).optional().describe('ORCID iD; the link when there is no url'),
});

export const profileSchema = z.strictObject({
  bibliography: z.string().optional().describe('Path of the .bib file, relative to this profile'),
  name: z.string().min(1),
  native_name: z.string().optional().describe('Name in native script, shown beside the name'),
  position: z.string().optional(),
  affiliation: z.string().optional(),
  email: z.string().optional(),
  avatar: z.string().optional().describe('Image path relative to this profile'),
  links: z.array(link).default([]),
  bio: z.string().optional().describe('Markdown'),
  owner: z
    .union([z.string().min(1), z.array(z.string())])
    .optional()
    .describe('Your name as it appears in author lists: one, or a list (any format: "He, Zhenliang", "Z. He"; accents, case and ü/ue, ø/o, ß/ss, å/aa spellings are the same name); defaults to name'),
  people: z
    .union([z.string().min(1).describe('Path of a YAML file of co-authors, relative to this profile: a list in this format, or al-folio\'s _data/coauthors.yml'), z.array(personSchema)])
    .optional()
    .describe('Co-authors: their names in author lists link to their pages'),
  venues: z
    .union([z.string().min(1), z.record(z.string(), venueStyle.nullable())])
    .optional()
    .describe('Venue badge colours and links, as al-folio\'s _data/venues.yml: a map from a badge\'s venue label (the abbr, exact and case-sensitive) to {color, url}, or the path of such a YAML file relative to this profile'),
  author_marks: z.record(z.string(), z.string()).optional().describe('Legend for author marks, e.g. "*": corresponding author'),
  max_authors: z.number().int().min(1).default(10).describe('Authors shown before "and K more"'),
  description: z.string().optional().describe('Meta description; defaults to position and affiliation'),
  site_url: z.string().optional().describe('Public URL of the page, for Open Graph and the citation_pdf_url of paper pages'),
  lang: z.string().default('en'),
  labels: z.record(z.string(), z.string()).optional().describe('Override link labels by field, e.g. pdf: PDF'),
  timestamp: z.boolean().default(false).describe('Show a "last updated" date (from SOURCE_DATE_EPOCH)'),
  search: z.boolean().default(false).describe('A search box that filters publications by text, year or keyword, in the page'),
  paper_pages: z.boolean().optional().describe('Also write one page per shown entry, papers/<id>.html, with the citation_* meta tags Google Scholar reads; --paper-pages / --no-paper-pages override it'),
  citations: citationsSetting.optional(),
  sections: z.array(section).optional(),
});

export type ProfileInput = z.input<typeof profileSchema>;
/** profile.yaml as written: `people:` is a list, or the path of a file that holds one. */
export type ProfileFile = z.output<typeof profileSchema>;
export type PersonConfig = z.output<typeof personSchema>;
/** The profile the pipeline sees: a `people:` file already read into its list (load/site.ts). */
export type Profile = Omit<ProfileFile, 'people'> & { people?: PersonConfig[] };
export type SectionConfig = z.output<typeof section>;
export type PublicationFilter = z.output<typeof publicationFilter>;
export type ProjectConfig = NonNullable<SectionConfig['projects']>[number];

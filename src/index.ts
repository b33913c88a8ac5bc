/** scholar-page's library API: the CLI is a thin shell over these. */
export { build, validate, VERSION } from './pipeline.js';
export { upToDate } from './write/stamp.js';
export type { Options, BuildOptions, Result, BuildResult } from './pipeline.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export type { BadgeView, PageView, PublicationView, SectionView } from './render/view-model.js';
export { VIEW_VERSION } from './render/view-model.js';
export { profileSchema } from './model/profile.js';
export { init } from './init/scaffold.js';

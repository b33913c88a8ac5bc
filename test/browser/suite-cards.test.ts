/** The example in Chromium in the "cards" theme: the checks of theme-checks.ts. */
import { describe } from 'vitest';
import { examplePages } from './example-pages.js';
import { hasChromium } from './harness.js';
import { themeChecks } from './theme-checks.js';

describe.skipIf(!hasChromium)('the example in Chromium: cards', () => {
  themeChecks('cards', examplePages(['cards']));
});

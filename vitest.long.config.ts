import { defineConfig } from 'vitest/config';
import { LONG } from './vitest.config.js';

/** The long cases alone (see LONG in vitest.config.ts): `npm run test:long`. */
export default defineConfig({
  test: {
    include: LONG,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});

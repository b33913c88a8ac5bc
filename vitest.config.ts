import { defineConfig } from 'vitest/config';

/**
 * The long cases, run by `npm run test:long` (vitest.long.config.ts) and by .ci/run, not by
 * `npm test`: the package installed from its tarball, a hundred killed builds, the real-world
 * corpus through both LaTeX paths, the fuzz suite (with its 100,000-entry file), and the Chromium
 * suite in the minimal and cards themes.
 */
export const LONG = [
  // The browser suite in the other two built-in themes: npm test runs it in the default theme
  // (suite-default, suite-broken); every theme's own CSS and partials are checked here.
  'test/browser/suite-minimal.test.ts',
  'test/browser/suite-cards.test.ts',
  'test/cli/package.test.ts',
  'test/write/atomic-kill.test.ts',
  'test/load/latex/fast-corpus.test.ts',
  'test/redos.test.ts',
  'test/fuzz/**/*.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...LONG],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and process tests start real programs; two cores, so keep parallelism modest.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    // The test files share their workers' module graph instead of each loading src/ and its
    // dependencies again: 255 tests of load/render/validate/model took 39–41 s instead of
    // 110–123 s (in turns, on the busy machine). No test mocks modules or changes globals that
    // another file reads (none uses vi.mock, vi.stubEnv, fake timers or chdir; the one that sets environment variables puts them back, test/enrich/tls-server.ts), so sharing is safe.
    isolate: false,
  },
});

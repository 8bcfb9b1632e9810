import { defineConfig } from 'vitest/config';

/** The Firefox smoke (e2e-firefox/): after the Playwright run of `npm run test:e2e`, against the production build. */
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.smoke.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});

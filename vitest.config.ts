import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // browser tests run on their own: npm run test:e2e
    exclude: ['test/e2e/**', 'node_modules/**'],
    // checks INVENTAR_TEST_DIALECTS and prints which databases the run uses
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

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
    // vitest's default is one fork less than the cores: one fork on CI's 2-core
    // machine, idle while PostgreSQL, a child CLI or a timer works. Three forks
    // keep both cores busy: the suite on both databases took 336 s instead of
    // about 1,000 s (npx vitest run --maxWorkers=3, quiet machine, 2026-12-08).
    maxWorkers: 3,
  },
});

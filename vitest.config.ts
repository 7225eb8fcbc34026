import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One test file per core. Vitest's default keeps one core free (cores - 1), which on CI's two
    // cores runs the files one at a time with the second core mostly idle (measured: a single
    // worker used 1.06 cores on test/analytics).
    maxWorkers: availableParallelism(),
    globalSetup: ['test/support/global-setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PDF renders are CPU-bound; two cores here.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // no startup snapshot built in the background by a CLI a test runs (test/snapshot builds its own)
    env: { GONGKAI_SNAPSHOT: '0' },
  },
});

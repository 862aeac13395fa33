import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PDF renders are CPU-bound; two cores here, both used (no test depends on speed, so sharing
    // the cores cannot fail one; it only halves the wall time)
    pool: 'forks',
    maxWorkers: 2,
    // a limit, not a speed check: on a loaded 2-core machine a full render takes several times
    // its quiet-machine time, and no test may fail for that (speed lives in `npm run bench`)
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // no startup snapshot built in the background by a CLI a test runs (test/snapshot builds its own)
    env: { GONGKAI_SNAPSHOT: '0' },
  },
});

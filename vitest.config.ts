import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'apps/web/test/**/*.test.tsx',
    ],
    // Database suites open embedded PostgreSQL and sign users in with argon2id (slow on purpose); on a
    // 2-core CI machine running files side by side their set-up can take tens of seconds. Timeouts are
    // for hangs, not speed: speed is measured by npm run bench.
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});

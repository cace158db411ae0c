import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    // The limits only catch a hang: the slowest test takes about 20 s on an idle 2-core
    // machine, so a busy machine has room to be several times slower without failing a test.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Every test file runs in its own process; on two cores two files run at once (much of a
    // file's time is spent in Chromium, PostgreSQL or a HiGHS worker thread).
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
  },
});

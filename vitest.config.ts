import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    // The limits only catch a hang: the slowest test takes about 20 s on an idle 2-core
    // machine, so a busy machine has room to be several times slower without failing a test.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two processes run the test files, two at once on two cores (much of a file's time is
    // spent in Chromium, PostgreSQL or a HiGHS worker thread). Each process runs one file after
    // another and keeps the modules it loaded: a fresh process for every file loaded neuvo
    // again each time (2–3 s of a file's time) and ran it cold. Each file still makes its own
    // database, app, browser and servers and closes them (no test reads another file's state;
    // neuvo keeps no state of its own between them but caches, the HiGHS workers and the
    // password cost, which test/setup.ts sets again before each file).
    isolate: false,
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
  },
});

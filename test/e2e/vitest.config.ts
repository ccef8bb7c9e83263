// End-to-end tests: the built extension in real Chromium and real Firefox. One file at a
// time, because each file starts browsers and the CI machine has two cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    environment: 'node',
  },
});

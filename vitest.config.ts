import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits on the app's state in the browser tests; its default second is too short on a busy machine.
    // It still throws when the state never comes.
    expect: { poll: { timeout: 20_000 } },
    // e2e tests share one vite server and one Chromium; run files one at a time to stay within 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});

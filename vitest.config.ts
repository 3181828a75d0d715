import { defineConfig } from 'vitest/config';

// Unit tests only: Playwright specs under tests/e2e run in Debian's Chromium via `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * Tests that must not run beside other test files; they run after the rest, one file at a time.
 * - Assertions about time or memory (pacing within 1.2x of the rate limit's minimum, the
 *   interrupt grace period, peak heap): no other file may compete for the CPUs.
 * - The README's Try-it commands: in a fresh checkout the first `npx --no-install cf-oauth`
 *   makes npm run the package's `prepare` script, which rebuilds dist/ under whatever CLI
 *   another file runs at that moment (seen as "Cannot find module dist/main.js").
 */
const ALONE = [
  'test/e2e/batch-pacing.test.ts',
  'test/e2e/batch-interrupt.test.ts',
  'test/e2e/interrupt.test.ts',
  'test/e2e/batch-memory.test.ts',
  'test/e2e/try-it.test.ts',
];

export default defineConfig({
  define: { CF_OAUTH_VERSION: JSON.stringify(pkg.version) },
  test: {
    setupFiles: ['test/setup/no-secrets.ts'],
    globalSetup: ['test/setup/pki.ts'],
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: ALONE,
          // One file per CPU: most files wait on child processes, the emulator or timers.
          // Vitest's default leaves a CPU for itself, which on a 2-CPU machine runs the files
          // one at a time.
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  define: { CF_OAUTH_VERSION: JSON.stringify(pkg.version) },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/no-secrets.ts'],
    globalSetup: ['test/setup/pki.ts'],
    testTimeout: 20_000,
    // One file per CPU: most files wait on child processes, the emulator or timers. Vitest's
    // default leaves a CPU for itself, which on a 2-CPU machine runs the files one at a time.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

import { readFileSync } from 'node:fs';

// Replaced at build time (esbuild `define`) and in tests (vitest `define`); run from source
// (`npx tsx src/main.ts`), it is undefined and the version comes from package.json.
declare const CF_OAUTH_VERSION: string | undefined;

export const VERSION = typeof CF_OAUTH_VERSION === 'string' ? CF_OAUTH_VERSION : sourceVersion();

function sourceVersion(): string {
  const pkg = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(pkg) as { version: string }).version;
}

// Bundles src/ into dist/ with code splitting, so `--help` loads only the entry chunk and each
// command pulls in its dependencies (cosmiconfig, node-fetch, ora, chalk) when it runs.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  // cosmiconfig's TypeScript loader is never used (JSON and YAML only).
  external: ['typescript'],
  define: { CF_OAUTH_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: {
    js: "import{createRequire as __cfoauthRequire}from'node:module';const require=__cfoauthRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// Bundles src/ into dist/ with code splitting, so start-up loads only the entry chunk and each
// command pulls in its dependencies (cosmiconfig, node-fetch, ora, chalk) when it runs; the
// chunks are written as CommonJS. Then records every `--help`/`--version` output of the real CLI
// for bin/cf-oauth.js to serve, and V8's code cache of each command for bin/code-cache.js to load.
// bench/README.md says what each measure below bought.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, transform } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const DIST = new URL('../dist/', import.meta.url);
/** Which packages each chunk holds: test/e2e/startup.test.ts checks what a run loads with it. */
const CHUNK_MANIFEST = new URL('chunk-packages.json', DIST);
const TARGET = 'node20.19';

/**
 * Builtins that a dependency imports at its top but needs only on paths cf-oauth seldom takes.
 * Each becomes a stand-in that requires the real module on first property access, so the
 * dependency behaves the same and the builtin's load cost is paid only when it is used.
 */
const LAZY_BUILTINS = [
  // node-fetch uses https (which loads tls and crypto) only for https: URLs…
  { builtin: 'node:https', importer: /[\\/]node_modules[\\/]node-fetch[\\/]/ },
  // …and zlib only for compressed responses.
  { builtin: 'node:zlib', importer: /[\\/]node_modules[\\/]node-fetch[\\/]/ },
  // commander spawns only stand-alone executable subcommands, which cf-oauth does not have.
  { builtin: 'node:child_process', importer: /[\\/]node_modules[\\/]commander[\\/]/ },
];

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => {
      if (args.namespace === 'lazy-builtin') return undefined;
      const lazy = LAZY_BUILTINS.some(
        ({ builtin, importer }) => builtin === args.path && importer.test(args.importer),
      );
      if (!lazy) return undefined;
      // An ES import needs an ES module: esbuild's CommonJS interop would enumerate the keys.
      const format = args.kind === 'require-call' ? 'cjs' : 'esm';
      return { path: `${args.path}#${format}`, namespace: 'lazy-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const [builtin, format] = args.path.split('#');
      const contents = `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(builtin)}));
const lazy = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
${format === 'cjs' ? 'module.exports = lazy;' : 'export default lazy;'}`;
      return { contents, loader: 'js', resolveDir: process.cwd() };
    });
  },
};

/**
 * fetch-blob's streams.cjs installs a web-streams polyfill when `globalThis.ReadableStream` is
 * missing and a `Blob#stream()` when Node lacks one. Node 20.19+ (our engines) has both, so on
 * every supported Node it does nothing except read `globalThis.ReadableStream`, which makes Node
 * load its web-streams implementation; and esbuild bundles the polyfill it never runs.
 * The replacement checks for both without touching the lazy global (`in` calls no getter).
 */
const fetchBlobStreams = {
  name: 'fetch-blob-streams',
  setup(build) {
    build.onResolve({ filter: /^\.\/streams\.cjs$/ }, (args) =>
      /[\\/]node_modules[\\/]fetch-blob[\\/]/.test(args.importer)
        ? { path: 'fetch-blob-streams', namespace: 'fetch-blob-streams' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'fetch-blob-streams' }, () => ({
      contents: `if (!('ReadableStream' in globalThis) || !require('node:buffer').Blob.prototype.stream) {
  throw new Error('cf-oauth needs Node.js 20.19 or later');
}`,
      loader: 'js',
    }));
  },
};

/**
 * fetch-blob's from.js (helpers that make Blobs from files, which node-fetch re-exports and
 * cf-oauth never calls) runs `const { stat } = fs` on `promises` from node:fs when it loads:
 * that getter loads Node's fs/promises, in every run that sends a request. The statement
 * becomes a wrapper that reaches `fs.promises` only when called; the build fails if it is gone.
 */
const FETCH_BLOB_STAT = 'const { stat } = fs\n';
const fetchBlobFrom = {
  name: 'fetch-blob-from',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]fetch-blob[\\/]from\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(FETCH_BLOB_STAT)) {
        throw new Error(`${args.path} changed: update fetchBlobFrom in scripts/build.mjs`);
      }
      const lazyStat = 'const stat = (...args) => fs.stat(...args)\n';
      return { contents: source.replace(FETCH_BLOB_STAT, lazyStat), loader: 'js' };
    });
  },
};

/**
 * esbuild splits code only into ES modules; each chunk is then turned into CommonJS (esbuild's
 * own transform), since Node loads CommonJS faster: no ES module loader to start, and about half
 * the time per module (bench/README.md has the figures). Live bindings
 * between chunks survive as getters, and each `import()` of a chunk becomes a `require()`.
 * A builtin named in an `import { … }` is a plain `require()`; a default or namespace import
 * gets esbuild's interop copy of its exports (getters: no lazy export is read).
 */
async function toCommonJs(chunk) {
  return transform(chunk, {
    format: 'cjs',
    platform: 'node',
    target: TARGET,
    minify: true,
    supported: { 'dynamic-import': false },
    // Composed with the bundle's inline map: the result maps to src/ (see writeChunks).
    sourcemap: 'external',
    logLevel: 'warning',
  });
}

rmSync(DIST, { recursive: true, force: true });
const { metafile, outputFiles } = await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: TARGET,
  minify: true,
  metafile: true,
  write: false,
  // Read by toCommonJs; the maps it writes name src/ files without their contents.
  sourcemap: 'inline',
  sourcesContent: false,
  // cosmiconfig's TypeScript loader is never used (JSON and YAML only).
  external: ['typescript'],
  // Types only: its runtime module re-exports commander's classes, so the bundle uses commander's.
  alias: { '@commander-js/extra-typings': 'commander' },
  plugins: [lazyBuiltins, fetchBlobStreams, fetchBlobFrom],
  define: { CF_OAUTH_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
await writeChunks(outputFiles);
writeChunkManifest(metafile);
await writeHelpSnapshot();
await recordCodeCache();

/**
 * Writes every chunk as CommonJS, with a package.json that tells Node they are, and its source
 * map beside it (not packed: see `files` in package.json). Node reads a map only when source
 * maps are enabled, as CF_OAUTH_DEBUG=1 does (bin/cf-oauth.js), so they cost a run nothing.
 */
async function writeChunks(files) {
  mkdirSync(DIST, { recursive: true });
  writeFileSync(new URL('package.json', DIST), '{ "type": "commonjs" }\n');
  await Promise.all(
    files
      .filter((file) => !file.path.endsWith('.map'))
      .map(async (file) => {
        const { code, map } = await toCommonJs(file.text);
        writeFileSync(file.path, `${code}//# sourceMappingURL=${basename(file.path)}.map\n`);
        writeFileSync(`${file.path}.map`, map);
      }),
  );
}

function writeChunkManifest({ outputs }) {
  const manifest = {};
  for (const [file, output] of Object.entries(outputs)) {
    const packages = Object.keys(output.inputs).map(
      (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'cf-oauth',
    );
    manifest[file.replace(/^dist\//, '')] = [...new Set(packages)].sort();
  }
  writeFileSync(CHUNK_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * dist/help.json: argv (as JSON) → what the real CLI prints on stdout and its exit code, for every
 * help and version invocation of every command. Recorded by running dist/main.js (commander and
 * all) with stdout piped, so the text is wrapped at 80 columns as commander does for a
 * non-terminal; bin/cf-oauth.js serves it only then. commander's help depends on nothing else
 * but the program and whether colours are on: an invocation is recorded only when it prints the
 * same with colours forced on and off, and nothing on stderr.
 */
async function writeHelpSnapshot() {
  const run = limit(availableParallelism(), runMain);
  const commands = await commandPaths(run, []);
  const invocations = [['--help'], ['-h'], ['help'], ['--version'], ['-V']];
  for (const path of commands) {
    invocations.push([...path, '--help'], [...path, '-h']);
    const [parent, name] = [path.slice(0, -1), path.at(-1)];
    invocations.push([...parent, 'help', name]);
  }
  const outputs = await Promise.all(invocations.map((argv) => stableOutput(run, argv)));
  const snapshot = {};
  invocations.forEach((argv, index) => {
    if (outputs[index] !== undefined) snapshot[JSON.stringify(argv)] = outputs[index];
  });
  writeFileSync(new URL('help.json', DIST), `${JSON.stringify(snapshot)}\n`);
}

/** Every command and subcommand, as argv prefixes, read from the "Commands:" sections. */
async function commandPaths(run, path) {
  const { stdout } = await run([...path, '--help']);
  const names = listedCommands(stdout).filter((name) => name !== 'help');
  const nested = await Promise.all(names.map((name) => commandPaths(run, [...path, name])));
  return names.flatMap((name, index) => [[...path, name], ...nested[index]]);
}

function listedCommands(help) {
  const section = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([^\s[<]+)/.exec(line)?.[1])
    .filter((name) => name !== undefined);
}

async function stableOutput(run, argv) {
  const [forced, plain] = await Promise.all([
    run(argv, { FORCE_COLOR: '1' }),
    run(argv, { NO_COLOR: '1' }),
  ]);
  const same = forced.stdout === plain.stdout && forced.code === plain.code;
  if (!same || forced.stderr !== '' || plain.stderr !== '') return undefined;
  return { stdout: plain.stdout, exitCode: plain.code };
}

async function runMain(argv, env = {}) {
  const main = fileURLToPath(new URL('main.js', DIST));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, ...argv], {
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/**
 * dist/code-cache/: record-code-cache.cjs runs each command below, as a user would, against a
 * loopback stand-in for the API, one after the other, and saves the code V8 compiled for them
 * (see bin/code-cache.js): each chunk's cache covers every command here that loads it. Each
 * run's output is checked, so a build whose command fails is not used to make the cache.
 */
async function recordCodeCache() {
  const id = 'c0de0cac4e0000000000000000000000';
  const client = {
    client_id: id,
    client_name: 'Code cache',
    redirect_uris: ['https://cache.example.com/callback'],
    scopes: ['account.read'],
    grant_types: ['authorization_code'],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
  const secret = 'code-cache-recording-secret';
  /** The API's answer to each request the commands send, by method and last path segment. */
  const resultFor = (method, last) => {
    if (method === 'DELETE') return { id };
    if (last === 'rotate_secret') return { client_secret: secret };
    if (method === 'POST') return { ...client, client_secret: secret };
    if (last === 'oauth_clients') return [client];
    return client;
  };
  const server = createServer((request, response) => {
    request.resume();
    const last = new URL(request.url, 'http://stand-in').pathname.split('/').at(-1);
    const result = resultFor(request.method, last);
    const info = Array.isArray(result)
      ? { result_info: { page: 1, per_page: 20, count: 1, total_count: 1, total_pages: 1 } }
      : {};
    const answer = JSON.stringify({ success: true, errors: [], messages: [], result, ...info });
    response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const place = mkdtempSync(join(tmpdir(), 'cf-oauth-build-'));
  const fields = ['--name', 'Code cache', '--redirect-uri', 'https://cache.example.com/callback'];
  const commands = [
    { argv: ['delete', id], prints: `${id}\n` },
    { argv: ['create', ...fields, '--scope', 'account.read', '--json'], prints: secret },
    { argv: ['rotate-secret', id, '--json'], prints: secret },
    { argv: ['get', id], prints: id },
    { argv: ['list'], prints: id },
    { argv: ['update', id, '--name', 'Code cache'], prints: id },
  ];
  try {
    for (const { argv, prints } of commands) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [fileURLToPath(new URL('record-code-cache.cjs', import.meta.url)), ...argv],
        {
          cwd: place,
          env: {
            PATH: process.env.PATH,
            HOME: place,
            CLOUDFLARE_API_TOKEN: 'code-cache-recording',
            CLOUDFLARE_ACCOUNT_ID: '0'.repeat(32),
            CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${server.address().port}/client/v4`,
          },
        },
      );
      if (!stdout.includes(prints)) {
        throw new Error(`code cache recording of ${argv[0]} printed ${stdout}`);
      }
    }
  } finally {
    server.close();
    rmSync(place, { recursive: true, force: true });
  }
}

/** `task` with at most `concurrency` calls running at once. */
function limit(concurrency, task) {
  let running = 0;
  const waiting = [];
  return async (...args) => {
    // A call that finishes hands its slot straight to the next waiting one.
    if (running < concurrency) running++;
    else await new Promise((resolve) => waiting.push(resolve));
    try {
      return await task(...args);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * Start-up cost is measured (npm run bench), so what a run loads is part of its behaviour: the
 * built bin, with a preload that records which dist chunks ran and which Node builtins loaded.
 * Also: `--help` served from the build's snapshot is byte for byte what the full CLI prints.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CliRun, makeHome, runBin, type SpawnOptions } from '../helpers/cli.js';
import { ACCOUNT, expectNoSecrets, TOKEN, useEmulator } from '../helpers/fixture.js';

// Plain HTTP on loopback: what a run loads besides https/tls is the question here (the
// https-only modules are counted apart, below).
const api = useEmulator({ scheme: 'http' });
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../helpers/record-loads.cjs', import.meta.url));

interface Recorded {
  exitCode: number;
  stdout: string;
}
const snapshot = (): Record<string, Recorded> =>
  JSON.parse(readFileSync(join(DIST, 'help.json'), 'utf8'));
/** Chunk file name → the packages bundled into it ("cf-oauth" for our own code). */
const chunkPackages = (): Record<string, string[]> =>
  JSON.parse(readFileSync(join(DIST, 'chunk-packages.json'), 'utf8'));

interface Loads {
  /** Packages whose code ran, from the chunks that ran. */
  packages: Set<string>;
  chunks: string[];
  /** The chunks compiled from a code cache that V8 accepted. */
  cached: string[];
  builtins: string[];
}

interface RecordOptions extends SpawnOptions {
  /** Make stdout pass for a terminal. */
  fakeTerminal?: boolean;
}

/** Runs the built bin with the recording preload. */
async function runRecorded(
  argv: string[],
  options: RecordOptions = {},
): Promise<CliRun & { loads: Loads }> {
  const file = join(mkdtempSync(join(tmpdir(), 'cf-oauth-loads-')), 'loads.json');
  const run = await runBin(argv, {
    ...options,
    nodeFlags: ['--require', PRELOAD, ...(options.nodeFlags ?? [])],
    env: {
      ...options.env,
      CF_TEST_LOADS_FILE: file,
      ...(options.fakeTerminal ? { CF_TEST_FAKE_TERMINAL: '1' } : {}),
    },
  });
  const recorded: { chunks: string[]; cached: string[]; builtins: string[] } = JSON.parse(
    readFileSync(file, 'utf8'),
  );
  const dist = options.bin ? join(dirname(options.bin), '..', 'dist', sep) : DIST;
  const inDist = (files: string[]) =>
    files
      .filter((path) => path.startsWith(dist) && path.endsWith('.js'))
      .map((path) => path.slice(dist.length))
      .sort();
  const manifest = chunkPackages();
  const chunks = inDist(recorded.chunks);
  const packages = new Set(chunks.flatMap((chunk) => manifest[chunk] ?? [`unknown:${chunk}`]));
  const cached = inDist(recorded.cached);
  return { ...run, loads: { packages, chunks, cached, builtins: recorded.builtins } };
}

/** The full CLI, as on a terminal: the bin takes its usual path, not the recorded help. */
async function runFullCli(argv: string[]): Promise<CliRun> {
  const { code, stdout, stderr, loads } = await runRecorded(argv, { fakeTerminal: true });
  expect(loads.chunks).toContain('main.js');
  return { code, stdout, stderr };
}

/** The commands `--help` lists, as commander prints them under "Commands:". */
function listedCommands(help: string): string[] {
  const section = /\nCommands:\n([\s\S]*?)\n\n/.exec(help)?.[1] ?? '';
  const names = [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1] ?? '');
  return names.filter((name) => name !== 'help');
}

const HEAVY_PACKAGES = ['node-fetch', 'cosmiconfig', 'ora', 'chalk'];
/**
 * Loaded only when used: https/tls for https: URLs, zlib for compressed answers, fs/promises to
 * read an rc file, and so on.
 */
const LAZY_BUILTINS = [
  'https',
  'tls',
  'zlib',
  'readline/promises',
  'child_process',
  'internal/fs/promises',
];

describe('--help and --version from the build snapshot', () => {
  it('records help for the program and every command it lists, in every form', async () => {
    const full = await runFullCli(['--help']);
    const commands = listedCommands(full.stdout);
    expect(commands).toContain('delete');

    const expected = [['--help'], ['-h'], ['help'], ['--version'], ['-V']];
    for (const command of commands) {
      expected.push([command, '--help'], [command, '-h'], ['help', command]);
    }
    expect(Object.keys(snapshot()).sort()).toEqual(
      expected.map((argv) => JSON.stringify(argv)).sort(),
    );
  });

  it('prints exactly what the full CLI prints, with the same exit code', async () => {
    const invocations = Object.keys(snapshot()).map((key): string[] => JSON.parse(key));
    const runs = await Promise.all(
      invocations.map(async (argv) => ({
        argv,
        served: await runRecorded(argv),
        full: await runFullCli(argv),
      })),
    );
    for (const { argv, served, full } of runs) {
      expect({ argv, code: served.code, stdout: served.stdout, stderr: served.stderr }).toEqual({
        argv,
        ...full,
      });
      // Served without running any of the CLI's code.
      expect(served.loads.chunks).toEqual([]);
    }
    expect(runs.find((run) => run.argv[0] === '--version')?.served.stdout).toBe('0.1.0\n');
  });

  it('runs the full CLI on a terminal, where commander wraps help to its width', async () => {
    const run = await runRecorded(['--help'], { fakeTerminal: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(snapshot()['["--help"]']?.stdout);
    expect(run.loads.chunks).toContain('main.js');
    expect(run.loads.packages).toEqual(new Set(['cf-oauth', 'commander']));
    for (const builtin of LAZY_BUILTINS) expect(run.loads.builtins).not.toContain(builtin);
  });

  it('runs the full CLI for anything the snapshot does not hold', async () => {
    const run = await runRecorded(['delete', 'abc', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(snapshot()['["delete","--help"]']?.stdout);
    expect(run.loads.chunks).toContain('main.js');
  });
});

describe('what a delete loads', () => {
  it('without an rc file, a terminal or colour: node-fetch, and nothing else heavy', async () => {
    const id = api.newClient();
    const run = await runRecorded(['delete', id, '--account', ACCOUNT], { env: api.env });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(api.emulator.requests).toHaveLength(1);
    expect(run.loads.packages).toContain('node-fetch');
    for (const name of ['cosmiconfig', 'ora', 'chalk'])
      expect(run.loads.packages).not.toContain(name);
    for (const builtin of LAZY_BUILTINS) expect(run.loads.builtins).not.toContain(builtin);
    expectNoSecrets(run.stdout, run.stderr);
  });

  it('loads cosmiconfig when an rc file exists, to read it', async () => {
    const id = api.newClient();
    const { home, cwd } = makeHome();
    writeFileSync(join(home, '.cfoauthrc'), JSON.stringify({ apiToken: TOKEN }), { mode: 0o600 });
    const env = { CLOUDFLARE_API_BASE_URL: api.emulator.url };
    const run = await runRecorded(['delete', id, '--account', ACCOUNT], { env, home, cwd });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(api.emulator.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(run.loads.packages).toContain('cosmiconfig');
    expectNoSecrets(run.stdout, run.stderr);
  });

  it('loads no node-fetch when nothing is sent', async () => {
    const run = await runRecorded(['delete', api.newClient(), '--account', 'not-an-account'], {
      env: api.env,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*account/);
    expect(api.emulator.requests).toEqual([]);
    for (const name of HEAVY_PACKAGES) expect(run.loads.packages).not.toContain(name);
    expectNoSecrets(run.stdout, run.stderr);
  });
});

describe('the code cache the build made', () => {
  /** A copy of bin/ and dist/ in a temporary directory, to damage; returns its bin. */
  function copyOfBuild(): { bin: string; cache: string } {
    const root = mkdtempSync(join(tmpdir(), 'cf-oauth-build-copy-'));
    cpSync(join(DIST, '..', 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(DIST, join(root, 'dist'), { recursive: true });
    const cache = join(root, 'dist', 'code-cache', process.versions.v8);
    return { bin: join(root, 'bin', 'cf-oauth.js'), cache };
  }

  it('compiles every chunk of a delete from it', async () => {
    const id = api.newClient();
    const run = await runRecorded(['delete', id, '--account', ACCOUNT], { env: api.env });

    expect(run).toMatchObject({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(run.loads.chunks).toContain('main.js');
    expect(run.loads.cached).toEqual(run.loads.chunks);
  });

  it('compiles every chunk of a create and of a rotate-secret from it', async () => {
    const create = await runRecorded(
      [
        'create',
        ...['--name', 'Cached', '--redirect-uri', 'https://cached.example.com/callback'],
        ...['--scope', 'account.read', '--json', '--account', ACCOUNT],
      ],
      { env: api.env },
    );
    const rotate = await runRecorded(
      ['rotate-secret', api.newClient(), '--json', '--account', ACCOUNT],
      {
        env: api.env,
      },
    );

    for (const run of [create, rotate]) {
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('client_secret');
      expect(run.loads.chunks).toContain('main.js');
      expect(run.loads.cached).toEqual(run.loads.chunks);
    }
    // A new secret printed as JSON needs no file: node:crypto and node:fs/promises stay unloaded.
    for (const run of [create, rotate]) {
      expect(run.loads.builtins).not.toContain('crypto');
      expect(run.loads.builtins).not.toContain('internal/fs/promises');
    }
  });

  it('is only read: a run writes no cache of its own, in the temporary directory or at home', async () => {
    const id = api.newClient();
    const { home, cwd } = makeHome();
    const tmp = mkdtempSync(join(tmpdir(), 'cf-oauth-tmp-'));
    const before = readdirSync(home, { recursive: true });
    const run = await runBin(['delete', id, '--account', ACCOUNT], {
      env: { ...api.env, TMPDIR: tmp },
      home,
      cwd,
    });

    expect(run).toMatchObject({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(home, { recursive: true })).toEqual(before);
  });

  it('is compiled from source, to the same result, when damaged or made for another V8', async () => {
    const damaged = copyOfBuild();
    for (const file of readdirSync(damaged.cache)) {
      writeFileSync(join(damaged.cache, file), 'not a code cache');
    }
    const otherV8 = copyOfBuild();
    renameSync(otherV8.cache, join(dirname(otherV8.cache), '0.0.0.0'));

    const ids: string[] = [];
    for (const { bin } of [damaged, otherV8]) {
      const id = api.newClient();
      ids.push(id);
      const run = await runRecorded(['delete', id, '--account', ACCOUNT], { env: api.env, bin });

      expect(run).toMatchObject({ code: 0, stdout: `${id}\n`, stderr: '' });
      expect(run.loads.chunks).toContain('main.js');
      expect(run.loads.cached).toEqual([]);
    }
    expect(api.emulator.deleted.map((entry) => entry.clientId).slice(-2)).toEqual(ids);
  });
});

describe('CF_OAUTH_DEBUG=1', () => {
  const THROW_ON_TOKEN = fileURLToPath(new URL('../helpers/throw-on-token.cjs', import.meta.url));
  const DEBUG = { CF_OAUTH_DEBUG: '1' };

  it('runs the real CLI for --help, compiled from source, not the recorded text or the code cache', async () => {
    const served = await runRecorded(['--help']);
    const debug = await runRecorded(['--help'], { env: DEBUG });

    expect(debug).toMatchObject({ code: served.code, stdout: served.stdout, stderr: '' });
    expect(served.loads.chunks).toEqual([]);
    expect(debug.loads.chunks).toContain('main.js');
    expect(debug.loads.cached).toEqual([]);
  });

  it('compiles a delete from source, with the same result', async () => {
    const id = api.newClient();
    const run = await runRecorded(['delete', id, '--account', ACCOUNT], {
      env: { ...api.env, ...DEBUG },
    });

    expect(run).toMatchObject({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(run.loads.chunks).toContain('main.js');
    expect(run.loads.cached).toEqual([]);
  });

  it('shows an internal error its stack, mapped to src/, only with the switch', async () => {
    const options = { nodeFlags: ['--require', THROW_ON_TOKEN], env: api.env };
    const plain = await runBin(['list', '--account', ACCOUNT], options);
    const debug = await runBin(['list', '--account', ACCOUNT], {
      ...options,
      env: { ...api.env, ...DEBUG },
    });

    expect(plain).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: internal error: forced internal error\n',
    });
    expect(debug.code).toBe(1);
    expect(debug.stdout).toBe('');
    expect(debug.stderr).toMatch(
      /^error: internal error: forced internal error\nError: forced internal error\n {4}at /,
    );
    expect(debug.stderr).toMatch(/ {4}at .*src[/\\]config[/\\]resolve\.ts:\d+:\d+\)/);
    expect(api.emulator.requests).toEqual([]);
  });
});

describe('from source', () => {
  it("runs with tsx: src/main.ts prints package.json's version and deletes", async () => {
    const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
    const id = api.newClient();
    const fromSource = { bin: TSX, nodeFlags: [] };
    const version = await runBin([MAIN, '--version'], fromSource);
    const deleted = await runBin([MAIN, 'delete', id, '--account', ACCOUNT], {
      ...fromSource,
      env: api.env,
    });

    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    expect(deleted).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
  });
});

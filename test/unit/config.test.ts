import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RC_FILE_NAMES, rcSearchPlaces } from '../../src/config/rc-file.js';
import { requireCredential, resolveSettings } from '../../src/config/resolve.js';
import { DEFAULT_BASE_URL, type SettingFlags, type Settings } from '../../src/config/settings.js';
import {
  validateAccountId,
  validateBaseUrl,
  validateClientId,
  validateCredential,
} from '../../src/config/validate.js';
import { ConfigError, UsageError } from '../../src/errors.js';

type Env = Record<string, string | undefined>;

const ACCOUNT_A = 'a'.repeat(32);
const ACCOUNT_B = 'b'.repeat(32);
const ACCOUNT_C = 'c'.repeat(32);

/** A temp root holding a fake home (root/home/user) and a project inside it. */
let root: string;
let home: string;
let cwd: string;

beforeEach(async () => {
  // realpath: on macOS tmpdir() is a symlink, and the search compares paths.
  root = await realpath(await mkdtemp(join(tmpdir(), 'cfoauth-config-')));
  home = join(root, 'home', 'user');
  cwd = join(home, 'work', 'app');
  await mkdir(cwd, { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** No inherited XDG_CONFIG_HOME: the default is under the fake home. */
function resolve(
  flags: SettingFlags = {},
  env: Env = {},
  at = cwd,
  platform: NodeJS.Platform = 'linux',
): Promise<Settings> {
  return resolveSettings(flags, env, { cwd: at, homedir: home, platform });
}

async function writeRc(filePath: string, text: string, mode = 0o600): Promise<string> {
  await mkdir(dirname(filePath), { recursive: true });
  await writeFile(filePath, text);
  await chmod(filePath, mode);
  return filePath;
}

const homeRc = (text: string, mode?: number) => writeRc(join(home, '.cfoauthrc'), text, mode);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('resolveSettings: precedence', () => {
  it('takes the account from --account over the environment and the rc file', async () => {
    await homeRc(JSON.stringify({ accountId: ACCOUNT_C }));
    const settings = await resolve({ account: ACCOUNT_A }, { CLOUDFLARE_ACCOUNT_ID: ACCOUNT_B });
    expect(settings.accountId).toEqual({ value: ACCOUNT_A, source: '--account' });
  });

  it('takes the account from the environment over the rc file', async () => {
    await homeRc(JSON.stringify({ accountId: ACCOUNT_C }));
    const settings = await resolve({}, { CLOUDFLARE_ACCOUNT_ID: ACCOUNT_B });
    expect(settings.accountId).toEqual({ value: ACCOUNT_B, source: 'CLOUDFLARE_ACCOUNT_ID' });
  });

  it('takes the account from --account over the rc file', async () => {
    await homeRc(JSON.stringify({ accountId: ACCOUNT_C }));
    const settings = await resolve({ account: ACCOUNT_A });
    expect(settings.accountId).toEqual({ value: ACCOUNT_A, source: '--account' });
  });

  it('takes the account from the rc file when nothing else sets it', async () => {
    await homeRc(JSON.stringify({ accountId: ACCOUNT_C }));
    expect((await resolve()).accountId).toEqual({ value: ACCOUNT_C, source: '~/.cfoauthrc' });
  });

  it('leaves the account unset when no source has one', async () => {
    expect((await resolve()).accountId).toBeUndefined();
  });

  it('orders base URL sources: flag, CLOUDFLARE_API_BASE_URL, CLOUDFLARE_BASE_URL, rc, default', async () => {
    await homeRc(JSON.stringify({ baseUrl: 'https://rc.example' }));
    const env = {
      CLOUDFLARE_API_BASE_URL: 'https://api-base.example',
      CLOUDFLARE_BASE_URL: 'https://base.example',
    };
    expect((await resolve({ baseUrl: 'https://flag.example' }, env)).baseUrl).toEqual({
      value: 'https://flag.example',
      source: '--base-url',
    });
    expect((await resolve({}, env)).baseUrl).toEqual({
      value: 'https://api-base.example',
      source: 'CLOUDFLARE_API_BASE_URL',
    });
    expect((await resolve({}, { CLOUDFLARE_BASE_URL: 'https://base.example' })).baseUrl).toEqual({
      value: 'https://base.example',
      source: 'CLOUDFLARE_BASE_URL',
    });
    expect((await resolve({ baseUrl: 'https://flag.example' })).baseUrl.source).toBe('--base-url');
    expect((await resolve()).baseUrl).toEqual({
      value: 'https://rc.example',
      source: '~/.cfoauthrc',
    });
    await rm(join(home, '.cfoauthrc'));
    expect((await resolve()).baseUrl).toEqual({ value: DEFAULT_BASE_URL, source: 'default' });
  });

  it('strips trailing slashes from the base URL', async () => {
    const settings = await resolve({ baseUrl: 'http://127.0.0.1:8787/client/v4//' });
    expect(settings.baseUrl.value).toBe('http://127.0.0.1:8787/client/v4');
  });

  it('accepts the CF_* aliases below the official names', async () => {
    const aliasesOnly = await resolve(
      {},
      { CF_API_TOKEN: 'cf-token', CF_ACCOUNT_ID: ACCOUNT_B, CF_API_KEY: 'k', CF_API_EMAIL: 'e@x' },
    );
    expect(aliasesOnly.credential).toEqual({
      scheme: 'token',
      token: 'cf-token',
      source: 'API token from CF_API_TOKEN',
    });
    expect(aliasesOnly.accountId).toEqual({ value: ACCOUNT_B, source: 'CF_ACCOUNT_ID' });

    const both = await resolve(
      {},
      {
        CLOUDFLARE_API_TOKEN: 'official',
        CF_API_TOKEN: 'alias',
        CLOUDFLARE_ACCOUNT_ID: ACCOUNT_A,
        CF_ACCOUNT_ID: ACCOUNT_B,
      },
    );
    expect(both.credential).toMatchObject({
      token: 'official',
      source: 'API token from CLOUDFLARE_API_TOKEN',
    });
    expect(both.accountId).toEqual({ value: ACCOUNT_A, source: 'CLOUDFLARE_ACCOUNT_ID' });
  });

  it('pairs CF_API_KEY with CF_API_EMAIL, and names the email when the families differ', async () => {
    const cf = await resolve({}, { CF_API_KEY: 'k', CF_API_EMAIL: 'me@example.com' });
    expect(cf.credential).toEqual({
      scheme: 'key',
      key: 'k',
      email: 'me@example.com',
      source: 'API key from CF_API_KEY',
    });
    const mixed = await resolve({}, { CLOUDFLARE_API_KEY: 'k', CF_API_EMAIL: 'me@example.com' });
    expect(mixed.credential?.source).toBe(
      'API key from CLOUDFLARE_API_KEY, email from CF_API_EMAIL',
    );
    const official = await resolve(
      {},
      { CLOUDFLARE_API_KEY: 'k', CLOUDFLARE_EMAIL: 'a@x', CF_API_EMAIL: 'b@x' },
    );
    expect(official.credential).toMatchObject({
      email: 'a@x',
      source: 'API key from CLOUDFLARE_API_KEY',
    });
  });

  it('trims every value and treats blank ones as unset', async () => {
    await homeRc(JSON.stringify({ accountId: `  ${ACCOUNT_C}\n`, apiToken: '   ', baseUrl: '' }));
    const settings = await resolve(
      { account: '   ', apiToken: '\t', baseUrl: ' ' },
      { CLOUDFLARE_ACCOUNT_ID: '', CLOUDFLARE_API_TOKEN: ' env-token \n', CF_API_TOKEN: 'alias' },
    );
    expect(settings.accountId).toEqual({ value: ACCOUNT_C, source: '~/.cfoauthrc' });
    expect(settings.credential).toMatchObject({
      token: 'env-token',
      source: 'API token from CLOUDFLARE_API_TOKEN',
    });
    expect(settings.baseUrl.source).toBe('default');
  });

  it('treats a blank official variable as unset, so the alias applies', async () => {
    const settings = await resolve({}, { CLOUDFLARE_API_TOKEN: '  ', CF_API_TOKEN: 'alias' });
    expect(settings.credential?.source).toBe('API token from CF_API_TOKEN');
  });
});

describe('resolveSettings: the credential', () => {
  it('takes the credential from flags over the environment and the rc file', async () => {
    await homeRc(JSON.stringify({ apiToken: 'rc-token' }));
    const settings = await resolve(
      { apiToken: 'flag-token' },
      { CLOUDFLARE_API_TOKEN: 'env-token' },
    );
    expect(settings.credential).toEqual({
      scheme: 'token',
      token: 'flag-token',
      source: 'API token from --api-token',
    });
  });

  it('takes the credential from the environment over the rc file', async () => {
    await homeRc(JSON.stringify({ apiToken: 'rc-token' }));
    const settings = await resolve({}, { CLOUDFLARE_API_TOKEN: 'env-token' });
    expect(settings.credential?.source).toBe('API token from CLOUDFLARE_API_TOKEN');
  });

  it('takes the credential from flags over the rc file', async () => {
    await homeRc(JSON.stringify({ apiToken: 'rc-token' }));
    const settings = await resolve({ apiKey: 'k', email: 'me@example.com' });
    expect(settings.credential).toEqual({
      scheme: 'key',
      key: 'k',
      email: 'me@example.com',
      source: 'API key from --api-key',
    });
  });

  it('takes the rc credential when nothing else has one', async () => {
    await homeRc(JSON.stringify({ apiToken: 'rc-token' }));
    expect((await resolve()).credential).toEqual({
      scheme: 'token',
      token: 'rc-token',
      source: 'API token from ~/.cfoauthrc',
    });
  });

  it('takes the credential as a unit: a flag token beats an environment key', async () => {
    const settings = await resolve(
      { apiToken: 'flag-token' },
      { CLOUDFLARE_API_KEY: 'k', CLOUDFLARE_EMAIL: 'me@example.com' },
    );
    expect(settings.credential).toMatchObject({ scheme: 'token', token: 'flag-token' });
    expect(settings.credentialProblem).toBeUndefined();
  });

  it('prefers a token over key+email inside one source', async () => {
    const settings = await resolve(
      {},
      { CLOUDFLARE_API_KEY: 'k', CLOUDFLARE_EMAIL: 'me@example.com', CLOUDFLARE_API_TOKEN: 't' },
    );
    expect(settings.credential).toEqual({
      scheme: 'token',
      token: 't',
      source: 'API token from CLOUDFLARE_API_TOKEN',
    });
  });

  it('reports an environment key without an email even when the rc file has an email', async () => {
    await homeRc(JSON.stringify({ email: 'rc@example.com' }));
    const settings = await resolve({}, { CLOUDFLARE_API_KEY: 'k' });
    expect(settings.credential).toBeUndefined();
    expect(settings.credentialProblem).toBeInstanceOf(ConfigError);
    expect(settings.credentialProblem?.message).toBe(
      'API key from CLOUDFLARE_API_KEY has no email: set CLOUDFLARE_EMAIL (or CF_API_EMAIL)',
    );
    expect((settings.credentialProblem as ConfigError).hint).toBe(
      'the email from ~/.cfoauthrc is not used: a credential is taken whole from one place',
    );
  });

  it('reports a flag key without an email, ignoring an email in the environment', async () => {
    const settings = await resolve({ apiKey: 'k' }, { CLOUDFLARE_EMAIL: 'me@example.com' });
    expect(settings.credentialProblem?.message).toBe(
      'API key from --api-key has no email: pass --email',
    );
  });

  it('reports an rc key without an email', async () => {
    await homeRc(JSON.stringify({ apiKey: 'k' }));
    const settings = await resolve();
    expect(settings.credentialProblem?.message).toBe(
      'API key from ~/.cfoauthrc has no email: add "email" to ~/.cfoauthrc',
    );
  });

  it('does not treat an email alone as a credential source', async () => {
    await homeRc(JSON.stringify({ apiToken: 'rc-token' }));
    const settings = await resolve(
      { email: 'me@example.com' },
      { CLOUDFLARE_EMAIL: 'x@example.com' },
    );
    expect(settings.credential?.source).toBe('API token from ~/.cfoauthrc');
  });

  it('says the API key is missing when only an email is set', async () => {
    const settings = await resolve({}, { CLOUDFLARE_EMAIL: 'me@example.com' });
    expect(settings.credentialProblem?.message).toBe(
      'no API credential found: an email is set (from CLOUDFLARE_EMAIL) but the API key is missing',
    );
  });

  it('lists every way to supply a credential when there is none', async () => {
    const settings = await resolve();
    const problem = settings.credentialProblem as ConfigError;
    expect(problem).toBeInstanceOf(ConfigError);
    expect(problem.message).toBe('no API credential found');
    for (const way of [
      '--api-token',
      'CLOUDFLARE_API_TOKEN',
      '~/.cfoauthrc',
      '"apiToken"',
      'mode 600',
      '--api-key with --email',
      'CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL',
    ]) {
      expect(problem.hint).toContain(way);
    }
  });

  it('requireCredential returns the credential or throws the problem', async () => {
    const withToken = await resolve({ apiToken: 't' });
    expect(requireCredential(withToken)).toBe(withToken.credential);
    const without = await resolve();
    expect(thrown(() => requireCredential(without))).toBe(without.credentialProblem);
  });
});

describe('rc file search', () => {
  it('finds each rc file name, in the documented order within a directory', async () => {
    expect(RC_FILE_NAMES).toEqual([
      '.cfoauthrc',
      '.cfoauthrc.json',
      '.cfoauthrc.yaml',
      '.cfoauthrc.yml',
    ]);
    const texts = {
      '.cfoauthrc': 'accountId: from-rc',
      '.cfoauthrc.json': '{"accountId": "from-json"}',
      '.cfoauthrc.yaml': 'accountId: from-yaml',
      '.cfoauthrc.yml': 'accountId: from-yml',
    };
    for (const [name, text] of Object.entries(texts)) await writeRc(join(cwd, name), text);
    for (const [name, text] of Object.entries(texts)) {
      const settings = await resolve();
      expect(settings.rcFile?.path).toBe(join(cwd, name));
      expect(settings.accountId?.value).toBe(text.match(/from-\w+/)?.[0]);
      expect(settings.accountId?.source).toBe(`~/work/app/${name}`);
      await rm(join(cwd, name));
    }
  });

  it('reads an extensionless .cfoauthrc written as JSON', async () => {
    await homeRc('{\n\t"accountId": "from-json-in-rc"\n}\n');
    expect((await resolve()).accountId?.value).toBe('from-json-in-rc');
  });

  it('prefers the nearest directory and records the paths looked at, in order', async () => {
    await writeRc(join(home, 'work', '.cfoauthrc.yml'), 'accountId: from-work');
    await homeRc('accountId: from-home');
    const settings = await resolve();
    expect(settings.accountId).toEqual({ value: 'from-work', source: '~/work/.cfoauthrc.yml' });
    expect(settings.searched).toEqual([
      ...RC_FILE_NAMES.map((name) => join(cwd, name)),
      ...RC_FILE_NAMES.map((name) => join(home, 'work', name)),
    ]);
  });

  it('searches from cwd up to the home directory, then XDG config, when there is no file', async () => {
    const settings = await resolve();
    expect(settings.rcFile).toBeUndefined();
    expect(settings.searched).toEqual([
      ...RC_FILE_NAMES.map((name) => join(cwd, name)),
      ...RC_FILE_NAMES.map((name) => join(home, 'work', name)),
      ...RC_FILE_NAMES.map((name) => join(home, name)),
      join(home, '.config', 'cfoauth', 'config'),
    ]);
  });

  it('walks up to the filesystem root when cwd is outside home, and still checks home', () => {
    const outside = join(root, 'srv', 'app');
    const places = rcSearchPlaces({}, { cwd: outside, homedir: home });
    expect(places.slice(0, 4)).toEqual(RC_FILE_NAMES.map((name) => join(outside, name)));
    expect(places).toContain(join(root, '.cfoauthrc'));
    expect(places).toContain(join(parse(root).root, '.cfoauthrc.yml'));
    expect(places.indexOf(join(home, '.cfoauthrc'))).toBe(places.length - 5);
    expect(places.at(-1)).toBe(join(home, '.config', 'cfoauth', 'config'));
  });

  it('finds ~/.cfoauthrc from a directory outside home', async () => {
    const outside = join(root, 'srv', 'app');
    await mkdir(outside, { recursive: true });
    await homeRc('accountId: from-home');
    expect((await resolve({}, {}, outside)).accountId?.source).toBe('~/.cfoauthrc');
  });

  it('reads $XDG_CONFIG_HOME/cfoauth/config as YAML or JSON', async () => {
    const xdg = join(root, 'xdg');
    await writeRc(join(xdg, 'cfoauth', 'config'), '{"accountId": "from-xdg"}');
    const settings = await resolve({}, { XDG_CONFIG_HOME: xdg });
    expect(settings.accountId).toEqual({
      value: 'from-xdg',
      source: join(xdg, 'cfoauth', 'config'),
    });
    expect(settings.searched.at(-1)).toBe(join(xdg, 'cfoauth', 'config'));
  });

  it('defaults XDG_CONFIG_HOME to ~/.config and ignores a relative one', async () => {
    await writeRc(join(home, '.config', 'cfoauth', 'config'), 'accountId: from-default-xdg');
    for (const env of [{}, { XDG_CONFIG_HOME: 'relative/dir' }, { XDG_CONFIG_HOME: '  ' }]) {
      expect((await resolve({}, env)).accountId).toEqual({
        value: 'from-default-xdg',
        source: '~/.config/cfoauth/config',
      });
    }
  });

  it('prefers a directory rc file over the XDG one', async () => {
    await writeRc(join(home, '.config', 'cfoauth', 'config'), 'accountId: from-xdg');
    await homeRc('accountId: from-home');
    expect((await resolve()).accountId?.value).toBe('from-home');
  });

  it('loads exactly the --config file and skips the search', async () => {
    await homeRc('accountId: from-home');
    const named = await writeRc(join(root, 'elsewhere', 'team.yaml'), 'accountId: from-config');
    const settings = await resolve({ config: named });
    expect(settings.accountId).toEqual({ value: 'from-config', source: named });
    expect(settings.searched).toEqual([named]);
    expect(settings.rcFile).toEqual({ path: named, profile: undefined });
  });

  it('reads a --config FIFO once something writes to it, like <(pass show cf)', async () => {
    const fifo = join(root, 'rc.yaml');
    await promisify(execFile)('mkfifo', [fifo]);
    const settings = resolve({ config: fifo });
    // The reader waits for a writer; the writer's open waits for the reader.
    await writeFile(fifo, 'accountId: from-fifo\n');
    expect((await settings).accountId).toEqual({ value: 'from-fifo', source: fifo });
  });

  it('resolves --config against cwd and expands a leading ~/', async () => {
    await writeRc(join(cwd, 'local.json'), '{"accountId": "relative"}');
    expect((await resolve({ config: 'local.json' })).accountId?.value).toBe('relative');
    await writeRc(join(home, 'cf.yml'), 'accountId: tilde');
    expect((await resolve({ config: '~/cf.yml' })).accountId?.source).toBe('~/cf.yml');
  });

  it('fails naming a --config file that is missing or a directory', async () => {
    const missing = await rejection(resolve({ config: join(home, 'nope.json') }));
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.message).toBe('cannot read config file ~/nope.json: no such file');
    const directory = await rejection(resolve({ config: cwd }));
    expect(directory.message).toBe('cannot read config file ~/work/app: it is a directory');
  });

  it('refuses a --config file that is code', async () => {
    const named = await writeRc(join(cwd, 'cfoauth.config.mjs'), 'export default {}');
    const error = await rejection(resolve({ config: named }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      '~/work/app/cfoauth.config.mjs: only JSON and YAML config files are supported (cf-oauth never runs code from a config file)',
    );
  });

  it('never executes a JavaScript or TypeScript config found in the search', async () => {
    const marker = join(root, 'EXECUTED');
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = {};\n`;
    // cosmiconfig's own default search places, and its meta-config places in cwd.
    for (const name of [
      '.cfoauthrc.js',
      '.cfoauthrc.cjs',
      '.cfoauthrc.ts',
      'cfoauth.config.js',
      'cfoauth.config.cjs',
      '.config/cfoauthrc.js',
      '.config/config.js',
      '.config/config.cjs',
    ]) {
      await writeRc(join(cwd, name), payload);
      await writeRc(join(home, name), payload);
    }
    await writeRc(
      join(cwd, '.cfoauthrc.mjs'),
      `(await import('node:fs')).writeFileSync(${JSON.stringify(marker)}, 'x');\nexport default {};\n`,
    );
    await writeRc(join(home, '.config', 'cfoauth', 'config.js'), payload);
    await writeRc(join(cwd, 'package.json'), '{"cfoauth": {"accountId": "from-package"}}');

    const settings = await resolve();
    await new Promise((done) => setTimeout(done, 50)); // a stray dynamic import would run by now
    expect(existsSync(marker)).toBe(false);
    expect(settings.rcFile).toBeUndefined();
    expect(settings.accountId).toBeUndefined();
  });

  it('runs no config code from cwd, even in a process started there (cosmiconfig meta config)', async () => {
    const marker = join(root, 'EXECUTED');
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = {};\n`;
    // cosmiconfig's factory would import this from process.cwd() before any search.
    await writeRc(join(cwd, '.config', 'config.js'), payload);
    await homeRc('accountId: from-home');
    expect(await resolveInChildProcess()).toMatchObject({ accountId: 'from-home' });
    expect(existsSync(marker)).toBe(false);
  }, 30_000);

  it('is not broken by a malformed package.json in cwd (cosmiconfig meta config)', async () => {
    await writeRc(join(cwd, 'package.json'), '{ malformed');
    await homeRc('accountId: from-home');
    expect(await resolveInChildProcess()).toMatchObject({ accountId: 'from-home' });
  }, 30_000);

  it('loads cosmiconfig only when an rc file exists', async () => {
    expect(await resolveInChildProcess()).toEqual({ cosmiconfigLoaded: false });
    await homeRc('accountId: x');
    expect(await resolveInChildProcess()).toEqual({ cosmiconfigLoaded: true, accountId: 'x' });
  }, 30_000);
});

/**
 * Runs resolveSettings in a fresh Node process whose working directory is the sandbox's cwd,
 * and reports whether cosmiconfig was loaded and which account was found.
 */
async function resolveInChildProcess(): Promise<{
  cosmiconfigLoaded: boolean;
  accountId?: string;
}> {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const resolveModule = pathToFileURL(join(repo, 'src', 'config', 'resolve.ts')).href;
  const script = [
    "import { createRequire } from 'node:module';",
    `const { resolveSettings } = await import(${JSON.stringify(resolveModule)});`,
    `const settings = await resolveSettings({}, {}, { cwd: process.cwd(), homedir: ${JSON.stringify(home)}, platform: 'linux' });`,
    'await new Promise((done) => setTimeout(done, 50));',
    'const loaded = Object.keys(createRequire(import.meta.url).cache);',
    "const cosmiconfigLoaded = loaded.some((file) => file.includes('cosmiconfig'));",
    'console.log(JSON.stringify({ cosmiconfigLoaded, accountId: settings.accountId?.value }));',
  ].join('\n');
  const tsx = pathToFileURL(join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', tsx, '--input-type=module', '--eval', script],
    { cwd, env: { PATH: process.env.PATH ?? '' } },
  );
  return JSON.parse(stdout);
}

/** Windows has no POSIX mode bits: the permission checks are skipped there. */
const posixOnly = it.skipIf(process.platform === 'win32');

describe('rc file contents', () => {
  it('accepts an empty file, or one with only comments, as no settings', async () => {
    await homeRc('');
    const empty = await resolve();
    expect(empty.rcFile?.path).toBe(join(home, '.cfoauthrc'));
    expect(empty.accountId).toBeUndefined();
    await homeRc('# nothing here yet\n');
    expect((await resolve()).warnings).toEqual([]);
    await writeRc(join(home, '.cfoauthrc.json'), '  \n');
    await rm(join(home, '.cfoauthrc'));
    expect((await resolve()).rcFile?.path).toBe(join(home, '.cfoauthrc.json'));
  });

  it('reports malformed JSON with the file and line, without quoting the content', async () => {
    await writeRc(
      join(home, '.cfoauthrc.json'),
      '{\n  "apiToken": "s3cr3t-value",\n  "accountId": "x"\n  "email": "a"\n}',
    );
    const error = await rejection(resolve());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('~/.cfoauthrc.json: invalid JSON at line 4, column 3');
    expect(error.message).not.toContain('s3cr3t');
  });

  it('reports a trailing comma in JSON on its line', async () => {
    await writeRc(join(cwd, '.cfoauthrc.json'), '{\n  "accountId": "x",\n}\n');
    expect((await rejection(resolve())).message).toBe(
      '~/work/app/.cfoauthrc.json: invalid JSON at line 3, column 1',
    );
  });

  it('reports malformed YAML with the file and line', async () => {
    await writeRc(join(home, '.cfoauthrc.yaml'), 'accountId: x\napiToken: s3cr3t\n  email: a\n');
    const error = await rejection(resolve());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      '~/.cfoauthrc.yaml: invalid YAML at line 3, column 8: bad indentation of a mapping entry',
    );
    expect(error.message).not.toContain('s3cr3t');
  });

  it('reports malformed content in an extensionless rc file as JSON or YAML', async () => {
    await homeRc('{"apiToken": "s3cr3t"\n "accountId": "x"}');
    const error = await rejection(resolve());
    expect(error.message).toBe(
      '~/.cfoauthrc: invalid JSON or YAML at line 2, column 2: missed comma between flow collection entries',
    );
  });

  it('does not repeat file content quoted in a YAML reason', async () => {
    await homeRc('apiToken: !<tag:s3cr3t> x\n');
    const error = await rejection(resolve());
    expect(error.message).toMatch(
      /^~\/\.cfoauthrc: invalid JSON or YAML at line 1, column \d+: unknown tag$/,
    );
  });

  it('requires the top level to be an object', async () => {
    for (const text of ['[1, 2]', '"just a string"', '42']) {
      await writeRc(join(home, '.cfoauthrc.json'), text);
      const error = await rejection(resolve());
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        '~/.cfoauthrc.json: the top level must be an object (key: value pairs)',
      );
    }
  });

  it('names the key path of a value with the wrong type, without showing the value', async () => {
    const cases: Array<[unknown, string]> = [
      [{ apiToken: 12345 }, 'apiToken must be a string, not a number'],
      [{ accountId: ['x'] }, 'accountId must be a string, not a list'],
      [{ defaultProfile: true }, 'defaultProfile must be a string, not a boolean'],
      [{ profiles: ['prod'] }, 'profiles must be an object mapping profile names to settings'],
      [{ profiles: { prod: 'x' } }, 'profiles.prod must be an object'],
      [
        { profiles: { prod: { apiToken: 98765 } } },
        'profiles.prod.apiToken must be a string, not a number',
      ],
      [
        { profiles: { 'my team': { email: {} } } },
        'profiles["my team"].email must be a string, not an object',
      ],
    ];
    for (const [content, problem] of cases) {
      await writeRc(join(home, '.cfoauthrc.json'), JSON.stringify(content));
      const error = await rejection(resolve());
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(`~/.cfoauthrc.json: ${problem}`);
      expect(error.message).not.toMatch(/12345|98765/);
    }
  });

  it('treats null values as unset', async () => {
    await homeRc('apiToken:\naccountId: ~\nprofiles:\n  prod:\n');
    const settings = await resolve({ profile: 'prod' });
    expect(settings.credential).toBeUndefined();
    expect(settings.rcFile?.profile).toBe('prod');
  });

  it('warns about unknown keys, suggesting the likely one', async () => {
    await homeRc(
      JSON.stringify({ apiTokn: 't', color: 'red', profiles: { prod: { acount: 'x' } } }),
    );
    const settings = await resolve();
    expect(settings.warnings).toEqual([
      '~/.cfoauthrc: unknown key apiTokn ignored (did you mean apiToken?)',
      '~/.cfoauthrc: unknown key color ignored',
      '~/.cfoauthrc: unknown key profiles.prod.acount ignored (did you mean accountId?)',
    ]);
  });

  posixOnly(
    'warns when a file holding a secret is readable by others, but not at mode 600',
    async () => {
      const rc = await homeRc(JSON.stringify({ apiToken: 't' }), 0o644);
      expect((await resolve()).warnings).toEqual([
        `~/.cfoauthrc holds a secret and is readable by other users; run: chmod 600 ${rc}`,
      ]);
      await chmod(rc, 0o640);
      expect((await resolve()).warnings).toHaveLength(1);
      await chmod(rc, 0o600);
      expect((await resolve()).warnings).toEqual([]);
    },
  );

  posixOnly(
    'warns about a secret in a profile too, quoting the chmod path for the shell',
    async () => {
      const rc = await writeRc(
        join(home, "it's here", '.cfoauthrc.yml'),
        'profiles:\n  prod:\n    apiKey: k\n    email: e@x\n',
        0o604,
      );
      const settings = await resolve({ config: rc });
      expect(settings.warnings).toEqual([
        `~/it's here/.cfoauthrc.yml holds a secret and is readable by other users; run: chmod 600 '${home}/it'\\''s here/.cfoauthrc.yml'`,
      ]);
    },
  );

  posixOnly('judges no mode bits on Windows (the platform comes from the context)', async () => {
    await homeRc(JSON.stringify({ apiToken: 't' }), 0o666);
    expect((await resolve({}, {}, cwd, 'win32')).warnings).toEqual([]);
    expect((await resolve({}, {}, cwd, 'linux')).warnings).toHaveLength(2);
  });

  it('does not warn about a readable file without secrets', async () => {
    await homeRc(JSON.stringify({ accountId: ACCOUNT_A, email: 'e@x' }), 0o644);
    expect((await resolve()).warnings).toEqual([]);
  });

  posixOnly(
    'warns when others can write the file, since they could redirect the credential',
    async () => {
      const rc = await homeRc(JSON.stringify({ accountId: ACCOUNT_A }), 0o622);
      expect((await resolve()).warnings).toEqual([
        `~/.cfoauthrc is writable by other users, who could redirect your credential; run: chmod 600 ${rc}`,
      ]);
    },
  );

  posixOnly('reads the rc file even when flags and environment supply everything', async () => {
    await homeRc(JSON.stringify({ apiToken: 't', typo: 1 }), 0o644);
    const settings = await resolve(
      { apiToken: 'flag', account: ACCOUNT_A, baseUrl: 'https://x.example' },
      {},
    );
    expect(settings.warnings).toHaveLength(2);
    await homeRc('{ broken');
    expect(await rejection(resolve({ apiToken: 'flag', account: ACCOUNT_A }))).toBeInstanceOf(
      ConfigError,
    );
  });
});

describe('rc file profiles', () => {
  const withProfiles = JSON.stringify({
    accountId: ACCOUNT_A,
    apiToken: 'top-token',
    baseUrl: 'https://top.example',
    defaultProfile: 'staging',
    profiles: {
      prod: { accountId: ACCOUNT_B, apiKey: 'prod-key', email: 'prod@example.com' },
      staging: { accountId: ACCOUNT_C },
      lonely: { apiKey: 'lonely-key' },
    },
  });

  it('uses --profile over CF_OAUTH_PROFILE over defaultProfile', async () => {
    await homeRc(withProfiles);
    const fromFlag = await resolve({ profile: 'prod' }, { CF_OAUTH_PROFILE: 'staging' });
    expect(fromFlag.rcFile?.profile).toBe('prod');
    expect(fromFlag.accountId).toEqual({ value: ACCOUNT_B, source: '~/.cfoauthrc, profile prod' });
    const fromEnv = await resolve({}, { CF_OAUTH_PROFILE: 'prod' });
    expect(fromEnv.rcFile?.profile).toBe('prod');
    const fromDefault = await resolve();
    expect(fromDefault.rcFile?.profile).toBe('staging');
    expect(fromDefault.accountId).toEqual({
      value: ACCOUNT_C,
      source: '~/.cfoauthrc, profile staging',
    });
  });

  it('takes the credential whole from the profile when it has one', async () => {
    await homeRc(withProfiles);
    const settings = await resolve({ profile: 'prod' });
    expect(settings.credential).toEqual({
      scheme: 'key',
      key: 'prod-key',
      email: 'prod@example.com',
      source: 'API key from ~/.cfoauthrc, profile prod',
    });
    expect(settings.baseUrl).toEqual({ value: 'https://top.example', source: '~/.cfoauthrc' });
  });

  it('falls back to the top-level credential when the profile has none', async () => {
    await homeRc(withProfiles);
    expect((await resolve({ profile: 'staging' })).credential?.source).toBe(
      'API token from ~/.cfoauthrc',
    );
  });

  it('does not mix a profile key with a top-level email', async () => {
    await homeRc(
      JSON.stringify({ email: 'top@example.com', profiles: { lonely: { apiKey: 'k' } } }),
    );
    const settings = await resolve({ profile: 'lonely' });
    expect(settings.credentialProblem?.message).toBe(
      'API key from ~/.cfoauthrc, profile lonely has no email: add "email" to profiles.lonely in ~/.cfoauthrc',
    );
  });

  it('fails listing the available profiles when the requested one does not exist', async () => {
    await homeRc(withProfiles);
    const error = await rejection(resolve({ profile: 'prdo' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'profile "prdo" (from --profile) is not in ~/.cfoauthrc; available: "prod", "staging", "lonely"',
    );
    await homeRc(JSON.stringify({ defaultProfile: 'gone' }));
    expect((await rejection(resolve())).message).toBe(
      'profile "gone" (from defaultProfile in ~/.cfoauthrc) is not in ~/.cfoauthrc; it defines no profiles',
    );
  });

  it('fails when a profile is requested but there is no rc file', async () => {
    const error = await rejection(resolve({}, { CF_OAUTH_PROFILE: 'prod' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'profile "prod" (from CF_OAUTH_PROFILE) was requested but no rc file was found',
    );
  });

  it('treats profile names as data, not object properties', async () => {
    await homeRc(JSON.stringify({ profiles: { prod: {} } }));
    const error = await rejection(resolve({ profile: '__proto__' }));
    expect(error.message).toBe(
      'profile "__proto__" (from --profile) is not in ~/.cfoauthrc; available: "prod"',
    );
  });
});

describe('validateAccountId', () => {
  it('returns a 32-character hexadecimal ID in lower case, as the API accepts it', () => {
    expect(
      validateAccountId({ value: '0123456789abcdefABCDEF0123456789', source: '--account' }),
    ).toBe('0123456789abcdefabcdef0123456789');
  });

  it('says when the account ID has quotes', () => {
    const error = thrown(() =>
      validateAccountId({ value: `"${'a'.repeat(32)}"`, source: '--account' }),
    ) as UsageError;
    expect(error.message).toBe(
      `the account ID from --account must be 32 hexadecimal characters, not "\\"${'a'.repeat(32)}\\"" (it has quotes)`,
    );
    expect(error.hint).toBe('write the account ID without quotes');
  });

  it('names the source and shows the bad value quoted', () => {
    const error = thrown(() =>
      validateAccountId({ value: 'abc\n', source: 'CLOUDFLARE_ACCOUNT_ID' }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'the account ID from CLOUDFLARE_ACCOUNT_ID must be 32 hexadecimal characters, not "abc\\n"',
    );
    expect(
      thrown(() => validateAccountId({ value: `${'g'.repeat(32)}`, source: '~/.cfoauthrc' }))
        .message,
    ).toContain('from ~/.cfoauthrc');
  });
});

describe('validateClientId', () => {
  it('returns an ordinary ID', () => {
    expect(validateClientId('5f0c3a2b9e8d7c6b5a4f3e2d1c0b9a8f')).toBe(
      '5f0c3a2b9e8d7c6b5a4f3e2d1c0b9a8f',
    );
  });

  it('returns an upper-case ID in lower case', () => {
    expect(validateClientId('5F0C3A2B9E8D7C6B5A4F3E2D1C0B9A8F')).toBe(
      '5f0c3a2b9e8d7c6b5a4f3e2d1c0b9a8f',
    );
  });

  it('refuses an ID in quotes (jq without -r), with the jq hint', () => {
    const error = thrown(() => validateClientId(`"${'a1b2'.repeat(8)}"`)) as UsageError;
    expect(error.message).toBe(`the OAuth client ID "\\"${'a1b2'.repeat(8)}\\"" has quotes`);
    expect(error.hint).toBe(
      "IDs are written without quotes; jq prints them so only with -r: cf-oauth list --json | jq -r '.[].client_id'",
    );
  });

  it.each([
    ['', 'the OAuth client ID is empty'],
    ['.', '"." is not an OAuth client ID'],
    ['..', '".." is not an OAuth client ID'],
    [
      'a b',
      'the OAuth client ID "a b" contains whitespace, a control character or an invisible character',
    ],
    [
      'a\r\nb',
      'the OAuth client ID "a\\r\\nb" contains whitespace, a control character or an invisible character',
    ],
    [
      'a\u0085b',
      'the OAuth client ID "a\\u0085b" contains whitespace, a control character or an invisible character',
    ],
    [
      'a\u2028b',
      'the OAuth client ID "a\\u2028b" contains whitespace, a control character or an invisible character',
    ],
    [
      'a\u202eb',
      'the OAuth client ID "a\\u202eb" contains whitespace, a control character or an invisible character',
    ],
    [
      'a\ud800b',
      'the OAuth client ID "a\\ud800b" contains whitespace, a control character or an invisible character',
    ],
    ['abc', 'the OAuth client ID "abc" is not 32 hexadecimal characters (it has 3)'],
    [
      'nothex',
      'the OAuth client ID "nothex" is not 32 hexadecimal characters ("n" is not a hexadecimal digit)',
    ],
    [
      `${'a'.repeat(31)}\ufffd`,
      `the OAuth client ID "${'a'.repeat(31)}\ufffd" is not 32 hexadecimal characters (it holds bytes that are not UTF-8 text)`,
    ],
  ])('rejects %j', (id, message) => {
    const error = thrown(() => validateClientId(id));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(message);
  });

  it('cuts a long ID to 80 characters in the message', () => {
    const error = thrown(() => validateClientId(`${'x'.repeat(100)} `));
    expect(error.message).toBe(
      `the OAuth client ID "${'x'.repeat(80)}"… contains whitespace, a control character or an invisible character`,
    );
  });
});

describe('validateCredential', () => {
  it('returns a clean credential', () => {
    const token = {
      scheme: 'token',
      token: 'abc-DEF_123',
      source: 'API token from --api-token',
    } as const;
    expect(validateCredential(token)).toBe(token);
    const key = {
      scheme: 'key',
      key: 'k',
      email: 'me@example.com',
      source: 'API key from CF_API_KEY',
    } as const;
    expect(validateCredential(key)).toBe(key);
  });

  it('rejects control and non-ASCII characters without showing the value', () => {
    const cases: Array<[Parameters<typeof validateCredential>[0], string]> = [
      [
        {
          scheme: 'token',
          token: 'sec\r\nX-Evil: 1',
          source: 'API token from CLOUDFLARE_API_TOKEN',
        },
        'the API token from CLOUDFLARE_API_TOKEN contains a control character',
      ],
      [
        { scheme: 'token', token: 'sécret', source: 'API token from ~/.cfoauthrc' },
        'the API token from ~/.cfoauthrc contains a character that is not printable ASCII',
      ],
      [
        { scheme: 'key', key: 'ke\u0000y', email: 'e@x', source: 'API key from --api-key' },
        'the API key from --api-key contains a control character',
      ],
      [
        { scheme: 'key', key: 'key', email: 'e@x\n', source: 'API key from CLOUDFLARE_API_KEY' },
        'the email for the API key from CLOUDFLARE_API_KEY contains a control character',
      ],
      [
        { scheme: 'token', token: '', source: 'API token from --api-token' },
        'the API token from --api-token is empty',
      ],
    ];
    for (const [credential, message] of cases) {
      const error = thrown(() => validateCredential(credential));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(message);
      for (const secret of ['sec\r', 'sécret', 'ke\u0000y', 'e@x']) {
        expect(error.message).not.toContain(secret);
      }
    }
  });
});

describe('validateBaseUrl', () => {
  it.each([
    'https://api.cloudflare.com/client/v4',
    'http://localhost:8787/client/v4',
    'http://127.0.0.1:8787',
    'http://127.1.2.3',
    'http://[::1]:8080/v4',
  ])('accepts %s', (value) => {
    expect(validateBaseUrl({ value, source: '--base-url' }).href).toBe(new URL(value).href);
  });

  it.each([
    ['not a url', 'the base URL from --base-url is not a valid URL: "not a url"'],
    [
      'http://api.cloudflare.com/client/v4',
      'the base URL from --base-url must use https: (http: is allowed only for localhost)',
    ],
    [
      'http://localhost.evil.example',
      'the base URL from --base-url must use https: (http: is allowed only for localhost)',
    ],
    ['ftp://api.cloudflare.com', 'the base URL from --base-url must use https:, not "ftp:"'],
    [
      'https://user:hunter2@api.example',
      'the base URL from --base-url must not contain a user name or password',
    ],
    [
      'https://api.example/v4?x=1',
      'the base URL from --base-url must not contain a query (?) or fragment (#)',
    ],
    [
      'https://api.example/v4?',
      'the base URL from --base-url must not contain a query (?) or fragment (#)',
    ],
    [
      'https://api.example/v4#top',
      'the base URL from --base-url must not contain a query (?) or fragment (#)',
    ],
  ])('rejects %s', (value, message) => {
    const error = thrown(() => validateBaseUrl({ value, source: '--base-url' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(message);
  });

  it('does not echo an unparsable URL that may hold a password', () => {
    const error = thrown(() =>
      validateBaseUrl({ value: 'https://u:p@[bad', source: 'CLOUDFLARE_API_BASE_URL' }),
    );
    expect(error.message).toBe('the base URL from CLOUDFLARE_API_BASE_URL is not a valid URL');
  });
});

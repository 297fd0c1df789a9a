import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/config/json-error.js';
import { resolveSettings } from '../../src/config/resolve.js';
import type { Credential } from '../../src/config/settings.js';
import {
  validateAccountId,
  validateBaseUrl,
  validateClientId,
  validateCredential,
} from '../../src/config/validate.js';
import { ConfigError, UsageError } from '../../src/errors.js';

const RUNS = { seed: 42, numRuns: 1000 } as const;
const SLOW = 60_000;

/** Either `fn` returns normally (then `check` applies) or it throws UsageError. */
function usageErrorOr<T>(fn: () => T, check: (result: T) => void): void {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return;
  }
  check(result);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** Strings mixing ordinary text with the characters most likely to break things. */
const trickyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      'F',
      '0',
      '9',
      '.',
      '/',
      '\\',
      '%',
      '?',
      '#',
      '@',
      ':',
      ' ',
      '\t',
      '\r',
      '\n',
      '\u0000',
      '\u007f',
      '\u0085',
      '\u009b',
      '\u00a0',
      '\u00e9',
      '\u200b',
      '\u202e',
      '\u2028',
      '\ufeff',
      '\ud800',
      '\udc00',
      '😀',
    ),
  }),
);

describe('validators on arbitrary input', () => {
  it('account ID: rejected, or exactly 32 hexadecimal characters', () => {
    const nearlyHex = fc.string({
      unit: fc.constantFrom(...'0123456789abcdefABCDEFg \n'),
      minLength: 30,
      maxLength: 34,
    });
    const candidates = fc.oneof(trickyString, nearlyHex, fc.stringMatching(/^[0-9a-fA-F]{32}$/));
    fc.assert(
      fc.property(candidates, (value) => {
        usageErrorOr(
          () => validateAccountId({ value, source: '--account' }),
          (id) => {
            expect(id).toBe(value.toLowerCase());
            expect(id).toMatch(/^[0-9a-f]{32}$/);
          },
        );
      }),
      RUNS,
    );
  });

  it('client ID: rejected, or safe as one URL path segment', () => {
    const candidates = fc.oneof(
      trickyString,
      fc.constantFrom('', '.', '..', '%2e%2e', 'a/b', 'a\\b'),
    );
    fc.assert(
      fc.property(candidates, (id) => {
        usageErrorOr(
          () => validateClientId(id),
          (valid) => {
            expect(valid).toBe(id.toLowerCase());
            expect(valid).toMatch(/^[0-9a-f]{32}$/);
          },
        );
      }),
      RUNS,
    );
  });

  it('client and account IDs: exactly the 32-hex strings (any case) are accepted, in lower case', () => {
    const hexId = fc
      .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: 32, maxLength: 32 })
      .map((chars) => chars.join(''));
    const nearMiss = fc.oneof(
      // One character off: a non-hex one in place, one too many, one too few, quotes around.
      fc
        .tuple(hexId, fc.nat(31), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
        .map(([id, at, char]) => `${id.slice(0, at)}${char}${id.slice(at + 1)}`),
      hexId.map((id) => `${id}0`),
      hexId.map((id) => id.slice(1)),
      hexId.map((id) => `"${id}"`),
    );
    const anything = fc.oneof(hexId, nearMiss, trickyString, fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(anything, (value) => {
        const valid = /^[0-9a-f]{32}$/i.test(value);
        for (const validate of [
          validateClientId,
          (v: string) => validateAccountId({ value: v, source: '--account' }),
        ]) {
          if (valid) expect(validate(value)).toBe(value.toLowerCase());
          else expect(thrown(() => validate(value)).message).not.toMatch(/[\p{Cc}]/u);
        }
      }),
      RUNS,
    );
  });

  it('client ID: the message shows at most 80 characters, with nothing raw a terminal would act on', () => {
    const unit = fc.oneof(fc.string({ unit: 'binary', maxLength: 1 }), trickyString);
    const longIds = fc
      .array(unit, { minLength: 81, maxLength: 200 })
      .map((parts) => ` ${parts.join('')}`)
      .filter((id) => Array.from(id).length > 80);
    fc.assert(
      fc.property(longIds, (id) => {
        const message = thrown(() => validateClientId(id)).message;
        expect(message).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
        const quoted = /^the OAuth client ID (".*")… contains/su.exec(message)?.[1];
        const shown: string = JSON.parse(quoted ?? 'null');
        expect(Array.from(shown)).toHaveLength(80);
        expect(id.startsWith(shown)).toBe(true);
      }),
      RUNS,
    );
  });

  it('token and key+email: rejected without the value shown, or printable ASCII only', () => {
    const credentials: fc.Arbitrary<Credential> = fc.oneof(
      trickyString.map((token) => ({
        scheme: 'token' as const,
        token,
        source: 'API token from --api-token',
      })),
      fc.record({
        scheme: fc.constant('key' as const),
        key: trickyString,
        email: trickyString,
        source: fc.constant('API key from CLOUDFLARE_API_KEY'),
      }),
    );
    const problems = [
      'is empty',
      'contains a control character',
      'contains a character that is not printable ASCII',
    ];
    const subjects = [
      'the API token from --api-token',
      'the API key from CLOUDFLARE_API_KEY',
      'the email for the API key from CLOUDFLARE_API_KEY',
    ];
    const allowedMessages = [
      ...subjects.flatMap((subject) => problems.map((problem) => `${subject} ${problem}`)),
      'the API token from --api-token contains a space; an API token is one word',
    ];
    fc.assert(
      fc.property(credentials, (credential) => {
        try {
          validateCredential(credential);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect(allowedMessages).toContain((error as Error).message);
          return;
        }
        const values =
          credential.scheme === 'token' ? [credential.token] : [credential.key, credential.email];
        for (const value of values) expect(value).toMatch(/^[\x20-\x7e]+$/);
        if (credential.scheme === 'token') expect(credential.token).not.toMatch(/\s/);
      }),
      RUNS,
    );
  });

  it('base URL: rejected, or https, or http to a loopback host; never credentials, query or fragment', () => {
    const host = fc.constantFrom(
      'api.cloudflare.com',
      'localhost',
      'LOCALHOST',
      'localhost.evil.example',
      '127.0.0.1',
      '127.255.0.9',
      '127.0.0.1.evil.example',
      '2130706433',
      '0x7f.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '10.0.0.1',
      '',
    );
    const composed = fc
      .tuple(
        fc.constantFrom(
          'https://',
          'http://',
          'HTTP://',
          'ftp://',
          'file://',
          'javascript:',
          '//',
          '',
        ),
        fc.constantFrom('', 'user@', 'user:pw@', ':pw@'),
        host,
        fc.constantFrom('', ':8787', ':0', ':99999'),
        fc.constantFrom('', '/', '/client/v4', '/a/../b', '/%2e%2e/'),
        fc.constantFrom('', '?', '?x=1', '#', '#frag', ' ', '\n'),
      )
      .map((parts) => parts.join(''));
    const candidates = fc.oneof(
      composed,
      trickyString,
      fc.webUrl({
        validSchemes: ['http', 'https'],
        withQueryParameters: true,
        withFragments: true,
      }),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        usageErrorOr(
          () => validateBaseUrl({ value, source: '--base-url' }),
          (url) => {
            const loopback =
              url.hostname === 'localhost' ||
              url.hostname === '[::1]' ||
              /^127\./.test(url.hostname);
            expect(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)).toBe(true);
            expect(url.username).toBe('');
            expect(url.password).toBe('');
            expect(url.href).not.toMatch(/[?#]/);
          },
        );
      }),
      RUNS,
    );
  });
});

describe('JSON error locator', () => {
  it('finds an error exactly when JSON.parse fails', () => {
    const jsonish = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value, null, 2) ?? ''),
      fc
        .tuple(
          fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
          fc.nat(),
          trickyString,
        )
        .map(
          ([text, at, insert]) =>
            text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
        ),
      fc
        .array(
          fc.constantFrom(
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            '"a"',
            '"\\u12"',
            '"\\x"',
            '1',
            '-0.5e+3',
            '01',
            'true',
            'nul',
            ' ',
            '\n',
            '\t',
          ),
        )
        .map((parts) => parts.join('')),
      trickyString,
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const offset = findJsonSyntaxError(text);
        expect(offset === undefined).toBe(valid);
        if (offset !== undefined) expect(offset).toBeLessThanOrEqual(text.length);
      }),
      RUNS,
    );
  });

  it('survives deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
    expect(findJsonSyntaxError('['.repeat(200_000))).toBe(200_000);
  });
});

describe('rc files with arbitrary content', () => {
  let root: string;
  let home: string;

  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'cfoauth-property-')));
    home = join(root, 'home');
    await mkdir(home);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Loads `text` from `~/<name>`: it must load, or fail with a ConfigError naming the file. */
  async function loadsOrNamesTheFile(name: string, text: string): Promise<void> {
    const filePath = join(home, name);
    await writeFile(filePath, text);
    await chmod(filePath, 0o600);
    try {
      await resolveSettings({}, {}, { cwd: home, homedir: home, platform: 'linux' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(`~/${name}`);
    } finally {
      await rm(filePath);
    }
  }

  /** Values for the known keys: mostly strings, sometimes anything JSON can hold. */
  const settingValue = fc.oneof(fc.string(), fc.string(), fc.jsonValue());
  const values = fc.record(
    {
      accountId: settingValue,
      apiToken: settingValue,
      apiKey: settingValue,
      email: settingValue,
      baseUrl: settingValue,
      typo: settingValue,
    },
    { requiredKeys: [] },
  );
  const rcObject = fc.record(
    {
      accountId: settingValue,
      apiToken: settingValue,
      defaultProfile: fc.oneof(fc.constantFrom('prod', 'dev', '__proto__'), settingValue),
      profiles: fc.oneof(
        fc.dictionary(
          fc.oneof(fc.constantFrom('prod', 'dev', '__proto__', 'constructor'), fc.string()),
          fc.oneof(values, fc.jsonValue()),
        ),
        fc.jsonValue(),
      ),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it(
    'random JSON values in .cfoauthrc.json',
    async () => {
      const content = fc
        .oneof(rcObject, fc.jsonValue())
        .map((value) => JSON.stringify(value) ?? '');
      await fc.assert(
        fc.asyncProperty(content, (text) => loadsOrNamesTheFile('.cfoauthrc.json', text)),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'random text in .cfoauthrc.json',
    async () => {
      await fc.assert(
        fc.asyncProperty(trickyString, (text) => loadsOrNamesTheFile('.cfoauthrc.json', text)),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'random YAML-like text in the extensionless .cfoauthrc',
    async () => {
      const yamlish = fc.oneof(
        trickyString,
        fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
        fc
          .array(
            fc.constantFrom(
              'apiToken: ',
              'accountId:',
              'profiles:',
              'defaultProfile: prod',
              '\n  prod:',
              '\n    apiKey: k',
              '\n',
              '  ',
              '- ',
              '{',
              '}',
              '[',
              ']',
              ': ',
              ',',
              '"',
              "'",
              '!<tag:x>',
              '!!binary ',
              '&a ',
              '*a',
              '<<: ',
              '#',
              '---',
              '...',
              '%YAML 1.2',
              '12',
              'x',
              '\t',
            ),
          )
          .map((parts) => parts.join('')),
      );
      await fc.assert(
        fc.asyncProperty(yamlish, (text) => loadsOrNamesTheFile('.cfoauthrc', text)),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'random objects in .cfoauthrc.yaml',
    async () => {
      // JSON is valid YAML, so this exercises the YAML loader with every shape.
      const content = rcObject.map((value) => JSON.stringify(value) ?? '');
      await fc.assert(
        fc.asyncProperty(content, (text) => loadsOrNamesTheFile('.cfoauthrc.yaml', text)),
        RUNS,
      );
    },
    SLOW,
  );
});

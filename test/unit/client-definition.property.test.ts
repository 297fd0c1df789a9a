/**
 * Any input to a client definition either becomes a body the API would accept or is refused
 * with a UsageError that names where the value came from; nothing else ever comes out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleFields, parseDefinition } from '../../src/clients/definition.js';
import { FIELD_SPECS } from '../../src/clients/fields.js';
import { UsageError } from '../../src/errors.js';

const RUNS = { seed: 1313, numRuns: 500 } as const;
const REQUIRED = { name: 'n', redirectUri: ['https://a.example/cb'], scope: ['account.read'] };

/** The refusal of `fn`, or undefined when it returned. Anything but a UsageError fails. */
function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
}

/** Strings with URL-ish pieces, spaces, controls and non-ASCII mixed in. */
const uriLike = fc.oneof(
  fc.string({ unit: 'grapheme-ascii' }),
  fc.webUrl(),
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'com.app:/', 'localhost:', '', '//'),
      fc.string({ unit: 'binary' }),
    )
    .map(([a, b]) => a + b),
);

const URI_SPECS = FIELD_SPECS.filter((spec) => spec.kind === 'uri' || spec.kind === 'uris');
const ENUM_SPECS = FIELD_SPECS.filter((spec) => spec.kind === 'enum' || spec.kind === 'enums');

describe('validation of flag values (property)', () => {
  it('a URI flag value is sent only when it is an absolute URL without spaces or controls', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URI_SPECS), uriLike, (spec, value) => {
        const flags = { ...REQUIRED, [spec.option]: spec.kind === 'uris' ? [value] : value };
        let fields: Record<string, unknown> | undefined;
        const message = refusal(() => {
          fields = assembleFields({ flags, mode: 'create' });
        });
        if (message === undefined) {
          expect(URL.canParse(value)).toBe(true);
          expect(value).not.toMatch(/[\s\p{Cc}]/u);
          const sent = fields?.[spec.field];
          expect(Array.isArray(sent) ? sent : [sent]).toContain(value);
        } else {
          expect(message.startsWith(`${spec.flag} `)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('an enum flag value is sent exactly when the OpenAPI lists it', () => {
    const candidates = fc.oneof(
      fc.string(),
      fc.constantFrom(...ENUM_SPECS.flatMap((spec) => spec.values ?? [])),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ENUM_SPECS), candidates, (spec, value) => {
        const given = spec.field === 'grant_types' ? ['authorization_code', value] : [value];
        const flags = { ...REQUIRED, [spec.option]: spec.kind === 'enums' ? given : value };
        const message = refusal(() => assembleFields({ flags, mode: 'create' }));
        expect(message === undefined).toBe(spec.values?.includes(value) === true);
        if (message !== undefined) expect(message).toContain(`${spec.flag} `);
      }),
      RUNS,
    );
  });

  it('a scope is sent unless it is empty, has spaces or controls, or a colon', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (scope) => {
        const message = refusal(() =>
          assembleFields({ flags: { ...REQUIRED, scope: [scope] }, mode: 'create' }),
        );
        const bad = scope === '' || /[\s\p{Cc}:]/u.test(scope);
        expect(message !== undefined).toBe(bad);
      }),
      RUNS,
    );
  });
});

describe('definition files (property)', () => {
  it('any JSON value is read or refused with a UsageError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        try {
          await parseDefinition(JSON.stringify(value) ?? 'null', 'def.json');
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).toContain('def.json');
        }
      }),
      RUNS,
    );
  });

  it('a syntax error never quotes the file, which may hold a secret', async () => {
    const canary = 'canary-client-secret-in-a-file';
    const broken = fc.tuple(
      fc.string(),
      fc.constantFrom('[', '{', '"', ': :', '&a *b', '!tag', '\t'),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(broken, async ([before, junk, after]) => {
        const text = `client_secret: ${canary}\n${before}${junk}${canary}${after}`;
        try {
          await parseDefinition(text, 'def.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).not.toContain(canary);
        }
      }),
      RUNS,
    );
  });
});

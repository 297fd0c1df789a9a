/** `delete --match` and `--created-before`: globs, dates, durations, and which clients match. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OAuthClient } from '../../src/api/oauth-clients.js';
import {
  globToRegExp,
  parseCreatedBefore,
  selectClients,
  validateGlob,
} from '../../src/clients/selectors.js';
import { UsageError } from '../../src/errors.js';
import { usageErrorMessage } from '../helpers/usage-error.js';

const RUNS = { seed: 1515, numRuns: 500 } as const;
const NOW = Date.parse('2026-11-30T12:00:00Z');

const refusal = usageErrorMessage;

describe('--match globs', () => {
  it('* is any run, ? one character, case-sensitive, everything else literal', () => {
    const matches = (glob: string, name: string) => globToRegExp(glob).test(name);
    expect(matches('preview-*', 'preview-42')).toBe(true);
    expect(matches('preview-*', 'preview-')).toBe(true);
    expect(matches('preview-*', 'Preview-42')).toBe(false);
    expect(matches('preview-*', 'my preview-42')).toBe(false);
    expect(matches('pr-?', 'pr-7')).toBe(true);
    expect(matches('pr-?', 'pr-42')).toBe(false);
    expect(matches('pr-?', 'pr-😀')).toBe(true);
    expect(matches('*/cb', 'a/b/cb')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('[ab]', 'a')).toBe(false);
    expect(matches('[ab]', '[ab]')).toBe(true);
    expect(matches('*', 'line\nbreak')).toBe(true);
  });

  it('without wildcards a glob matches exactly itself (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !/[*?]/.test(s)),
        fc.string({ unit: 'binary' }),
        (glob, other) => {
          const pattern = globToRegExp(glob);
          expect(pattern.test(glob)).toBe(true);
          expect(pattern.test(other)).toBe(other === glob);
        },
      ),
      RUNS,
    );
  });

  it('prefix*suffix matches exactly the names with that prefix and suffix (property)', () => {
    const literal = fc.string({ unit: 'binary' }).filter((s) => !/[*?]/.test(s));
    fc.assert(
      fc.property(literal, literal, fc.string({ unit: 'binary' }), (prefix, suffix, name) => {
        const expected =
          name.length >= prefix.length + suffix.length &&
          name.startsWith(prefix) &&
          name.endsWith(suffix);
        expect(globToRegExp(`${prefix}*${suffix}`).test(name)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('? stands for exactly one code point (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 6 }), (name) => {
        const glob = '?'.repeat(Array.from(name).length);
        expect(globToRegExp(glob).test(name)).toBe(true);
        expect(globToRegExp(`${glob}?`).test(name)).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses an empty glob and control characters', () => {
    expect(refusal(() => validateGlob(''))).toBe('--match is empty');
    expect(refusal(() => validateGlob('a\u001b[2J'))).toBe(
      '--match "a\\u001b[2J" contains control characters',
    );
    expect(validateGlob('preview-*')).toBe('preview-*');
  });
});

describe('--created-before', () => {
  it('takes a day (UTC midnight), an instant with a zone, or hours, days, weeks ago', () => {
    expect(parseCreatedBefore('2026-01-01', NOW)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(parseCreatedBefore('2026-01-01T12:00:00Z', NOW)).toBe(
      Date.parse('2026-01-01T12:00:00Z'),
    );
    expect(parseCreatedBefore('2026-01-01T12:00+02:00', NOW)).toBe(
      Date.parse('2026-01-01T10:00:00Z'),
    );
    expect(parseCreatedBefore('12h', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseCreatedBefore('7d', NOW)).toBe(Date.parse('2026-11-23T12:00:00Z'));
    expect(parseCreatedBefore('2w', NOW)).toBe(Date.parse('2026-11-16T12:00:00Z'));
  });

  it('refuses anything else, each with what it would take', () => {
    const cases: [string, string][] = [
      ['2026-02-30', 'is not a calendar date'],
      ['2026-02-30T00:00:00Z', 'is not a calendar date'],
      ['2026-01-01T12:00:00', 'is neither a date nor a duration'],
      ['7', 'is neither a date nor a duration'],
      ['7 d', 'is neither a date nor a duration'],
      ['-7d', 'is neither a date nor a duration'],
      ['7m', 'is neither a date nor a duration'],
      ['yesterday', 'is neither a date nor a duration'],
      ['0d', 'is now: it would match every client'],
      ['999999w', 'is more than 100 years ago'],
      ['2027-01-01', 'is in the future: it would match every client'],
      ['2026-01-01T25:00:00Z', 'is not a valid date and time'],
    ];
    for (const [value, why] of cases) {
      expect(refusal(() => parseCreatedBefore(value, NOW))).toBe(
        `--created-before ${JSON.stringify(value)} ${why}`,
      );
    }
  });

  it('any input is an instant not after now, or a UsageError (property)', () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.tuple(fc.nat(99_999), fc.constantFrom('h', 'd', 'w', 'm', '')).map(([n, u]) => `${n}${u}`),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(input, (value) => {
        try {
          const instant = parseCreatedBefore(value, NOW);
          expect(Number.isFinite(instant)).toBe(true);
          expect(instant).toBeLessThanOrEqual(NOW);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
      RUNS,
    );
  });
});

describe('selecting clients', () => {
  const clients: OAuthClient[] = [
    { client_id: '1', client_name: 'preview-1', created_at: '2026-11-01T00:00:00Z' },
    { client_id: '2', client_name: 'preview-2', created_at: '2026-11-29T00:00:00Z' },
    { client_id: '3', client_name: 'prod', created_at: '2025-01-01T00:00:00Z' },
    { client_id: '4', created_at: '2025-01-01T00:00:00Z' },
    { client_id: '5', client_name: 'preview-undated' },
    { client_id: '6', client_name: 'preview-odd', created_at: 'soon' },
  ];
  const ids = (selected: OAuthClient[]) => selected.map((client) => client.client_id);

  it('--match and --created-before alone and together (AND); what cannot be checked never matches', () => {
    const weekAgo = parseCreatedBefore('7d', NOW);
    expect(ids(selectClients(clients, { match: 'preview-*' }))).toEqual(['1', '2', '5', '6']);
    expect(ids(selectClients(clients, { createdBefore: weekAgo }))).toEqual(['1', '3', '4']);
    expect(ids(selectClients(clients, { match: 'preview-*', createdBefore: weekAgo }))).toEqual([
      '1',
    ]);
    expect(ids(selectClients(clients, { match: '*' }))).toEqual(['1', '2', '3', '5', '6']);
  });
});

/** The API's error entries as shown: escaped, malformed ones as what they are, chains nested. */
import { describe, expect, it } from 'vitest';
import { describeEntry, entryLines, rejectsCredential } from '../../src/api/messages.js';
import { createRedactor } from '../../src/api/redaction.js';

describe('describeEntry', () => {
  it.each([
    [{ code: 9109, message: 'Invalid access token' }, 'Invalid access token (code 9109)'],
    [{ code: 1000 }, '(no message) (code 1000)'],
    [{ code: 1000, message: '  ' }, '(no message) (code 1000)'],
    [{ code: 1000, message: ' Invalid token\r\n' }, 'Invalid token (code 1000)'],
    [{ code: 1000, message: { a: 1 } }, '{"a":1} (code 1000)'],
    [{ code: '7', message: 'x' }, 'x (code "7")'],
    [{ message: 'no code' }, 'no code'],
    ['a bare string', '"a bare string"'],
    [42, '42'],
    [
      { code: 1, message: 'a\u001b[2J\r\nerror: b\u202e\\' },
      'a\\u001b[2J\\r\\nerror: b\\u202e\\\\ (code 1)',
    ],
  ])('%j → %s', (entry, shown) => {
    expect(describeEntry(entry)).toBe(shown);
  });
});

describe('entryLines', () => {
  it('indents each error_chain under its parent, with documentation links', () => {
    const lines = entryLines([
      {
        code: 6003,
        message: 'Invalid request headers',
        documentation_url: 'https://example.test/\u0007',
        error_chain: [{ code: 6111, message: 'Invalid format', error_chain: [{ code: 1 }] }],
      },
      { code: 2, message: 'second' },
    ]);
    expect(lines).toEqual([
      '  Invalid request headers (code 6003)',
      '  see https://example.test/\\u0007',
      '    Invalid format (code 6111)',
      '      (no message) (code 1)',
      '  second (code 2)',
    ]);
  });
});

describe('rejectsCredential', () => {
  it.each([
    [[{ code: 9109, message: 'Invalid access token' }], true],
    [[{ code: 6003, message: 'Invalid request headers' }], true],
    [[{ code: 10000, message: 'Invalid API Token' }], true],
    [[{ code: 1000, message: 'Invalid API Token' }], true],
    [[{ code: 10000, message: 'Authentication error', error_chain: [{ code: 9109 }] }], true],
    [[{ code: 10000, message: 'Authentication error' }], false],
    [[{ code: 1001, message: 'Invalid field' }], false],
    [['9109'], false],
  ])('%j → %s', (entries, rejected) => {
    expect(rejectsCredential(entries)).toBe(rejected);
  });
});

describe('the redactor', () => {
  const redact = createRedactor(['s3cret@example.com']);
  it.each([
    ['user s3cret@example.com', 'user [REDACTED]'],
    ['user s3cret%40example.com', 'user [REDACTED]'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [REDACTED]'],
    ['bearer\t"quoted token"', 'bearer\t[REDACTED]'],
    ['Bearer abcBearer def', 'Bearer [REDACTED]Bearer [REDACTED]'],
    ['Bearer [REDACTED]', 'Bearer [REDACTED]'],
  ])('%s → %s', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });
});

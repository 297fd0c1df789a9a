/**
 * The renderers for API text: cells, aligned tables, tab-separated lines, the client list and
 * the client details. Names come from the API, so properties run them on arbitrary text.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { OAuthClient } from '../../src/api/oauth-clients.js';
import { filterByName } from '../../src/commands/list/run.js';
import { renderClientDetails } from '../../src/output/client-details.js';
import { clientRows, renderClientTable } from '../../src/output/client-list.js';
import { loadPainter } from '../../src/output/colour.js';
import { cellText, renderTable, renderTsv } from '../../src/output/table.js';

const RUNS = { seed: 5, numRuns: 300 } as const;
const plain = await loadPainter(false);

/** Names as hostile as the API could send: controls, escapes, bidi, wide and astral text. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\r', '\\', '\u001b', '\u009b', '\u202e'),
  }),
  fc.string({ unit: fc.constantFrom('社', '内', '🙂', 'é', '\u0301', '\u200b', '\ud83d') }),
);

const UNSAFE_IN_A_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function client(fields: Partial<OAuthClient>): OAuthClient {
  return { client_id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4', ...fields };
}

describe('cellText', () => {
  it('escapes what a terminal would act on, and the backslash so escapes stay unambiguous', () => {
    expect(cellText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(cellText('\u001b[2J\u009b\u007f')).toBe('\\u001b[2J\\u009b\\u007f');
    expect(cellText('evil\u202etxt.exe \u200b \u2028')).toBe('evil\\u202etxt.exe \\u200b \\u2028');
    expect(cellText('社内 🙂 é')).toBe('社内 🙂 é');
  });

  it('shows absent values as empty and other JSON values as JSON', () => {
    expect([cellText(undefined), cellText(null), cellText(3), cellText(true)]).toEqual([
      '',
      '',
      '3',
      'true',
    ]);
    expect(cellText({ a: ['x\ny'] })).toBe('{"a":["x\\\\ny"]}');
  });

  it('never leaves a control, format or line-separator character (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => !UNSAFE_IN_A_LINE.test(cellText(text))),
      RUNS,
    );
  });
});

describe('renderTable', () => {
  it('pads columns to their widest cell in terminal columns and trims line ends', () => {
    const rows = [
      ['ID', 'NAME', 'N'],
      ['a', '社内', '1'],
      ['bbb', 'x', ''],
    ];
    expect(renderTable(rows)).toBe('ID   NAME  N\na    社内  1\nbbb  x\n');
  });

  it('drops columns in the given order, then cuts the shrinkable one with an ellipsis', () => {
    const rows = [
      ['ID', 'NAME', 'A', 'B'],
      ['1', 'a rather long client name', 'aaaa', 'bbbb'],
    ];
    const options = { droppable: [3, 2], shrinkColumn: 1 };
    expect(renderTable(rows, { ...options, width: 100 })).toBe(
      'ID  NAME                       A     B\n1   a rather long client name  aaaa  bbbb\n',
    );
    expect(renderTable(rows, { ...options, width: 35 })).toBe(
      'ID  NAME                       A\n1   a rather long client name  aaaa\n',
    );
    expect(renderTable(rows, { ...options, width: 29 })).toBe(
      'ID  NAME\n1   a rather long client name\n',
    );
    expect(renderTable(rows, { ...options, width: 14 })).toBe('ID  NAME\n1   a rather lo…\n');
  });

  it('cuts by terminal columns, never inside a wide character or a grapheme', () => {
    const decomposed = 'e\u0301'.repeat(14);
    const rows = [
      ['X', 'N'],
      ['1', '社内ツール管理'],
      ['2', decomposed],
    ];
    expect(renderTable(rows, { width: 15, shrinkColumn: 1 })).toBe(
      `X  N\n1  社内ツール…\n2  ${'e\u0301'.repeat(11)}…\n`,
    );
  });

  it('applies the header paint after alignment', () => {
    const table = renderTable(
      [
        ['A', 'B'],
        ['long', 'x'],
      ],
      { paintHeader: (text) => `<${text}>` },
    );
    expect(table).toBe('<A     B>\nlong  x\n');
  });

  it('lines up every column for any cell text (property)', () => {
    const cells = fc.array(fc.array(hostileText.map(cellText), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 6,
    });
    const padTo = (text: string, width: number) => text + ' '.repeat(width - stringWidth(text));
    fc.assert(
      fc.property(cells, (rows) => {
        const widths = [0, 1].map((column) =>
          Math.max(...rows.map((row) => stringWidth(row[column] ?? ''))),
        );
        const expected = rows.map((row) =>
          [padTo(row[0] ?? '', widths[0] ?? 0), padTo(row[1] ?? '', widths[1] ?? 0), row[2]]
            .join('  ')
            .trimEnd(),
        );
        expect(renderTable(rows)).toBe(`${expected.join('\n')}\n`);
      }),
      RUNS,
    );
  });
});

describe('the client list', () => {
  const clients = [
    client({
      client_name: 'Acme',
      visibility: 'private',
      redirect_uris: ['https://a', 'https://b'],
      created_at: '2025-01-01T00:00:00Z',
      updated_at: 'yesterday',
    }),
    client({ client_id: 'x', client_name: undefined, redirect_uris: undefined }),
  ];

  it('gives scripts every field in a fixed order, absent ones empty', () => {
    expect(clientRows(clients)).toEqual([
      [
        'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
        'Acme',
        'private',
        '2',
        '2025-01-01T00:00:00Z',
        'yesterday',
      ],
      ['x', '', '', '', '', ''],
    ]);
    expect(renderTsv(clientRows(clients))).toBe(
      'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4\tAcme\tprivate\t2\t2025-01-01T00:00:00Z\tyesterday\nx\t\t\t\t\t\n',
    );
  });

  it('shows the dates on a wide terminal, ISO timestamps as days', () => {
    expect(renderClientTable(clients, { width: 200, paint: plain })).toBe(
      'ID                                NAME  VISIBILITY  REDIRECT URIS  CREATED     UPDATED\n' +
        'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4  Acme  private     2              2025-01-01  yesterday\n' +
        'x\n',
    );
  });

  it('keeps one line per client with six tab-separated fields, whatever the names (property)', () => {
    const named = fc.array(
      fc.record({ client_id: hostileText, client_name: hostileText, visibility: hostileText }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(named, (list) => {
        const lines = renderTsv(clientRows(list)).split('\n');
        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(list.length);
        for (const line of lines) {
          expect(line.split('\t')).toHaveLength(6);
          expect(UNSAFE_IN_A_LINE.test(line.replaceAll('\t', ''))).toBe(false);
        }
        const table = renderClientTable(list, { width: 80, paint: plain });
        expect(table.split('\n')).toHaveLength(list.length + 2);
        expect(UNSAFE_IN_A_LINE.test(table.replaceAll('\n', ''))).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('filterByName', () => {
  it('matches a substring of the name in any case; no filter keeps all', () => {
    const list = [
      client({ client_name: 'Acme Staging' }),
      client({ client_name: 'ACME prod' }),
      client({}),
    ];
    expect(filterByName(list, 'acme').map((c) => c.client_name)).toEqual([
      'Acme Staging',
      'ACME prod',
    ]);
    expect(filterByName(list, 'STAG').map((c) => c.client_name)).toEqual(['Acme Staging']);
    expect(filterByName(list, undefined)).toEqual(list);
    expect(filterByName(list, '')).toEqual(list);
  });

  it('keeps exactly the clients whose name contains the filter, in order (property)', () => {
    const names = fc.array(fc.option(hostileText, { nil: undefined }), { maxLength: 8 });
    fc.assert(
      fc.property(names, hostileText, (list, filter) => {
        const clients = list.map((name) => client({ client_name: name }));
        const kept = filterByName(clients, filter);
        const expected = clients.filter((c) =>
          (c.client_name ?? '').toLowerCase().includes(filter.toLowerCase()),
        );
        expect(kept).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe('renderClientDetails', () => {
  it('shows the fields a person checks, one list entry per line, absent lists as (none)', () => {
    const text = renderClientDetails({
      client_id: 'a1b2',
      client_name: 'Acme\nstaging',
      visibility: 'public',
      redirect_uris: ['https://a/cb', 'https://b/cb'],
      scopes: [],
      client_uri: 'https://acme.example',
      tos_uri: 'https://acme.example/tos',
      created_at: '2025-01-01T00:00:00Z',
      response_types: ['code'],
    });
    expect(text).toBe(
      [
        'ID:                    a1b2',
        'Name:                  Acme\\nstaging',
        'Visibility:            public',
        'Redirect URIs:         https://a/cb',
        '                       https://b/cb',
        'Scopes:                (none)',
        'Grant types:           (none)',
        'Client URI:            https://acme.example',
        'Terms of service URI:  https://acme.example/tos',
        'Created:               2025-01-01T00:00:00Z',
        '',
      ].join('\n'),
    );
  });
});

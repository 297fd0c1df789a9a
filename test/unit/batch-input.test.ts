/**
 * Reading batch IDs: lines from streamed chunks, comments, blanks, duplicates, validation with
 * the place of every bad ID; and a fast-check model of the whole rule.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectClientIds,
  type IdFile,
  MAX_LINE_LENGTH,
  openIdFile,
} from '../../src/batch/id-input.js';
import { type Line, readLines } from '../../src/batch/lines.js';
import { validateClientId } from '../../src/config/validate.js';
import type { Context } from '../../src/context.js';
import { InterruptedError, UsageError } from '../../src/errors.js';
import { createInterrupts } from '../../src/interrupts.js';
import { makeHome } from '../helpers/cli.js';

const RUNS = { seed: 20261126, numRuns: 1000 };
const A = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const B = 'b7e4c1d09f3a4e6b8c2d5f1a0e9b7c3d';
const C = 'c0ffee5eedc0ffee5eedc0ffee5eed00';

async function linesOf(chunks: Array<string | Uint8Array>, max = 100): Promise<Line[]> {
  const lines: Line[] = [];
  for await (const line of readLines(Readable.from(chunks, { objectMode: true }), max)) {
    lines.push(line);
  }
  return lines;
}

function fileOf(text: string, label = 'ids.txt'): IdFile {
  return { label, lines: readLines(Readable.from([text]), MAX_LINE_LENGTH) };
}

async function failureOf(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('readLines', () => {
  it('splits chunks into numbered lines, wherever the chunks break', async () => {
    expect(await linesOf(['ab\ncd', 'e\n\nf'])).toEqual([
      { number: 1, text: 'ab', cut: false },
      { number: 2, text: 'cde', cut: false },
      { number: 3, text: '', cut: false },
      { number: 4, text: 'f', cut: false },
    ]);
    expect(await linesOf(['x\n'])).toEqual([{ number: 1, text: 'x', cut: false }]);
    expect(await linesOf([])).toEqual([]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('é\n€');
    const lines = await linesOf([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)]);
    expect(lines.map((line) => line.text)).toEqual(['é', '€']);
  });

  it('cuts a line longer than the limit instead of holding all of it', async () => {
    const lines = await linesOf(['x'.repeat(60), 'y'.repeat(60), '\nok'], 100);
    expect(lines).toEqual([
      { number: 1, text: 'x'.repeat(60) + 'y'.repeat(40), cut: true },
      { number: 2, text: 'ok', cut: false },
    ]);
    expect(await linesOf(['z'.repeat(150)], 100)).toEqual([
      { number: 1, text: 'z'.repeat(100), cut: true },
    ]);
  });
});

describe('collectClientIds', () => {
  it('trims, skips blanks and comments, keeps the first of repeats, in input order', async () => {
    const file = fileOf(`# clients to remove\n  ${B}  \n\n${A} # staging\r\n${B}\n\t#${C}\n`);
    const { ids, duplicates } = await collectClientIds([C, A], file);
    expect([...ids]).toEqual([C, A, B]);
    expect(duplicates).toBe(2);
  });

  it('keeps a # inside an ID: only # at the start or after whitespace starts a comment', async () => {
    const { ids } = await collectClientIds([], fileOf(`${C} #d\n`));
    expect([...ids]).toEqual([C]);
    const error = await failureOf(collectClientIds([], fileOf(`${A}#b\n`)));
    expect(error.message).toContain(`ids.txt line 1: the OAuth client ID "${A}#b" is not 32`);
  });

  it('names the place of every invalid ID, and fails as a whole', async () => {
    const file = fileOf(`${A}\n.\n${B}\nx\u200by\n`);
    const error = await failureOf(collectClientIds(['..', C], file));
    expect(error.message).toBe(
      [
        '3 invalid OAuth client IDs; nothing was sent',
        '  argument 1: ".." is not an OAuth client ID',
        '  ids.txt line 2: "." is not an OAuth client ID',
        '  ids.txt line 4: the OAuth client ID "x\\u200by" contains whitespace, a control character or an invisible character',
      ].join('\n'),
    );
  });

  it('takes upper-case IDs in lower case, counting them; a quoted ID gets the jq hint', async () => {
    const { ids, duplicates, lowered } = await collectClientIds(
      [A.toUpperCase()],
      fileOf(`${A}\n`),
    );
    expect([[...ids], duplicates, lowered]).toEqual([[A], 1, 1]);
    const error = await failureOf(collectClientIds([], fileOf(`${A}\n${B}\n"${C}"\n`)));
    expect(error.message).toBe(
      `an invalid OAuth client ID; nothing was sent\n  ids.txt line 3: the OAuth client ID "\\"${C}\\"" has quotes`,
    );
    expect((error as UsageError).hint).toContain('jq -r');
  });

  it('refuses a line too long to be an ID, but not a long comment', async () => {
    const long = 'f'.repeat(MAX_LINE_LENGTH + 1);
    const error = await failureOf(collectClientIds([], fileOf(`${A}\n${long}\n`)));
    expect(error.message).toBe(
      `an invalid OAuth client ID; nothing was sent\n  ids.txt line 2: longer than ${MAX_LINE_LENGTH} characters, which no ID is`,
    );
    const comment = `${A} # ${'note '.repeat(MAX_LINE_LENGTH / 4)}`;
    expect([...(await collectClientIds([], fileOf(comment))).ids]).toEqual([A]);
  });

  it('an input without IDs is a usage error', async () => {
    const error = await failureOf(collectClientIds([], fileOf('# nothing\n\n', 'stdin')));
    expect(error.message).toBe('no OAuth client IDs in stdin');
    expect(error.hint).toBe('one ID per line; blank lines and lines starting with # are ignored');
  });

  it('says why a file cannot be read', async () => {
    const place = makeHome();
    const ctx = { cwd: place.cwd, interrupts: createInterrupts(0) } as unknown as Context;
    const missing = await failureOf(collectClientIds([], openIdFile('nope.txt', ctx)));
    expect(missing.message).toBe('cannot read --from-file nope.txt: no such file');
    mkdirSync(join(place.cwd, 'dir'));
    const directory = await failureOf(collectClientIds([], openIdFile('dir', ctx)));
    expect(directory.message).toBe('cannot read --from-file dir: it is a directory');
    const odd = await failureOf(collectClientIds([], openIdFile('a\u001b[31m', ctx)));
    expect(odd.message).toBe('cannot read --from-file "a\\u001b[31m": no such file');
    writeFileSync(join(place.cwd, 'ids.txt'), `${A}\n`);
    expect([...(await collectClientIds([], openIdFile('ids.txt', ctx))).ids]).toEqual([A]);
  });

  it('reads stdin for -', async () => {
    const stdin = Readable.from([`${A}\n${B}\n`]);
    const ctx = {
      cwd: '/',
      streams: { stdin },
      interrupts: createInterrupts(0),
    } as unknown as Context;
    const file = openIdFile('-', ctx);
    expect(file.label).toBe('stdin');
    expect([...(await collectClientIds([], file)).ids]).toEqual([A, B]);
  });

  it('a signal ends the wait for a stdin that never ends', async () => {
    const stdin = new PassThrough();
    stdin.write(`${A}\n`);
    const interrupts = createInterrupts(0);
    const ctx = { cwd: '/', streams: { stdin }, interrupts } as unknown as Context;
    const reading = collectClientIds([], openIdFile('-', ctx));
    setTimeout(() => interrupts.raise('SIGTERM'), 10);
    const error = await reading.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toMatchObject({
      signal: 'SIGTERM',
      message: 'interrupted while reading the IDs from stdin: nothing was sent',
    });
  });

  it('follows the rule for any input (model check)', async () => {
    const piece = fc.oneof(
      fc.constantFrom(A, B, C, '#', ' ', '\t', '\r', '.', '..', 'a#b', '\u00a0', '\u200b', 'é'),
      fc.string({ maxLength: 6 }),
    );
    const line = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), async (lines) => {
        const text = lines.join('\n');
        const expected = model(text);
        const outcome = await collectClientIds([], fileOf(text)).then(
          (result) => ({ ids: [...result.ids] }),
          (error: UsageError) => ({ message: error.message }),
        );
        if (expected.bad.length > 0) {
          const places = expected.bad.map((n) => `  ids.txt line ${n}: `);
          for (const place of places)
            expect('message' in outcome && outcome.message).toContain(place);
        } else if (expected.ids.length === 0) {
          expect(outcome).toEqual({ message: 'no OAuth client IDs in ids.txt' });
        } else {
          expect(outcome).toEqual({ ids: expected.ids });
        }
      }),
      RUNS,
    );
  });
});

/** The rule, written plainly: what the IDs of `text` are, and which lines are bad. */
function model(text: string): { ids: string[]; bad: number[] } {
  const ids: string[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const words = raw.split(/(\s+)/);
    let kept = '';
    for (const word of words) {
      if (word.startsWith('#') && (kept === '' || /\s$/.test(kept))) break;
      kept += word;
    }
    const id = kept.trim();
    if (id === '') return;
    try {
      validateClientId(id);
    } catch {
      bad.push(index + 1);
      return;
    }
    if (!ids.includes(id)) ids.push(id);
  });
  return { ids, bad };
}

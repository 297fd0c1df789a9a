/**
 * The IDs a batch works on: those on the command line, then those of `--from-file` (a path, or
 * `-` for stdin), one per line. Surrounding whitespace is trimmed; blank lines and `#` comments
 * (at the start of a line or after whitespace, so an ID may contain `#`) are ignored; an ID
 * given twice is kept once, where it first appears.
 *
 * Every ID must be valid before the first request, so the whole input is read first. It is
 * streamed, line by line, and only the IDs are kept: a Set of 100,000 IDs of 32 characters is
 * about 10 MB, however long the lines and comments around them.
 */

import { createReadStream } from 'node:fs';
import path from 'node:path';
import { QUOTES_HINT, validateClientId } from '../config/validate.js';
import type { Context } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { unreadableFromFile } from '../files/read-errors.js';
import { untilStopped } from '../interrupts.js';
import { quote } from '../output/quote.js';
import { type Line, readLines } from './lines.js';

/** Longer lines are cut (see lines.ts); no OAuth client ID comes near this. */
export const MAX_LINE_LENGTH = 65_536;

/** Where --from-file lines come from, and how messages name it ("ids.txt", "stdin"). */
export interface IdFile {
  label: string;
  lines: AsyncIterable<Line>;
}

export interface ClientIds {
  /** Unique, in input order. */
  ids: Set<string>;
  /** How many IDs were dropped as repeats. */
  duplicates: number;
  /** How many IDs were given in upper case (and are used in lower case). */
  lowered: number;
}

/** A path that can be shown as it is; anything else is shown quoted, control characters escaped. */
const PLAIN_PATH = /^[\w@%+=:,./~-]+$/;

/**
 * `-` is stdin; anything else a path relative to the working directory. The first signal ends
 * the reading (stdin may be a terminal, or a pipe from a command that is still running).
 */
export function openIdFile(fromFile: string, ctx: Context): IdFile {
  const stdin = fromFile === '-';
  const input = stdin
    ? ctx.streams.stdin
    : createReadStream(path.resolve(ctx.cwd, fromFile), { highWaterMark: 256 * 1024 });
  const label = stdin ? 'stdin' : PLAIN_PATH.test(fromFile) ? fromFile : quote(fromFile);
  const chunks = chunksUntilStopped(input, ctx, `reading the IDs from ${label}: nothing was sent`);
  return { label, lines: readLines(chunks, MAX_LINE_LENGTH) };
}

/** The stream's chunks, each awaited against the first signal (per chunk: lines are many). */
async function* chunksUntilStopped(
  input: AsyncIterable<string | Uint8Array>,
  ctx: Context,
  waitingFor: string,
): AsyncGenerator<string | Uint8Array> {
  const chunks = input[Symbol.asyncIterator]();
  for (;;) {
    const next = await untilStopped(chunks.next(), ctx.interrupts, waitingFor);
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Collects and validates every ID. One or more invalid IDs: a UsageError that names each one
 * by its place (`argument 2`, `ids.txt line 7`), and nothing is sent.
 */
export async function collectClientIds(
  args: readonly string[],
  file: IdFile | undefined,
): Promise<ClientIds> {
  const ids = new Set<string>();
  const problems: string[] = [];
  const hints = new Set<string>();
  let duplicates = 0;
  let lowered = 0;
  const add = (given: string, place: string) => {
    let id: string;
    try {
      id = validateClientId(given);
    } catch (error) {
      problems.push(`${place}: ${(error as Error).message}`);
      if (error instanceof UsageError && error.hint === QUOTES_HINT) hints.add(error.hint);
      return;
    }
    if (id !== given) lowered += 1;
    if (ids.has(id)) duplicates += 1;
    // A copy of its own: a substring would keep the whole input chunk it was cut from alive.
    else ids.add(Buffer.from(id).toString());
  };

  for (const [index, id] of args.entries()) add(id, `argument ${index + 1}`);
  if (file !== undefined) {
    try {
      for await (const line of file.lines) {
        const place = `${file.label} line ${line.number}`;
        const content = lineContent(line);
        if (content === 'too-long') {
          problems.push(`${place}: longer than ${MAX_LINE_LENGTH} characters, which no ID is`);
        } else if (content !== undefined) {
          add(content, place);
        }
      }
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      throw unreadableFromFile(file.label, error);
    }
  }

  if (problems.length > 0) {
    const count =
      problems.length === 1
        ? 'an invalid OAuth client ID'
        : `${problems.length} invalid OAuth client IDs`;
    const hint = hints.size > 0 ? [...hints].join('; ') : undefined;
    throw new UsageError(`${count}; nothing was sent\n  ${problems.join('\n  ')}`, { hint });
  }
  if (ids.size === 0) {
    throw new UsageError(`no OAuth client IDs in ${file?.label ?? 'the arguments'}`, {
      hint: 'one ID per line; blank lines and lines starting with # are ignored',
    });
  }
  return { ids, duplicates, lowered };
}

/** The ID on a line; undefined for a blank or comment line. */
function lineContent(line: Line): string | undefined | 'too-long' {
  const comment = COMMENT.exec(line.text);
  // A cut line is fine when its comment began before the cut: the rest is comment too.
  if (line.cut && comment === null) return 'too-long';
  const id = (comment === null ? line.text : line.text.slice(0, comment.index)).trim();
  return id === '' ? undefined : id;
}

/** `#` at the start of the line or after whitespace; `a#b` stays one ID. */
const COMMENT = /(?:^|\s)#/;

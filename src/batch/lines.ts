/**
 * Lines of a stream, read as they arrive: the input is never held whole. A line longer than
 * `maxLength` is cut there (and marked), so a file without line breaks cannot fill memory.
 */

import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** From 1. */
  number: number;
  /** Without its line break; at most `maxLength` characters. */
  text: string;
  /** The line was longer than `maxLength`. */
  cut: boolean;
}

export async function* readLines(
  input: AsyncIterable<string | Uint8Array>,
  maxLength: number,
): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let number = 0;
  let partial = '';
  let cut = false;
  const line = (text: string): Line => {
    const whole = partial + text;
    const result = {
      number: ++number,
      text: whole.slice(0, maxLength),
      cut: cut || whole.length > maxLength,
    };
    partial = '';
    cut = false;
    return result;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const pieces = text.split('\n');
    const last = pieces.pop() ?? '';
    for (const piece of pieces) yield line(piece);
    partial += last;
    if (partial.length > maxLength) {
      partial = partial.slice(0, maxLength);
      cut = true;
    }
  }
  const rest = decoder.end();
  if (partial !== '' || rest !== '' || cut) yield line(rest);
}

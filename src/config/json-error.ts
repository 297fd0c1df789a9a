/**
 * Where a JSON text first goes wrong. The parsers cannot tell us: on Node 20, `JSON.parse` (and
 * parse-json, which cosmiconfig uses) often reports no position at all ("Unexpected token '}',
 * ... is not valid JSON"), and their messages quote the file's content, which may hold a secret.
 * So we find the offset ourselves and build the message from the line and column alone.
 */

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * The offset of the first syntax error in `text` (RFC 8259 JSON), or undefined when it is valid.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): number | undefined {
  let pos = 0;
  /** Closing brackets of the objects and arrays we are inside, innermost last. */
  const closers: string[] = [];

  const skipWhitespace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text.charAt(pos))) pos++;
  };

  const readString = (): boolean => {
    if (text[pos] !== '"') return false;
    pos++;
    while (pos < text.length) {
      const ch = text.charAt(pos);
      if (ch === '"') {
        pos++;
        return true;
      }
      if (ch < ' ') return false;
      if (ch !== '\\') {
        pos++;
        continue;
      }
      const escaped = text.charAt(pos + 1);
      if (ESCAPABLE.has(escaped)) {
        pos += 2;
      } else if (escaped === 'u') {
        HEX4.lastIndex = pos + 2;
        if (!HEX4.test(text)) return false;
        pos += 6;
      } else {
        pos++;
        return false;
      }
    }
    return false;
  };

  /** An object key and its colon, leaving `pos` at the value. */
  const readKey = (): boolean => {
    if (!readString()) return false;
    skipWhitespace();
    if (text[pos] !== ':') return false;
    pos++;
    return true;
  };

  const readScalar = (): boolean => {
    if (text[pos] === '"') return readString();
    const literal = LITERALS.find((word) => text.startsWith(word, pos));
    if (literal !== undefined) {
      pos += literal.length;
      return true;
    }
    NUMBER.lastIndex = pos;
    if (!NUMBER.test(text)) return false;
    pos = NUMBER.lastIndex;
    return true;
  };

  nextValue: for (;;) {
    skipWhitespace();
    const opener = text[pos];
    if (opener === '{' || opener === '[') {
      const closer = opener === '{' ? '}' : ']';
      pos++;
      skipWhitespace();
      if (text[pos] === closer) {
        pos++;
      } else {
        closers.push(closer);
        if (closer === '}' && !readKey()) return pos;
        continue;
      }
    } else if (!readScalar()) {
      return pos;
    }
    // A value just ended: close containers, or move on to the next element.
    for (;;) {
      skipWhitespace();
      const closer = closers.at(-1);
      if (closer === undefined) return pos === text.length ? undefined : pos;
      if (text[pos] === closer) {
        pos++;
        closers.pop();
        continue;
      }
      if (text[pos] !== ',') return pos;
      pos++;
      if (closer === '}') {
        skipWhitespace();
        if (!readKey()) return pos;
      }
      continue nextValue;
    }
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

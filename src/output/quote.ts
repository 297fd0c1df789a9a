/** Putting user-supplied text into messages and suggested commands safely. */

/**
 * Characters JSON.stringify leaves raw but a terminal would act on or hide: DEL, C1 controls (0x9b is
 * CSI on some terminals), line/paragraph separators, and format characters such as bidi
 * overrides that reorder what the user sees.
 */
const INVISIBLE_OR_ACTIVE = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * `value` JSON-quoted with every control or invisible character escaped, cut to `maxLength`
 * code points (marked with `…`). Only for values that are not secrets.
 */
export function quote(value: string, maxLength = 80): string {
  const codePoints = Array.from(value);
  const shown = codePoints.length > maxLength ? codePoints.slice(0, maxLength).join('') : value;
  const quoted = escapeJsonInvisible(JSON.stringify(shown));
  return codePoints.length > maxLength ? `${quoted}…` : quoted;
}

/**
 * JSON text with the characters JSON.stringify leaves raw escaped as `\uXXXX`: the same value,
 * but nothing in the text a terminal would act on or hide (JSON allows them only inside strings,
 * where the escape means the same character).
 */
export function escapeJsonInvisible(json: string): string {
  return json.replace(INVISIBLE_OR_ACTIVE, escapeUtf16);
}

/** Backslash, controls (tab and newline included), invisible format characters, lone surrogates. */
const UNPRINTABLE = /[\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/**
 * `text` on one line with nothing a terminal would act on or hide: backslash, tab, CR and LF as
 * `\\`, `\t`, `\r`, `\n`, any other control or invisible character as `\uXXXX`. For text from
 * the network or the user (client names, the API's messages), never for secrets.
 */
export function escapeText(text: string): string {
  return text.replace(UNPRINTABLE, (char) => NAMED_ESCAPES[char] ?? escapeUtf16(char));
}

/** A `\uXXXX` escape per UTF-16 unit, so astral characters come out as a JSON surrogate pair. */
export function escapeUtf16(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++) {
    escaped += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return escaped;
}

/** `text` as one POSIX shell word, so a suggested command can be pasted as is. */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

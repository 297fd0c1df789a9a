/**
 * The --verbose lines, one per request, response, attempt and wait. Every line passes through
 * the credential redactor before it leaves, and credential headers are masked by name as well,
 * so a secret cannot reach the terminal even if a redactor missed it.
 */

import {
  CREDENTIAL_HEADER_NAMES,
  maskSecretFields,
  printable,
  REDACTED,
  type Redactor,
} from './redaction.js';

/** How much of an unexpected body --verbose shows. */
export const BODY_PREVIEW_CHARS = 200;

export type TraceSink = (line: string) => void;

export interface Tracer {
  request(method: string, url: string, headers: Readonly<Record<string, string>>): void;
  response(status: number, elapsedMs: number, headers: Readonly<Record<string, string>>): void;
  unexpectedBody(text: string): void;
  line(text: string): void;
}

const SILENT: Tracer = { request() {}, response() {}, unexpectedBody() {}, line() {} };

export function createTracer(sink: TraceSink | undefined, redact: Redactor): Tracer {
  if (sink === undefined) return SILENT;
  const emit = (text: string) => sink(redact(printable(text)));
  return {
    request(method, url, headers) {
      emit(`> ${method} ${url}`);
      for (const [name, value] of Object.entries(headers)) {
        const lower = name.toLowerCase();
        emit(`> ${lower}: ${CREDENTIAL_HEADER_NAMES.has(lower) ? REDACTED : value}`);
      }
    },
    response(status, elapsedMs, headers) {
      const details = ['cf-ray', 'retry-after', 'retry-after-ms', 'x-should-retry']
        .filter((name) => headers[name] !== undefined)
        .map((name) => ` ${name}: ${headers[name]}`)
        .join('');
      emit(`< ${status} (${Math.round(elapsedMs)} ms)${details}`);
    },
    unexpectedBody(text) {
      // Redact before cutting, so that a secret straddling the cut cannot leave a prefix behind.
      const preview = maskSecretFields(redact(text)).slice(0, BODY_PREVIEW_CHARS);
      emit(`< body (first ${BODY_PREVIEW_CHARS} characters): ${JSON.stringify(preview)}`);
    },
    line: emit,
  };
}

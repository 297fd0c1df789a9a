/** Reading a response body with a size limit, so a misbehaving server cannot exhaust memory. */

/** No Cloudflare API answer this tool asks for comes anywhere near this; an HTML error page does not either. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyContent =
  | { kind: 'complete'; text: string }
  /** More than the limit arrived; reading stopped there. */
  | { kind: 'too-large' }
  /** The stream failed after the status line arrived (connection reset mid-body, premature close). */
  | { kind: 'cut-off'; reason: string };

/**
 * Reads chunks until the end or until more than `limitBytes` arrived. Leaving the `for await`
 * early calls the iterator's `return()`, which destroys the stream (and its socket, which must
 * not go back to the keep-alive pool with unread data on it).
 */
export async function readBodyUpTo(
  body: AsyncIterable<Uint8Array | string> | null,
  limitBytes: number,
): Promise<BodyContent> {
  if (body === null) return { kind: 'complete', text: '' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > limitBytes) return { kind: 'too-large' };
    chunks.push(bytes);
  }
  return { kind: 'complete', text: new TextDecoder().decode(Buffer.concat(chunks)) };
}

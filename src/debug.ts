/**
 * CF_OAUTH_DEBUG=1, for developers: stack traces on internal errors, source-mapped to src/ (see
 * bin/cf-oauth.js). Any value but empty or 0 turns it on. bin/cf-oauth.js reads it too.
 */
export function isDebug(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CF_OAUTH_DEBUG;
  return value !== undefined && value !== '' && value !== '0';
}

/** The stack of a thrown value, for stderr after its one-line report; only in debug mode. */
export function debugStack(
  error: unknown,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (!isDebug(env) || !(error instanceof Error) || error.stack === undefined) return '';
  return `${error.stack}\n`;
}

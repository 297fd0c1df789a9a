/** Help text the API commands share. On the start-up path: imports nothing. */

/** The exit-code table of `--help`; only the meaning of 0 and 1 differs between commands. */
export function exitCodesHelp(success: string, failure: string): string {
  return `
Exit codes:
  0    ${success}
  1    ${failure}
  2    usage, validation or configuration error (nothing was sent)
  3    authentication or permission failure (HTTP 401/403)
  4    not found (HTTP 404)
  5    rate limited (HTTP 429)
  130  interrupted (SIGINT); 143 for SIGTERM
  141  stdout was closed (e.g. piped into head): stopped early, summary on stderr`;
}

export const READ_EXIT_CODES_HELP = exitCodesHelp('success', 'API, server or network failure');

export const CREDENTIALS_HELP = `
Credentials, highest precedence first: flags, environment (CLOUDFLARE_API_TOKEN, or
CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL; CLOUDFLARE_ACCOUNT_ID), rc file (~/.cfoauthrc).
A token given with --api-token is visible to other users in the process list: prefer
CLOUDFLARE_API_TOKEN or an rc file with mode 600.`;

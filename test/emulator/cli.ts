/**
 * `npm run emulator`: the emulator standalone, with the demo account, token and clients, for
 * trying cf-oauth by hand (README "Try it") and for manual testing:
 *   tsx test/emulator/cli.ts [--port N] [--rate-limit QUOTA/WINDOW[s|sec]]
 *                            [--rate-limit-window fixed|sliding]
 * Prints the `export` lines that point cf-oauth at it on stdout, then serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { demoEnvironment, exportLines, startDemoEmulator } from './demo.js';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions, type RateWindow } from './server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-limit-window': { type: 'string' },
    },
  });
  const port = values.port === undefined ? 0 : parsePort(values.port);
  const window = parseWindow(values['rate-limit-window'] ?? 'fixed');
  const rateLimit =
    values['rate-limit'] === undefined ? DEFAULT_RATE_LIMIT : parseRate(values['rate-limit']);
  const emulator = await startDemoEmulator({ port, rateLimit: { ...rateLimit, window } });
  process.stdout.write(
    `# Cloudflare API emulator at ${emulator.url}, serving until Ctrl-C.\n` +
      '# Paste these lines into another shell, in this checkout:\n' +
      exportLines(demoEnvironment(emulator)) +
      '# then try: npx --no-install cf-oauth list\n',
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port: ${text}`);
  return port;
}

/** `1200/300`, `10/2s` or `10/2sec`: quota per window of seconds. */
function parseRate(text: string): RateLimitOptions {
  const match = /^(\d+)\/(\d+)(?:s|sec)?$/.exec(text);
  const quota = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || quota < 1 || windowSeconds < 1) fail(`invalid --rate-limit: ${text} (want Q/Wsec)`);
  return { quota, windowSeconds };
}

function parseWindow(text: string): RateWindow {
  if (text !== 'fixed' && text !== 'sliding') fail(`invalid --rate-limit-window: ${text}`);
  return text;
}

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

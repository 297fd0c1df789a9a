/**
 * Hostile ID lists: whatever a --from-file list holds, the CLI either refuses with exit 2 before
 * sending anything, or sends exactly one DELETE per distinct ID, each to
 * /accounts/<account>/oauth_clients/<one encoded segment> on the configured host.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHome, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, TOKEN } from '../helpers/fixture.js';
import { recordingFetch, type SentRequest } from '../helpers/recording-fetch.js';

const RUNS = { seed: 20261126, numRuns: 1000 };
const BASE = 'https://api.example.test/client/v4';
const PREFIX = `/client/v4/accounts/${ACCOUNT}/oauth_clients/`;

const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('.', '..', '/', '%2F', '?', '#', ' #', '\r', '\t', '\u0000', '\u2028', '\ufeff'),
  fc.constantFrom('../oauth_clients', 'x\r\nX-Injected: 1', 'a#b', '%00'),
  fc.stringMatching(/^[0-9a-f]{32}$/),
);
const line = fc.array(piece, { maxLength: 3 }).map((parts) => parts.join(''));
const list = fc.array(line, { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n'));

const place = makeHome();

describe('hostile --from-file lists', () => {
  it('refuse with exit 2 and send nothing, or delete each distinct ID once at its own path', async () => {
    await fc.assert(
      fc.asyncProperty(list, async (text) => {
        const sent: SentRequest[] = [];
        const run = await runInProcess(
          ['delete', '--from-file', '-', `--account=${ACCOUNT}`, `--api-token=${TOKEN}`],
          {
            env: { CLOUDFLARE_API_BASE_URL: BASE },
            stdin: text,
            fetch: recordingFetch(sent),
            home: place.home,
            cwd: place.cwd,
          },
        );
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.stderr).not.toContain('internal error');
        if (run.code === 2) {
          expect(sent).toEqual([]);
          return;
        }
        expect(run.code).toBe(0);
        const segments = sent.map(({ url }) => {
          const parsed = new URL(url);
          expect(parsed.origin).toBe('https://api.example.test');
          expect(parsed.search + parsed.hash).toBe('');
          expect(parsed.pathname.startsWith(PREFIX)).toBe(true);
          const segment = parsed.pathname.slice(PREFIX.length);
          expect(segment).not.toMatch(/[/?#]/);
          return decodeURIComponent(segment);
        });
        // Exactly the IDs printed as deleted, each once.
        expect(new Set(segments).size).toBe(segments.length);
        expect([...segments].sort()).toEqual(run.stdout.split('\n').filter(Boolean).sort());
      }),
      RUNS,
    );
  }, 120_000);
});

/**
 * The Cloudflare API emulator as a child process of bench/run.ts (started with `fork`, under
 * `--import tsx`). Its own process and event loop, so it answers while the harness sits blocked
 * in spawnSync timing a command, and it never shares a core's event loop with what is measured.
 *
 * Two emulators: plain HTTP, and HTTPS with a throwaway CA (the HTTPS delete's figures).
 *
 * IPC protocol (one reply per request, matched by `seq`):
 *   → { seq, type: 'seed', count, tls }  ← { seq, ids }      `count` fresh OAuth clients
 *   → { seq, type: 'verify', ids }       ← { seq, missing }  which of `ids` were NOT deleted
 * On start it sends { type: 'ready', url, tlsUrl, caFile, account, token }.
 */
import { createTestPki } from '../test/emulator/pki.js';
import { type EmulatorOptions, startEmulator } from '../test/emulator/server.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'bench-token';

export type Request =
  | { seq: number; type: 'seed'; count: number; tls: boolean }
  | { seq: number; type: 'verify'; ids: string[] };

export interface Ready {
  type: 'ready';
  url: string;
  /** The HTTPS emulator; its certificate is signed by the CA in `caFile`. */
  tlsUrl: string;
  caFile: string;
  account: string;
  token: string;
}

const options: EmulatorOptions = {
  accounts: [{ id: ACCOUNT, name: 'Bench account' }],
  tokens: { [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] } },
  // Effectively no rate limit: the batch run sends tens of thousands of requests.
  rateLimit: { quota: 1e12, windowSeconds: 3600 },
};
const pki = await createTestPki();
const emulator = await startEmulator(options);
const tlsEmulator = await startEmulator({ ...options, tls: pki.server });
const both = [emulator, tlsEmulator];

const send = (message: object): void => {
  process.send?.(message);
};

process.on('message', (message: Request) => {
  if (message.type === 'seed') {
    // The request log is only for tests; dropping it keeps the emulator's memory flat.
    for (const each of both) each.requests.length = 0;
    const target = message.tls ? tlsEmulator : emulator;
    const ids: string[] = [];
    for (let i = 0; i < message.count; i++) ids.push(target.addClient(ACCOUNT).client_id);
    send({ seq: message.seq, ids });
  } else {
    const deleted = new Set(both.flatMap((each) => each.deleted.map((d) => d.clientId)));
    send({ seq: message.seq, missing: message.ids.filter((id) => !deleted.has(id)) });
  }
});

process.on('disconnect', () => {
  void Promise.all(both.map((each) => each.close())).then(() => process.exit(0));
});

send({
  type: 'ready',
  url: emulator.url,
  tlsUrl: tlsEmulator.url,
  caFile: pki.caFile,
  account: ACCOUNT,
  token: TOKEN,
} satisfies Ready);

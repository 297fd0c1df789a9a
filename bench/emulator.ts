/**
 * The Cloudflare API emulator as a child process of bench/run.ts (started with `fork`, under
 * `--import tsx`). Its own process and event loop, so it answers while the harness sits blocked
 * in spawnSync timing a command, and it never shares a core's event loop with what is measured.
 *
 * IPC protocol (one reply per request, matched by `seq`):
 *   → { seq, type: 'seed', count }   ← { seq, ids }      create `count` fresh OAuth clients
 *   → { seq, type: 'verify', ids }   ← { seq, missing }  which of `ids` were NOT deleted
 * On start it sends { type: 'ready', url, account, token }.
 */
import { startEmulator } from '../test/emulator/server.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'bench-token';

export type Request =
  | { seq: number; type: 'seed'; count: number }
  | { seq: number; type: 'verify'; ids: string[] };

export interface Ready {
  type: 'ready';
  url: string;
  account: string;
  token: string;
}

const emulator = await startEmulator({
  accounts: [{ id: ACCOUNT, name: 'Bench account' }],
  tokens: { [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] } },
  // Effectively no rate limit: the batch run sends tens of thousands of requests.
  rateLimit: { quota: 1e12, windowSeconds: 3600 },
});

const send = (message: object): void => {
  process.send?.(message);
};

process.on('message', (message: Request) => {
  if (message.type === 'seed') {
    // The request log is only for tests; dropping it keeps the emulator's memory flat.
    emulator.requests.length = 0;
    const ids: string[] = [];
    for (let i = 0; i < message.count; i++) ids.push(emulator.addClient(ACCOUNT).client_id);
    send({ seq: message.seq, ids });
  } else {
    const deleted = new Set(emulator.deleted.map((d) => d.clientId));
    send({ seq: message.seq, missing: message.ids.filter((id) => !deleted.has(id)) });
  }
});

process.on('disconnect', () => {
  void emulator.close().then(() => process.exit(0));
});

send({ type: 'ready', url: emulator.url, account: ACCOUNT, token: TOKEN } satisfies Ready);

/**
 * A local emulator of the slice of the Cloudflare API v4 that cf-oauth uses: accounts, OAuth
 * clients, token verification, both auth schemes, rate limiting and injectable network faults.
 * A real node:http server on 127.0.0.1, so clients are tested over actual sockets.
 */
import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Credentials } from './auth.js';
import { edgeErrorPage, errors, type Reply } from './envelope.js';
import { RateLimiter } from './rate-limiter.js';
import { API_BASE, dispatch, parseTarget } from './routes.js';
import { Store } from './store.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types.js';

export type {
  Account,
  DeletedClient,
  Emulator,
  EmulatorOptions,
  Fault,
  GlobalKey,
  OAuthClient,
  RateLimitOptions,
  RecordedRequest,
  TokenGrant,
} from './types.js';

const DEFAULT_QUOTA = 1200;
const DEFAULT_WINDOW_SECONDS = 300;
const MAX_BODY_BYTES = 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  const store = new Store(now, startedAt, opts.secretPrefix);
  for (const account of opts.accounts ?? []) store.addAccount(account);
  const api = new Api(
    store,
    new Credentials(opts.tokens ?? {}, opts.keys ?? []),
    new RateLimiter(ratePolicy(opts), now),
  );
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const timers = new Timers();

  // requestTimeout 0: a hung request must stay open until the client or close() ends it.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    const recorded = record(req, now() - startedAt);
    requests.push(recorded);
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });
    const fault = faults.take(req.method ?? '', req.url ?? '');
    if (fault) applyFault(fault, req, res, api, timers, recorded);
    else serve(req, res, api, false, recorded);
  });
  const port = await listen(server, opts.port ?? 0);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      timers.clear();
      server.close(() => resolve());
      // Ends keep-alive, in-flight and hung sockets alike, so close() never waits on a client.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}${API_BASE}`,
    requests,
    deleted: store.deleted,
    addAccount: (account) => store.addAccount(account),
    addClient: (accountId, fields) => structuredClone(store.addClient(accountId, fields)),
    clients: (accountId) => structuredClone(store.listClients(accountId)),
    secretsOf: (clientId) => structuredClone(store.secretsOf(clientId)),
    fault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    close,
  };
}

function ratePolicy(opts: EmulatorOptions) {
  const quota = opts.rateLimit?.quota ?? DEFAULT_QUOTA;
  const windowSeconds = opts.rateLimit?.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  return { quota, windowSeconds, blockSeconds: opts.rateLimit?.blockSeconds ?? windowSeconds };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Authentication, rate limiting and routing for one request that reached "the origin". */
class Api {
  private readonly rays = new RayIds();

  constructor(
    private readonly store: Store,
    private readonly credentials: Credentials,
    private readonly limiter: RateLimiter,
  ) {}

  answer(req: IncomingMessage, body: string): Reply {
    const auth = this.credentials.authenticate(req.headers);
    // Callers without valid credentials share a per-IP bucket, like the real per-IP limit.
    const bucket = auth.ok ? auth.principal.bucket : `ip:${req.socket.remoteAddress}`;
    const decision = this.limiter.take(bucket);
    let reply: Reply;
    if (!decision.allowed) reply = errors.rateLimited();
    else if (!auth.ok) reply = auth.reply;
    else reply = this.route(req, body, auth.principal);
    Object.assign(reply.headers, this.limiter.headers(decision), this.edgeHeaders());
    return reply;
  }

  edgeHeaders(): Record<string, string> {
    return { 'cf-ray': this.rays.next(), server: 'cloudflare' };
  }

  private route(req: IncomingMessage, body: string, principal: Parameters<typeof dispatch>[1]) {
    const target = parseTarget(req.url ?? '');
    if (!target) return errors.noRoute();
    return dispatch({ ...target, method: req.method ?? '', body }, principal, this.store);
  }
}

/** Unique per request: a random per-server prefix plus a counter, in the `<16 hex>-LHR` form. */
class RayIds {
  private readonly prefix = randomBytes(4).toString('hex');
  private counter = 0;

  next(): string {
    this.counter = (this.counter + 1) >>> 0;
    return `${this.prefix}${this.counter.toString(16).padStart(8, '0')}-LHR`;
  }
}

/** Pending delays, cancelled by close() so nothing fires on a closed server. */
class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.add(timer);
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}

class FaultQueue {
  private queue: Array<{ fault: Fault; remaining: number }> = [];

  add(fault: Fault): void {
    const remaining = fault.times ?? 1;
    if (remaining > 0) this.queue.push({ fault: { ...fault }, remaining });
  }

  clear(): void {
    this.queue = [];
  }

  /** The first queued fault matching the request, consuming one of its uses. */
  take(method: string, rawPath: string): Fault | undefined {
    const index = this.queue.findIndex(({ fault }) => faultMatches(fault, method, rawPath));
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }
}

function faultMatches(fault: Fault, method: string, rawPath: string): boolean {
  const match = fault.match;
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  return match.pathIncludes === undefined || rawPath.includes(match.pathIncludes);
}

function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  api: Api,
  timers: Timers,
  recorded: RecordedRequest,
): void {
  const act = (): void => {
    if (fault.hang) return;
    if (fault.reset) req.socket.resetAndDestroy();
    else if (fault.html) send(res, htmlReply(fault, api));
    else if (hasCustomResponse(fault)) send(res, customReply(fault));
    else serve(req, res, api, fault.applyThenReset === true, recorded);
  };
  if (fault.delayMs !== undefined && fault.delayMs > 0) timers.after(fault.delayMs, act);
  else act();
}

function hasCustomResponse(fault: Fault): boolean {
  return fault.status !== undefined || fault.headers !== undefined || fault.body !== undefined;
}

/** What Cloudflare's edge sends when the origin fails: HTML, with edge headers, not JSON. */
function htmlReply(fault: Fault, api: Api): Reply {
  const status = fault.status ?? 502;
  const body = typeof fault.body === 'string' ? fault.body : edgeErrorPage(status);
  const headers = { 'content-type': 'text/html', ...api.edgeHeaders(), ...fault.headers };
  return { status, headers, body };
}

/** Sent verbatim: only the given headers (plus JSON content-type for an object body). */
function customReply(fault: Fault): Reply {
  const status = fault.status ?? 200;
  const headers: Record<string, string> = { ...fault.headers };
  if (typeof fault.body !== 'object') return { status, headers, body: fault.body ?? '' };
  const named = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (!named) headers['content-type'] = 'application/json';
  return { status, headers, body: JSON.stringify(fault.body) };
}

/** Handles a request normally; with resetAfter the effect happens but the answer is lost. */
function serve(
  req: IncomingMessage,
  res: ServerResponse,
  api: Api,
  resetAfter: boolean,
  recorded: RecordedRequest,
): void {
  const finish = (body: string): void => {
    if (req.method === 'POST' || req.method === 'PATCH') recorded.body = body;
    const reply = api.answer(req, body);
    if (resetAfter) req.socket.resetAndDestroy();
    else send(res, reply);
  };
  // Only writes carry bodies; skipping the read keeps GET/DELETE on the fast path.
  if (req.method === 'POST' || req.method === 'PATCH') readBody(req, finish);
  else finish('');
}

function readBody(req: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const headers = { 'content-length': String(Buffer.byteLength(reply.body)), ...reply.headers };
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function record(req: IncomingMessage, at: number): RecordedRequest {
  return { method: req.method ?? '', rawPath: req.url ?? '', headers: flatten(req.headers), at };
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

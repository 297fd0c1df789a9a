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
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Credentials } from './auth.js';
import { CHALLENGE_PAGE, edgeErrorPage, errors, type Reply } from './envelope.js';
import { RateLimiter } from './rate-limiter.js';
import { API_BASE, dispatch, type Paging, parseTarget } from './routes.js';
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
  RateWindow,
  RecordedRequest,
  TokenGrant,
} from './types.js';

/** The real API's quota. */
export const DEFAULT_RATE_LIMIT = { quota: 1200, windowSeconds: 300 };
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_CLIENTS_PER_PAGE = 100;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  const store = new Store(now, startedAt, opts.secretPrefix);
  for (const account of opts.accounts ?? []) store.addAccount(account);
  const api = new Api(
    store,
    new Credentials(opts.tokens ?? {}, opts.keys ?? []),
    new RateLimiter(ratePolicy(opts), now),
    { clientsPerPage: opts.clientsPerPage ?? DEFAULT_CLIENTS_PER_PAGE },
  );
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const timers = new Timers();

  const handle: RequestListener = (req, res) => {
    const recorded = record(req, now() - startedAt);
    requests.push(recorded);
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });
    const fault = faults.take(req.method ?? '', req.url ?? '');
    if (fault) applyFault(fault, req, res, api, timers, recorded);
    else serve(req, res, api, 'answer', recorded);
  };
  // requestTimeout 0: a hung request must stay open until the client or close() ends it.
  const server: Server = opts.tls
    ? createTlsServer({ ...opts.tls, requestTimeout: 0 }, handle)
    : createServer({ requestTimeout: 0 }, handle);
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
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}${API_BASE}`,
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
  const { quota, windowSeconds } = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const blockSeconds = opts.rateLimit?.blockSeconds ?? windowSeconds;
  return { quota, windowSeconds, blockSeconds, window: opts.rateLimit?.window ?? 'fixed' };
}

function listen(server: Server, port: number): Promise<number> {
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
    private readonly paging: Paging,
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
    if (!target) return errors.noRoute(pathOf(req.url ?? ''));
    const request = { ...target, method: req.method ?? '', body };
    return dispatch(request, principal, this.store, this.paging);
  }
}

/** The request's path, after the API base when it is under it, as routing errors quote it. */
function pathOf(rawPath: string): string {
  const pathname = rawPath.split('?')[0] ?? '';
  return pathname.startsWith(`${API_BASE}/`) ? pathname.slice(API_BASE.length) : pathname;
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
    if (fault.reset) resetConnection(req.socket);
    else if (fault.challenge) send(res, challengeReply(api));
    else if (fault.html) send(res, htmlReply(fault, api));
    else if (hasCustomResponse(fault)) send(res, customReply(fault));
    else serve(req, res, api, afterApplying(fault), recorded, fault.answerEmpty);
  };
  if (fault.delayMs !== undefined && fault.delayMs > 0) timers.after(fault.delayMs, act);
  else act();
}

function afterApplying(fault: Fault): AfterApplying {
  if (fault.applyThenReset) return 'reset';
  return fault.applyThenHang ? 'hang' : 'answer';
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

function challengeReply(api: Api): Reply {
  const headers = {
    'content-type': 'text/html; charset=UTF-8',
    'cf-mitigated': 'challenge',
    ...api.edgeHeaders(),
  };
  return { status: 403, headers, body: CHALLENGE_PAGE };
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

/** What happens once the operation is done: the answer, or (faults) it is lost. */
type AfterApplying = 'answer' | 'reset' | 'hang';

/**
 * Handles a request normally; a reset or hang after it loses the answer to an effect; with
 * answerEmpty a successful answer is sent with that status and no body.
 */
function serve(
  req: IncomingMessage,
  res: ServerResponse,
  api: Api,
  after: AfterApplying,
  recorded: RecordedRequest,
  answerEmpty?: 200 | 204,
): void {
  const finish = (body: string): void => {
    if (req.method === 'POST' || req.method === 'PATCH') recorded.body = body;
    const reply = api.answer(req, body);
    if (after === 'reset') resetConnection(req.socket);
    else if (after === 'hang') return;
    else if (answerEmpty !== undefined && reply.status >= 200 && reply.status < 300) {
      const { 'content-type': _type, ...headers } = reply.headers;
      send(res, { status: answerEmpty, headers, body: '' });
    } else send(res, reply);
  };
  // Only writes carry bodies; skipping the read keeps GET/DELETE on the fast path.
  if (req.method === 'POST' || req.method === 'PATCH') readBody(req, finish);
  else finish('');
}

/**
 * Drops the connection with a TCP RST. Over HTTPS the request's socket is the TLS layer, whose
 * handle cannot be reset; the TCP socket under it can.
 */
function resetConnection(socket: Socket): void {
  const tcp = (socket as Socket & { _parent?: Socket | null })._parent ?? socket;
  tcp.resetAndDestroy();
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

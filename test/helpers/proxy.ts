/**
 * A forward proxy on loopback, as corporate networks run them: CONNECT tunnels for HTTPS
 * targets, absolute-form requests relayed for HTTP ones, optional Basic authentication, and
 * the ways a proxy says no (an error status, or closing the connection instead of answering).
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { testPki } from './tls.js';

export interface ProxyOptions {
  /** Serve the proxy itself over TLS (an https:// proxy URL), with the test CA's certificate. */
  tls?: boolean;
  /** Require `Proxy-Authorization: Basic` with these credentials; else answer 407. */
  auth?: { user: string; password: string };
  /** How to answer CONNECT: open the tunnel (default), an error status, or close at once. */
  connect?: 'tunnel' | { status: number; reason: string } | 'drop';
}

export interface TestProxy {
  /** e.g. http://127.0.0.1:40123 (no credentials). */
  url: string;
  /** "CONNECT 127.0.0.1:443" and "GET http://…" lines, in arrival order. */
  seen: string[];
  /** The Proxy-Authorization headers received (to check what the CLI sent). */
  authorizations: string[];
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const seen: string[] = [];
  const authorizations: string[] = [];
  const tunnels = new Set<Socket>();

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers['proxy-authorization'];
    if (header !== undefined) authorizations.push(header);
    if (options.auth === undefined) return true;
    const expected = Buffer.from(`${options.auth.user}:${options.auth.password}`).toString(
      'base64',
    );
    return header === `Basic ${expected}`;
  };

  const server: Server = options.tls ? createTlsServer({ ...testPki().server }) : createServer();
  server.on('request', (incoming, outgoing) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    if (!authorized(incoming)) {
      outgoing.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const relay = request(incoming.url ?? '', {
      method: incoming.method,
      headers: incoming.headers,
    });
    relay.on('response', (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    relay.on('error', () => outgoing.destroy());
    incoming.pipe(relay);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy());
    const mode = options.connect ?? 'tunnel';
    if (mode === 'drop') {
      client.destroy();
      return;
    }
    if (!authorized(req)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    if (mode !== 'tunnel') {
      client.end(`HTTP/1.1 ${mode.status} ${mode.reason}\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = splitHostPort(req.url ?? '');
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('close', () => tunnels.delete(upstream));
    upstream.on('error', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of tunnels) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(authority: string): [string, number] {
  const colon = authority.lastIndexOf(':');
  return [authority.slice(0, colon), Number(authority.slice(colon + 1))];
}

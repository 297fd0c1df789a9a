/**
 * How requests travel: which fetch implementation, which keep-alive agent, which proxy.
 * Everything heavy (node-fetch, the proxy packages) is imported on first use, so commands that
 * never reach the network do not pay for it.
 */

import http from 'node:http';
import type { FetchInit, FetchLike, FetchResponse } from '../context.js';
import { ConfigError } from '../errors.js';

/** How requests to one origin travel. */
export interface Route {
  agent: http.Agent;
  /** The proxy in use, without any user:password part, e.g. "http://proxy.corp:3128". */
  proxy: string | undefined;
  /** The variable the proxy came from, e.g. "HTTPS_PROXY". */
  proxyVariable: string | undefined;
}

export interface Transport {
  /** The fetch to use: the injected one, or node-fetch loaded on the first call. */
  loadFetch(): Promise<FetchLike>;
  /** The agent and proxy for `url`; resolved once per origin and then reused (keep-alive). */
  route(url: URL): Promise<Route>;
  /** Destroys every agent's sockets so the process can exit. */
  close(): void;
}

export interface TransportOptions {
  env: Readonly<Record<string, string | undefined>>;
  fetch?: FetchLike | undefined;
}

/** The proxy variables cf-oauth honours; lower case wins over upper case, as in curl. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;
const NO_PROXY_VARIABLES = ['no_proxy', 'NO_PROXY'] as const;

export function createTransport(options: TransportOptions): Transport {
  let fetchPromise: Promise<FetchLike> | undefined;
  const routes = new Map<string, Promise<Route>>();
  const agents: http.Agent[] = [];

  const track = <A extends http.Agent>(agent: A): A => {
    agents.push(agent);
    return agent;
  };

  async function resolveRoute(target: URL): Promise<Route> {
    const secure = target.protocol === 'https:';
    const proxy = await proxyFor(target, options.env);
    if (proxy === undefined) {
      // https (and with it tls and crypto) is loaded only for an https: origin.
      const agent = secure
        ? new (await import('node:https')).Agent({ keepAlive: true })
        : new http.Agent({ keepAlive: true });
      return { agent: track(agent), proxy: undefined, proxyVariable: undefined };
    }
    // HTTPS targets are tunnelled with CONNECT (the proxy never sees the credential headers);
    // HTTP targets are sent to the proxy in absolute form.
    const agent = secure
      ? new (await import('./tunnel-agent.js')).TunnelAgent(proxy.url, { keepAlive: true })
      : new (await import('http-proxy-agent')).HttpProxyAgent(proxy.url, { keepAlive: true });
    return {
      agent: track(agent),
      proxy: withoutCredentials(proxy.url),
      proxyVariable: proxy.variable,
    };
  }

  return {
    loadFetch() {
      fetchPromise ??= options.fetch ? Promise.resolve(options.fetch) : loadNodeFetch();
      return fetchPromise;
    },
    route(url) {
      let route = routes.get(url.origin);
      if (route === undefined) {
        route = resolveRoute(url);
        routes.set(url.origin, route);
        // A failed resolution (a bad proxy URL) is reported each time, not cached forever.
        route.catch(() => routes.delete(url.origin));
      }
      return route;
    },
    close() {
      for (const agent of agents.splice(0)) agent.destroy();
      routes.clear();
    },
  };
}

/**
 * The proxy for `target` according to HTTPS_PROXY / HTTP_PROXY / NO_PROXY, with exactly the
 * NO_PROXY semantics of proxy-from-env (no special case for loopback hosts). ALL_PROXY is
 * deliberately not honoured: it often names a SOCKS proxy, which these agents cannot use.
 */
async function proxyFor(
  target: URL,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ url: URL; variable: string } | undefined> {
  if (!PROXY_VARIABLES.some((name) => env[name])) return undefined;
  const { getProxyForUrl } = await import('proxy-from-env');
  const relevant: Record<string, string> = {};
  for (const name of [...PROXY_VARIABLES, ...NO_PROXY_VARIABLES]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    // "proxy.corp:3128" means an HTTP proxy (as for curl); proxy-from-env would otherwise reuse
    // the target's scheme and speak TLS to a plain proxy.
    relevant[name] = name.endsWith('proxy') && !value.includes('://') ? `http://${value}` : value;
  }
  const proxy = withProcessEnv(relevant, () => getProxyForUrl(target.href));
  if (proxy === '') return undefined;

  const scheme = target.protocol.slice(0, -1);
  const variable = env[`${scheme}_proxy`] ? `${scheme}_proxy` : `${scheme.toUpperCase()}_PROXY`;
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw new ConfigError(`${variable} is not a valid URL`, {
      hint: `set ${variable} to http://host:port, or unset it`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      `${variable} names a ${url.protocol}// proxy (${withoutCredentials(url)}); cf-oauth supports http:// and https:// proxies`,
      { hint: `set ${variable} to http://host:port, or unset it` },
    );
  }
  return { url, variable };
}

/**
 * proxy-from-env reads `process.env` only, while cf-oauth takes its environment from the
 * context (tests inject one). The call is synchronous, so swapping `process.env` around it
 * cannot be observed by any other code.
 */
function withProcessEnv<T>(env: Record<string, string>, run: () => T): T {
  const original = process.env;
  process.env = env;
  try {
    return run();
  } finally {
    process.env = original;
  }
}

function withoutCredentials(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** node-fetch behind the FetchLike interface, with redirects never followed. */
async function loadNodeFetch(): Promise<FetchLike> {
  const { default: nodeFetch } = await import('node-fetch');
  return async (url: string, init: FetchInit): Promise<FetchResponse> => {
    const response = await nodeFetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: init.signal,
      agent: init.agent as http.Agent | undefined,
      // Following a redirect would resend the credential headers to wherever the server points;
      // a redirect from the API means a wrong base URL and is reported as such.
      redirect: 'manual',
    });
    return {
      status: response.status,
      headers: response.headers,
      body: response.body as AsyncIterable<Uint8Array> | null,
    };
  };
}

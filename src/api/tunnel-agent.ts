/**
 * The agent for HTTPS targets behind a proxy: https-proxy-agent, with two of its defaults
 * overridden so that neither the protocol nor a refused tunnel is misread.
 */

import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import { TUNNEL_REFUSED } from './network-errors.js';

interface ConnectAnswer {
  statusCode: number;
  statusText: string;
}

export class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(proxy: URL, options: HttpsProxyAgentOptions<string>) {
    super(proxy, options);
    // agent-base works out whether the endpoint is secure from the request's options, or else
    // by looking for "node:https" in a fresh stack trace; Node asks for `agent.protocol`
    // without options, so with Error.stackTraceLimit = 0 (src/main.ts) it answered "http:" and
    // every request failed with ERR_INVALID_PROTOCOL. Every target of this agent is https.
    this.protocol = 'https:';
  }

  /**
   * A proxy that answers CONNECT with anything but 200 would have its answer handed to the
   * caller as if the API had sent it (a proxy's 403 page read as the API's 403). It is an error
   * instead: the tunnel was never opened, so nothing reached the API.
   */
  override async connect(
    req: ClientRequest,
    options: Parameters<HttpsProxyAgent<string>['connect']>[1],
  ): Promise<Socket> {
    let refusal: ConnectAnswer | undefined;
    req.once('proxyConnect', (answer: ConnectAnswer) => {
      if (answer.statusCode !== 200) refusal = answer;
    });
    const socket = await super.connect(req, options);
    if (refusal === undefined) return socket;
    socket.destroy();
    const reason = refusal.statusText ? ` ${refusal.statusText}` : '';
    throw Object.assign(
      new Error(`the proxy answered CONNECT with HTTP ${refusal.statusCode}${reason}`),
      { code: TUNNEL_REFUSED, statusCode: refusal.statusCode },
    );
  }
}

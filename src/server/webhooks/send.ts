import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { WebhookSend } from './dispatcher.js';

/** DNS as the guard sees it; tests inject one. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export interface WebhookTargetPolicy {
  /** Development: a receiver on loopback is fine. */
  allowLoopback: boolean;
  /** CIDRs of private networks the operator allows (a provider backend on its own network). */
  allowedNetworks: readonly string[];
}

export interface WebhookSenderOptions {
  policy: WebhookTargetPolicy;
  resolver?: Resolver;
  timeoutMs?: number;
}

export type WebhookSendFailure = 'timeout' | 'unreachable' | 'target-refused' | 'tls-error' | 'invalid-url';

export class WebhookSendError extends Error {
  constructor(
    readonly code: WebhookSendFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookSendError';
  }
}

const defaultResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Whether a delivery may connect to `address`: public unicast only, loopback in development,
 * and the operator's allowlisted networks. Anything else (private, link-local with the cloud
 * metadata service, CGNAT, multicast, reserved) would let a webhook URL probe the relay's network.
 */
export function targetAllowed(address: string, policy: WebhookTargetPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // ::ffff:10.0.0.1 is 10.0.0.1
  const range = parsed.range();
  if (range === 'loopback' && policy.allowLoopback) return true;
  if (range === 'unicast') return true;
  return policy.allowedNetworks.some((cidr) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return network.kind() === parsed.kind() && (parsed as ipaddr.IPv4).match(network as ipaddr.IPv4, bits);
  });
}

/**
 * The transport of webhook deliveries (SSRF guard): https only (http to loopback in
 * development), the name resolved once, every address checked, and the connection made to the
 * checked address (a DNS answer that changes between check and connect cannot redirect it).
 * Redirects are never followed: a 3xx is an answer like any other non-2xx.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSend {
  const resolver = options.resolver ?? defaultResolver;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (target, headers, body) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new WebhookSendError('invalid-url', 'Not an absolute URL');
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = ipaddr.isValid(host);
    const loopbackName = host === 'localhost' || (literal && ipaddr.process(host).range() === 'loopback');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackName && options.policy.allowLoopback)) {
      throw new WebhookSendError('invalid-url', 'Webhook URLs use https');
    }
    let addresses: { address: string; family: 4 | 6 }[];
    try {
      addresses = literal ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }] : await resolver(host);
    } catch (error) {
      throw new WebhookSendError('unreachable', `Could not resolve the webhook host: ${(error as Error).message}`);
    }
    if (addresses.length === 0) throw new WebhookSendError('unreachable', 'The webhook host has no address');
    if (!addresses.every(({ address }) => targetAllowed(address, options.policy))) {
      throw new WebhookSendError('target-refused', 'The webhook host resolves to a non-public address that is not allowlisted (RELAY_WEBHOOK_ALLOWED_NETWORKS)');
    }
    const checked = addresses[0]!;
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all === true) callback(null, [{ address: checked.address, family: checked.family }]);
      else callback(null, checked.address, checked.family);
    };
    const payload = Buffer.from(body, 'utf8');
    const requestOptions: RequestOptions & { servername?: string } = {
      method: 'POST',
      hostname: host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      lookup: pinned,
      agent: false,
      headers: {
        ...headers,
        Host: url.host,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(payload.length),
        'User-Agent': 'myna-relay-webhooks/1',
      },
      signal: AbortSignal.timeout(timeoutMs),
      ...(url.protocol === 'https:' && !literal ? { servername: host } : {}),
    };
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(requestOptions, (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('close', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'AbortError' || error.name === 'TimeoutError') reject(new WebhookSendError('timeout', `No answer within ${timeoutMs} ms`));
        else if (/CERT|SSL|TLS|SELF_SIGNED/.test(error.code ?? '')) reject(new WebhookSendError('tls-error', error.message));
        else reject(new WebhookSendError('unreachable', error.message));
      });
      request.end(payload);
    });
  };
}

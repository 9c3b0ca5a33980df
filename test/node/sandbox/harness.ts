/**
 * Test harness: a sandbox on an ephemeral loopback port, a client driven by oauth4webapi, and a
 * minimal browser (cookies by hand, redirects followed only inside the sandbox).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import * as oauth from 'oauth4webapi';
import { createSandbox, type Availability, type AvailabilityHook, type SandboxOptions } from '../../../src/dev/sandbox/index.js';

export const REDIRECT_URI = 'http://127.0.0.1:9/v1/flows/callback';
const insecure = { [oauth.allowInsecureRequests]: true } as const;

export interface TestClient {
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  dpopKeys: CryptoKeyPair;
  dpop: oauth.DPoPHandle;
}

export interface Harness {
  url: string;
  as: oauth.AuthorizationServer;
  relay: TestClient;
  /** A second registered client, for cross-client checks. */
  other: TestClient;
  /** Moves the sandbox's clock (records, availability, result expiry). */
  clock: { offsetMs: number };
  setAvailability(hook: AvailabilityHook): void;
  close(): Promise<void>;
}

export async function newDpop(client: oauth.Client): Promise<{ dpopKeys: CryptoKeyPair; dpop: oauth.DPoPHandle }> {
  const dpopKeys = (await generateKeyPair('ES256', { extractable: true })) as CryptoKeyPair;
  return { dpopKeys, dpop: oauth.DPoP(client, dpopKeys) };
}

async function newClient(clientId: string): Promise<{ testClient: TestClient; publicJwk: JsonWebKey }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const client: oauth.Client = { client_id: clientId };
  const testClient = { client, clientAuth: oauth.PrivateKeyJwt(privateKey), ...(await newDpop(client)) };
  return { testClient, publicJwk: { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' } as JsonWebKey };
}

export async function startHarness(options: Partial<Omit<SandboxOptions, 'issuer' | 'clients'>> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'myna-sandbox-'));
  const relay = await newClient('test-relay');
  const other = await newClient('other-relay');
  const clock = { offsetMs: 0 };
  let availability: AvailabilityHook = (): Availability => ({ available: true, nextAvailableAt: null, servers: [] });

  // Tests allocate the port first, then build the issuer from it.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sandbox = await createSandbox({
    issuer: `http://127.0.0.1:${port}`,
    clients: [
      { clientId: relay.testClient.client.client_id, jwks: { keys: [relay.publicJwk] }, redirectUris: [REDIRECT_URI] },
      { clientId: other.testClient.client.client_id, jwks: { keys: [other.publicJwk] }, redirectUris: [REDIRECT_URI] },
    ],
    dataDir,
    slowDelayMs: 300,
    now: () => new Date(Date.now() + clock.offsetMs),
    availability: (items, at) => availability(items, at),
    ...options,
  });
  server.on('request', sandbox.handler);

  const as = await oauth.processDiscoveryResponse(new URL(sandbox.issuer), await oauth.discoveryRequest(new URL(sandbox.issuer), insecure));
  return {
    url: sandbox.issuer,
    as,
    relay: relay.testClient,
    other: other.testClient,
    clock,
    setAvailability: (hook) => {
      availability = hook;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** oauth4webapi caches the nonce from a `use_dpop_nonce` answer; the request is then made once more. */
export async function withDpopNonceRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw error;
    return attempt();
  }
}

interface SelfinfoDetailInput {
  type: string;
  items: string[];
  query: Record<string, string>;
  purpose: string;
  service: string;
}

export function detailFor(items: string[], query: Record<string, string> = { method: 'latest' }): SelfinfoDetailInput {
  return { type: 'myna_selfinfo', items, query, purpose: '住宅ローンの事前審査', service: 'テスト銀行' };
}

export interface PreparedRequest {
  params: Record<string, string>;
  codeVerifier: string;
  state: string;
  nonce: string;
}

export async function prepareRequest(detail: SelfinfoDetailInput = detailFor(['localTax.salaryRevenue'])): Promise<PreparedRequest> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  return {
    codeVerifier,
    state,
    nonce,
    params: {
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid selfinfo',
      state,
      nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      authorization_details: JSON.stringify([detail]),
    },
  };
}

/** Pushes the request (PAR with DPoP); resolves to the authorization URL a browser would open. */
export async function push(h: Harness, params: Record<string, string>, by: TestClient = h.relay): Promise<URL> {
  const pushed = await withDpopNonceRetry(async () =>
    oauth.processPushedAuthorizationResponse(
      h.as,
      by.client,
      await oauth.pushedAuthorizationRequest(h.as, by.client, by.clientAuth, params, { DPoP: by.dpop, ...insecure }),
    ),
  );
  const url = new URL(h.as.authorization_endpoint!);
  url.searchParams.set('client_id', by.client.client_id);
  url.searchParams.set('request_uri', pushed.request_uri);
  return url;
}

export type Screen = { kind: 'page'; status: number; url: string; html: string; headers: Headers } | { kind: 'callback'; url: URL };

/** Cookies by hand, redirects followed while they stay on the sandbox, as a browser would. */
export class Browser {
  readonly #cookies = new Map<string, string>();
  constructor(readonly origin: string) {}

  async open(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Screen> {
    let target = new URL(url, this.origin);
    let method = init.method ?? (init.form === undefined ? 'GET' : 'POST');
    let body: URLSearchParams | undefined = init.form === undefined ? undefined : new URLSearchParams(init.form);
    for (;;) {
      const response = await fetch(target, {
        method,
        body,
        redirect: 'manual',
        headers: { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      this.#remember(response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { kind: 'page', status: response.status, url: target.href, html: await response.text(), headers: response.headers };
      }
      await response.body?.cancel();
      target = new URL(location, target);
      if (target.origin !== this.origin) return { kind: 'callback', url: target };
      method = 'GET';
      body = undefined;
    }
  }

  /** Submits the page's form whose action ends with `actionSuffix`, like pressing its button. */
  async submit(screen: Screen, actionSuffix: string, form: Record<string, string> = {}): Promise<Screen> {
    assert.equal(screen.kind, 'page');
    if (screen.kind !== 'page') throw new Error('not a page');
    const action = [...screen.html.matchAll(/<form method="post" action="([^"]+)"/g)].map((match) => match[1]!).find((found) => found.endsWith(actionSuffix));
    assert.ok(action, `no form posting to …${actionSuffix} on ${screen.url}`);
    return this.open(new URL(action.replaceAll('&#38;', '&'), screen.url), { form });
  }

  #remember(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator).trim();
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair!.slice(separator + 1).trim());
    }
  }
}

export function page(screen: Screen): Extract<Screen, { kind: 'page' }> {
  assert.equal(screen.kind, 'page', `expected a page, got ${screen.kind === 'callback' ? screen.url.href : ''}`);
  return screen as Extract<Screen, { kind: 'page' }>;
}

export function callback(screen: Screen): URL {
  assert.equal(screen.kind, 'callback', `expected a redirect to the client, got a page: ${screen.kind === 'page' ? screen.html.slice(0, 400) : ''}`);
  return (screen as Extract<Screen, { kind: 'callback' }>).url;
}

/** Consent ticked, card chosen and PIN entered: ends at the client's callback. */
export async function consentAndAuthenticate(h: Harness, authorizationUrl: URL, personaId: string, pin: string): Promise<URL> {
  const browser = new Browser(h.url);
  const consent = page(await browser.open(authorizationUrl));
  const card = page(await browser.submit(consent, '/consent', { agree: 'yes' }));
  return callback(await browser.submit(card, '/card', { persona: personaId, pin }));
}

export interface Tokens {
  accessToken: string;
  subject: string;
  response: oauth.TokenEndpointResponse;
}

export async function exchangeCode(h: Harness, request: PreparedRequest, callbackUrl: URL, by: TestClient = h.relay): Promise<Tokens> {
  const callbackParams = oauth.validateAuthResponse(h.as, by.client, callbackUrl, request.state);
  const response = await withDpopNonceRetry(async () =>
    oauth.processAuthorizationCodeResponse(
      h.as,
      by.client,
      await oauth.authorizationCodeGrantRequest(h.as, by.client, by.clientAuth, callbackParams, REDIRECT_URI, request.codeVerifier, {
        DPoP: by.dpop,
        ...insecure,
      }),
      { expectedNonce: request.nonce, requireIdToken: true },
    ),
  );
  const claims = oauth.getValidatedIdTokenClaims(response);
  assert.ok(claims);
  return { accessToken: response.access_token, subject: claims.sub, response };
}

/** The whole consent flow for one persona, up to the access token. */
export async function runFlow(h: Harness, detail: SelfinfoDetailInput, personaId = 'yamada-taro', pin = '1234', by: TestClient = h.relay): Promise<Tokens> {
  const request = await prepareRequest(detail);
  const callbackUrl = await consentAndAuthenticate(h, await push(h, request.params, by), personaId, pin);
  return exchangeCode(h, request, callbackUrl, by);
}

export const requestsUrl = (h: Harness) => new URL(`${h.url}/selfinfo/v1/requests`);

export async function callSelfinfo(h: Harness, accessToken: string, method: 'POST' | 'GET', url: URL, by: TestClient = h.relay): Promise<Response> {
  return oauth.protectedResourceRequest(accessToken, method, url, new Headers(), null, { DPoP: by.dpop, ...insecure });
}

export async function startRequest(h: Harness, accessToken: string, by: TestClient = h.relay): Promise<string> {
  const response = await callSelfinfo(h, accessToken, 'POST', requestsUrl(h), by);
  assert.equal(response.status, 202);
  const body = (await response.json()) as { processId: string; status: string };
  assert.equal(body.status, 'PENDING');
  return body.processId;
}

interface ProcessReport {
  processId: string;
  status: string;
  result?: string;
  error?: { code: string; message: string };
}

export async function report(h: Harness, accessToken: string, processId: string): Promise<{ body: ProcessReport; response: Response }> {
  const response = await callSelfinfo(h, accessToken, 'GET', new URL(`${requestsUrl(h).href}/${processId}`));
  assert.equal(response.status, 200);
  return { body: (await response.json()) as ProcessReport, response };
}

export async function pollUntilSettled(h: Harness, accessToken: string, processId: string, timeoutMs = 5_000): Promise<ProcessReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await report(h, accessToken, processId);
    if (body.status !== 'PENDING') return body;
    assert.ok(Date.now() < deadline, 'process still pending');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface ResultPayload extends JWTPayload {
  processId: string;
  query: Record<string, string>;
  records: { asOf: string; values: Record<string, number | string | null> }[];
}

async function verifyResult(h: Harness, jws: string, clientId = h.relay.client.client_id): Promise<ResultPayload> {
  const jwks = createRemoteJWKSet(new URL(h.as.jwks_uri!));
  const { payload } = await jwtVerify<ResultPayload>(jws, jwks, {
    issuer: h.url,
    audience: clientId,
    typ: 'myna-selfinfo+jwt',
    algorithms: ['ES256'],
  });
  return payload;
}

/** Fetches the signed result for a fresh token: request, poll, verify. */
export async function fetchResult(h: Harness, tokens: Tokens): Promise<ResultPayload> {
  const processId = await startRequest(h, tokens.accessToken);
  const settled = await pollUntilSettled(h, tokens.accessToken, processId);
  assert.equal(settled.status, 'SUCCESS', JSON.stringify(settled));
  const payload = await verifyResult(h, settled.result!);
  assert.equal(payload.processId, processId);
  assert.equal(payload.sub, tokens.subject);
  return payload;
}

/** A hand-made DPoP proof, for the checks oauth4webapi would never get wrong. */
export async function handMadeProof(
  keys: CryptoKeyPair,
  claims: { htm: string; htu: string; accessToken?: string; jti?: string; iat?: number },
): Promise<string> {
  const publicJwk = await exportJWK(keys.publicKey);
  const ath = claims.accessToken === undefined ? undefined : Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(claims.accessToken))).toString('base64url');
  return new SignJWT({ htm: claims.htm, htu: claims.htu, ...(ath === undefined ? {} : { ath }) })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk })
    .setJti(claims.jti ?? randomUUID())
    .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
    .sign(keys.privateKey as CryptoKey);
}

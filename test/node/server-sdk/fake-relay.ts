import type { IncomingHttpHeaders } from 'node:http';
import { CompactEncrypt, SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { PROBLEM_CONTENT_TYPE, PROBLEMS, problemType, type ProblemCode } from '../../../src/protocol/problems.js';
import { RESULT_JWT_TYPE, type ResultClaims, type SessionAnswer } from '../../../src/protocol/sessions.js';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';

export const API_KEY = 'myna_test_SDKTESTKEY_notasecret_0000';
export const CLIENT_ID = 'bank-web';
export const SESSION_ID = 'ses_0123456789abcdef';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What `GET /v1/sessions/{id}/result` answers: a compact token, or a problem with its extra members. */
export type ResultAnswer = { token: string } | { problem: ProblemCode; extensions?: Record<string, unknown> };

/**
 * The relay's provider routes as the spec states them, on loopback: Bearer key, no Origin,
 * problem documents, a JWKS holding a portal-auth key and the published result keys.
 */
export interface FakeRelay {
  origin: string;
  requests: RecordedRequest[];
  /** Result keys: `first` and `second` as during a rotation; `stray` is never published. */
  keys: { first: SigningKey; second: SigningKey; stray: SigningKey };
  /** The result keys in the JWKS, in order; change it to rotate. */
  published: SigningKey[];
  results: Map<string, ResultAnswer>;
  /** Claims of a valid result of `SESSION_ID`, with `overrides` applied. */
  claims(overrides?: Partial<ResultClaims>): ResultClaims;
  sign(claims: ResultClaims, options?: { key?: SigningKey; typ?: string }): Promise<string>;
  jwksFetches(): number;
  close(): Promise<void>;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'ES256' } };
}

export async function startFakeRelay(): Promise<FakeRelay> {
  const { server, origin } = await listenOnLoopback();
  const keys = { first: await signingKey('result-2026-12'), second: await signingKey('result-2027-01'), stray: await signingKey('result-stray') };
  const portalAuthKey = await signingKey('portal-auth-1');
  const requests: RecordedRequest[] = [];
  const results = new Map<string, ResultAnswer>();
  const relay: FakeRelay = {
    origin,
    requests,
    keys,
    published: [keys.first, keys.second],
    results,
    claims: (overrides = {}) => ({
      iss: origin,
      aud: CLIENT_ID,
      sub: 'psub_3kq9X2',
      sid: SESSION_ID,
      ref: 'loan-2026-0042',
      purpose: { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査', en: 'Mortgage pre-screening' },
      items: ['localTax.salaryRevenue'],
      query: { method: 'latest' },
      iat: nowSeconds(),
      exp: nowSeconds() + 600,
      retain_until: '2027-03-31',
      source: 'mynaportal',
      retrievedAt: new Date().toISOString(),
      records: [
        { asOf: '2025-06-01', values: [{ key: 'localTax.salaryRevenue', infoNumber: null, status: 'present', value: 5_420_000, unit: 'JPY' }] },
        { asOf: '2026-06-01', values: [{ key: 'localTax.salaryRevenue', infoNumber: null, status: 'present', value: 5_670_000, unit: 'JPY' }] },
      ],
      ...overrides,
    }),
    sign: (claims, { key = keys.first, typ = RESULT_JWT_TYPE } = {}) =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: 'ES256', typ, kid: key.kid }).sign(key.privateKey),
    jwksFetches: () => requests.filter((request) => request.path === '/.well-known/jwks.json').length,
    close: () => closeServer(server),
  };

  server.on('request', (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({ method: request.method ?? '', path, headers: request.headers, body });
      const send = (status: number, contentType?: string, text?: string) => {
        response.writeHead(status, contentType === undefined ? {} : { 'content-type': contentType });
        response.end(text);
      };
      const refuse = (code: ProblemCode, extensions: Record<string, unknown> = {}) => {
        const { status } = PROBLEMS[code];
        send(status, PROBLEM_CONTENT_TYPE, JSON.stringify({ type: problemType(code), title: 'Refused', status, code, detail: `test relay: ${code}`, ...extensions }));
      };

      if (path === '/.well-known/jwks.json' && request.method === 'GET') {
        send(200, 'application/json', JSON.stringify({ keys: [portalAuthKey.publicJwk, ...relay.published.map((key) => key.publicJwk)] }));
        return;
      }
      if (request.headers.origin !== undefined) return refuse('browser-request-refused');
      if (request.headers.authorization !== `Bearer ${API_KEY}`) return refuse('unauthorized');

      const session = /^\/v1\/sessions\/([^/]+)(\/result)?$/.exec(path);
      if (path === '/v1/sessions' && request.method === 'POST') {
        return send(201, 'application/json', JSON.stringify({ sessionId: SESSION_ID, clientToken: 'ct_0123456789abcdefghij', expiresAt: '2026-12-03T13:30:00.000Z' }));
      }
      if (session === null) return refuse('not-found');
      const id = decodeURIComponent(session[1]!);
      if (id !== SESSION_ID && !results.has(id)) return refuse('unknown-session');
      if (session[2] !== undefined && request.method === 'GET') {
        const answer = results.get(id);
        if (answer === undefined) return refuse('result-not-ready', { sessionStatus: 'pending' });
        if ('problem' in answer) return refuse(answer.problem, answer.extensions);
        return send(200, 'application/jwt', answer.token);
      }
      if (request.method === 'GET') return send(200, 'application/json', JSON.stringify(sessionAnswerOf(id)));
      if (request.method === 'DELETE') return send(204);
      refuse('method-not-allowed');
    });
  });
  return relay;
}

const sessionAnswerOf = (sessionId: string): SessionAnswer => ({
  sessionId,
  reference: 'loan-2026-0042',
  status: 'pending',
  items: ['localTax.salaryRevenue'],
  purpose: 'mortgage-prescreen',
  query: { method: 'latest' },
  createdAt: '2026-12-03T13:00:00.000Z',
  expiresAt: '2026-12-03T13:30:00.000Z',
  completedAt: null,
  resultExpiresAt: null,
});

/** The relay's envelope for a client with an `encryptionKey`: the signed JWT inside a JWE. */
export function encryptFor(publicKey: CryptoKey, signed: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(signed)).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT' }).encrypt(publicKey);
}

/** The same signature over another payload: what a man in the middle raising an income would send. */
export function withPayload(token: string, claims: ResultClaims): string {
  const [header, , signature] = token.split('.');
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

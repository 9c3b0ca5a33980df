/** What the relay tests send and expect: origins, schedule overrides, request bodies, a fake portal. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { INTERMEDIATE_SERVER_IDS, SYSTEM_IDS } from '../../src/domain/catalog/index.js';
import { PortalError } from '../../src/server/portal/errors.js';
import type { PortalClient, Relay } from '../../src/server/index.js';

/**
 * RELAY_SCHEDULE_OVERRIDES under which every server is always up, so tests that are not about
 * the hours pass on any date (3rd weekends, the year-end stop).
 */
export const ALWAYS_OPEN = JSON.stringify({
  servers: Object.fromEntries(
    [...SYSTEM_IDS, ...INTERMEDIATE_SERVER_IDS].map((id) => [id, { hours: [{ days: 'every-day', from: '00:00', to: '24:00' }], stops: [] }]),
  ),
});

export const HOST_ORIGIN = 'http://localhost:5173';
export const RETURN_URL = `${HOST_ORIGIN}/demo/loan.html`;

export async function temporaryDir(prefix = 'relay-test-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A widget-side secret and the hash the widget sends when starting a flow. */
export function widgetSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, secretHash: createHash('sha256').update(secret).digest('base64url') };
}

export const FAKE_ISSUER = 'http://127.0.0.1:9';

/**
 * A portal that accepts every pushed request (remembering its state) and checks callbacks with
 * oauth4webapi, but refuses every code: for tests that never reach the real portal.
 */
export function acceptingPortal(): PortalClient & { pushedStates: string[] } {
  const as: oauth.AuthorizationServer = { issuer: FAKE_ISSUER, authorization_response_iss_parameter_supported: true };
  const client: oauth.Client = { client_id: 'test' };
  const refuse = () => Promise.reject(new PortalError('portal-refused', 'this fake portal issues no tokens'));
  const pushedStates: string[] = [];
  return {
    pushedStates,
    metadata: async () => as,
    pushAuthorizationRequest: async ({ state }) => {
      pushedStates.push(state);
      return { authorizationUrl: `${FAKE_ISSUER}/authorize?request_uri=urn%3Atest` };
    },
    validateCallback: async (parameters, expectedState) => oauth.validateAuthResponse(as, client, parameters, expectedState),
    exchangeCode: refuse,
    requestSelfInformation: refuse,
    pollSelfInformation: refuse,
    verifyResult: refuse,
  };
}

/** Headers of a well-behaved widget call from the host page. */
export function widgetHeaders(origin = HOST_ORIGIN): Record<string, string> {
  return { Origin: origin, 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' };
}

export function startBody(secretHash: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    items: ['localTax.salaryRevenue'],
    query: { method: 'latest' },
    mode: 'popup',
    returnUrl: RETURN_URL,
    secretHash,
    ...overrides,
  };
}

/** A valid `POST /v1/fallback` body from the host page. */
export function fallbackBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: 'hanako@example.com',
    emailConfirmation: 'hanako@example.com',
    items: ['localTax.salaryRevenue'],
    query: { method: 'latest' },
    returnUrl: RETURN_URL,
    reason: 'unavailable',
    lang: 'ja',
    ...overrides,
  };
}

export function postJson(
  app: Relay['app'],
  path: string,
  body: unknown,
  headers: Record<string, string> = widgetHeaders(),
): Promise<Response> {
  return Promise.resolve(app.request(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}

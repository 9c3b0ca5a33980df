import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { parseInput } from '../http/validate.js';
import { requireAllowedItems } from '../items.js';
import { generateDpopKeys } from '../portal/dpop-keys.js';
import { PortalError } from '../portal/errors.js';
import { ProblemError } from '../problem.js';
import { addDays, flowQuerySchema, japanDate, type FlowQuery } from '../query.js';
import type { FlowContext } from './context.js';
import { sealSecrets } from './secrets.js';
import { randomToken, sha256Base64url } from './tokens.js';

const MAX_ITEMS = 50;

const createFlowSchema = z.strictObject({
  items: z.array(z.string().min(1).max(100)).min(1).max(MAX_ITEMS),
  query: flowQuerySchema,
  mode: z.enum(['popup', 'redirect', 'kiosk']),
  returnUrl: z.string().min(1).max(2048),
  secretHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected base64url(SHA-256(secret))'),
});

export interface Consent {
  service: string;
  purpose: string;
  retainUntil: string;
}

export interface CreatedFlow {
  flowId: string;
  launchUrl: string;
  expiresAt: string;
  consent: Consent;
}

/** Validates the widget's request against the relay's configuration, pushes it to the portal, stores the flow. */
export async function createFlow(context: FlowContext, body: unknown, origin: string): Promise<CreatedFlow> {
  const { config, store, sealer, portal, now } = context;
  const input = parseInput(createFlowSchema, body);
  const items = requireAllowedItems(input.items, config.allowedItems);
  const today = japanDate(now());
  checkQueryDates(input.query, today);
  const returnUrl = checkReturnUrl(input.returnUrl, origin);

  const flowId = randomToken();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const dpop = await generateDpopKeys();
  const consent: Consent = {
    service: config.serviceName,
    purpose: config.purpose,
    retainUntil: addDays(today, config.retentionDays),
  };

  let authorizationUrl: string;
  try {
    ({ authorizationUrl } = await portal.pushAuthorizationRequest({
      state,
      nonce,
      codeVerifier,
      dpop: dpop.pair,
      details: { type: 'myna_selfinfo', items, query: input.query, purpose: consent.purpose, service: consent.service },
    }));
  } catch (error) {
    if (!(error instanceof PortalError)) throw error;
    throw new ProblemError(502, error.code, 'The portal did not accept the authorization request', {
      title: 'Portal error',
      cause: error,
    });
  }

  const createdAt = now();
  const expiresAt = createdAt + config.flowTtlSeconds * 1000;
  await store.insert({
    id: flowId,
    stateHash: sha256Base64url(state),
    secretHash: input.secretHash,
    bindingHash: null,
    status: 'created',
    mode: input.mode,
    returnUrl,
    items,
    query: input.query,
    retainUntil: consent.retainUntil,
    outcome: null,
    sealed: await sealSecrets(sealer, flowId, { phase: 'authorizing', codeVerifier, nonce, authorizationUrl, dpop: dpop.jwks }),
    createdAt,
    expiresAt,
    consentedAt: null,
    nextPollAt: null,
    pollLockUntil: null,
  });
  return {
    flowId,
    launchUrl: `${config.publicUrl}/v1/flows/${flowId}/launch`,
    expiresAt: new Date(expiresAt).toISOString(),
    consent,
  };
}

function checkQueryDates(query: FlowQuery, today: string): void {
  const future = (field: string) =>
    new ProblemError(400, 'invalid-query', `query.${field} lies in the future (today is ${today} in Japan)`, {
      field: `query.${field}`,
    });
  if (query.method === 'at' && query.at > today) throw future('at');
  if (query.method === 'range') {
    if (query.from > query.to) {
      throw new ProblemError(400, 'invalid-query', 'query.from is after query.to', { field: 'query.from' });
    }
    if (query.to > today) throw future('to');
  }
}

/** The hand-off goes back to the page that started the flow, so its origin must be the caller's. */
function checkReturnUrl(raw: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProblemError(400, 'invalid-return-url', 'returnUrl must be an absolute URL', { field: 'returnUrl' });
  }
  if (url.origin !== origin) {
    throw new ProblemError(400, 'invalid-return-url', 'returnUrl must have the same origin as the calling page', {
      field: 'returnUrl',
    });
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw new ProblemError(400, 'invalid-return-url', 'returnUrl must not carry credentials or a fragment', {
      field: 'returnUrl',
    });
  }
  return url.href;
}

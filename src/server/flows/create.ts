import * as oauth from 'oauth4webapi';
import type { Consent, CreateFlowRequest, FlowStarted } from '../../protocol/index.js';
import { requireAllowedItems } from '../items.js';
import { generateDpopKeys } from '../portal/dpop-keys.js';
import { PortalError } from '../portal/errors.js';
import { availabilityFor, unavailableProblem } from '../availability.js';
import { ProblemError } from '../problem.js';
import { addDays, japanDate } from '../../domain/japan-time.js';
import { checkQueryDates, checkReturnUrl } from './checks.js';
import type { FlowContext } from './context.js';
import { sealSecrets } from './secrets.js';
import { randomToken, sha256Base64url } from './tokens.js';

/** Validates the widget's request against the relay's configuration, pushes it to the portal, stores the flow. */
export async function createFlow(context: FlowContext, request: CreateFlowRequest, origin: string): Promise<FlowStarted> {
  const { store, sealer, portal, now } = context;
  const input = { ...request, items: request.items ?? [], query: request.query ?? { method: 'latest' as const } };
  const items = requireAllowedItems(input.items, context.allowedItems);
  const today = japanDate(now());
  checkQueryDates(input.query, today);
  const returnUrl = checkReturnUrl(input.returnUrl, origin);
  // The relay is authoritative for the hours: out of them the portal is not even asked.
  const answer = availabilityFor(context, items, now());
  if (!answer.available) throw unavailableProblem(answer, now());

  const flowId = randomToken();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const dpop = await generateDpopKeys();
  const consent: Consent = {
    service: context.serviceName,
    purpose: context.purpose,
    retainUntil: addDays(today, context.retentionDays),
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
    throw new ProblemError(error.code, 'The portal did not accept the authorization request', {
      title: 'Portal error',
      cause: error,
    });
  }

  const createdAt = now();
  const expiresAt = createdAt + context.flowTtlSeconds * 1000;
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
    launchUrl: `${context.publicUrl}/v1/flows/${flowId}/launch`,
    expiresAt: new Date(expiresAt).toISOString(),
    consent,
  };
}

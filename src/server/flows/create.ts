import * as oauth from 'oauth4webapi';
import type { Consent, CreateFlowRequest, FlowStarted, Query } from '../../protocol/index.js';
import { resolvePurpose } from '../purposes.js';
import { sessionForPage } from '../sessions/bound.js';
import type { PurposeText, SessionRecord } from '../store/types.js';
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

/** What a flow asks the portal for, and under which consent: from the request, or from its provider session. */
interface FlowTarget {
  items: string[];
  query: Query;
  purpose: PurposeText;
  retainUntil: string;
  session: SessionRecord | null;
}

/** Validates the widget's request against the relay's configuration, pushes it to the portal, stores the flow. */
export async function createFlow(context: FlowContext, request: CreateFlowRequest, origin: string): Promise<FlowStarted> {
  const { store, sealer, portal, now } = context;
  const today = japanDate(now());
  const target = request.session === undefined ? unboundTarget(context, request, today) : await boundTarget(context, request.session, origin);
  const { items, query, purpose } = target;
  const returnUrl = target.session?.returnUrl ?? checkReturnUrl(request.returnUrl, origin);
  // The relay is authoritative for the hours: out of them the portal is not even asked.
  const answer = availabilityFor(context, items, now());
  if (!answer.available) throw unavailableProblem(answer, now());

  const flowId = randomToken();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const dpop = await generateDpopKeys();
  const consent: Consent = { service: context.serviceName, purpose: purpose.ja, retainUntil: target.retainUntil };

  let authorizationUrl: string;
  try {
    ({ authorizationUrl } = await portal.pushAuthorizationRequest({
      state,
      nonce,
      codeVerifier,
      dpop: dpop.pair,
      details: { type: 'myna_selfinfo', items, query, purpose: consent.purpose, service: consent.service },
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
    secretHash: request.secretHash,
    bindingHash: null,
    status: 'created',
    mode: request.mode,
    returnUrl,
    items,
    query,
    purpose,
    sessionId: target.session?.id ?? null,
    retainUntil: consent.retainUntil,
    outcome: null,
    sealed: await sealSecrets(sealer, flowId, { phase: 'authorizing', codeVerifier, nonce, authorizationUrl, dpop: dpop.jwks }),
    createdAt,
    expiresAt,
    consentedAt: null,
    nextPollAt: null,
    pollLockUntil: null,
  });
  // The session reports this attempt from now on, and lives at least as long as it: a consent
  // given in the session's last minute still completes it. A session that just ended keeps its state.
  if (target.session !== null) {
    await context.sessions.updateSession(target.session.id, ['open'], { flowId, expiresAt: Math.max(target.session.expiresAt, expiresAt) });
  }
  return {
    flowId,
    launchUrl: `${context.publicUrl}/v1/flows/${flowId}/launch`,
    expiresAt: new Date(expiresAt).toISOString(),
    consent,
  };
}

/** An unbound button: its items, query and purpose id, checked against the relay's tables. */
function unboundTarget(context: FlowContext, request: CreateFlowRequest, today: string): FlowTarget {
  if (request.items === undefined || request.query === undefined) {
    throw new ProblemError('invalid-input', 'items and query are required unless the flow is bound to a session', {
      field: request.items === undefined ? 'items' : 'query',
    });
  }
  const items = requireAllowedItems(request.items, context.allowedItems);
  checkQueryDates(request.query, today);
  const purpose = resolvePurpose(context.purposes, request.purpose);
  return { items, query: request.query, purpose, retainUntil: addDays(today, purpose.retentionDays), session: null };
}

/** A bound button: the session decides items, query and purpose; the request's own are not read. */
async function boundTarget(context: FlowContext, clientToken: string, origin: string): Promise<FlowTarget> {
  const { session } = await sessionForPage(context, clientToken, origin);
  return { items: session.items, query: session.query, purpose: session.purpose, retainUntil: session.retainUntil, session };
}

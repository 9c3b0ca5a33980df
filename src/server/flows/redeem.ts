import type { FlowErrorCode, FlowResult, FlowResultData } from '../../protocol/index.js';
import { importDpopKeys, type DpopKeyJwks } from '../portal/dpop-keys.js';
import { PortalError } from '../portal/errors.js';
import { ProblemError } from '../problem.js';
import type { FlowRecord } from '../store/types.js';
import type { FlowContext } from './context.js';
import { alreadyRedeemed, flowExpired, loadFlow } from './load.js';
import { holderFromPayload, recordsFromPayload } from './result-records.js';
import { resolvePurpose } from '../purposes.js';
import { completeSession, type Settlement, type VerifiedRetrieval } from '../sessions/result.js';
import { unsealSecrets } from './secrets.js';
import { digestsEqual, sha256Base64url } from './tokens.js';

/** What a poll (or a cancel) answers: src/protocol/flows.ts. */
export type FlowStatusAnswer = FlowResult;
export type { FlowResultData };

/** How long one call may hold the polling slot; longer than any portal timeout. */
const POLL_LOCK_MS = 15_000;

/** The flow for the widget that proves, with its secret, that it started it. */
export async function authorisedFlow(context: FlowContext, flowId: string, secret: string): Promise<FlowRecord> {
  const flow = await loadFlow(context, flowId);
  if (!digestsEqual(sha256Base64url(secret), flow.secretHash)) {
    throw new ProblemError('bad-secret', 'The secret does not match the one this flow was started with');
  }
  if (flow.status === 'expired') throw flowExpired();
  if (flow.status === 'redeemed') throw alreadyRedeemed();
  return flow;
}

/**
 * Answers the widget's poll. A pending flow polls the portal at most once per call (and not
 * before Retry-After); a success is verified, handed out once and its secrets deleted.
 */
export async function redeemResult(context: FlowContext, flowId: string, secret: string): Promise<FlowStatusAnswer> {
  const flow = await authorisedFlow(context, flowId, secret);
  if (flow.status === 'exchanging') return abandonedExchange(context, flow);
  if (flow.status !== 'pending') return settledAnswer(flow);
  const now = context.now();
  const pending = { status: 'pending', elapsedMs: now - (flow.consentedAt ?? now) } as const;
  if (flow.nextPollAt !== null && now < flow.nextPollAt) return pending;
  if (!(await context.store.claimPoll(flow.id, now, now + POLL_LOCK_MS))) return pending;
  return pollPortal(context, flow, pending);
}

async function pollPortal(
  context: FlowContext,
  flow: FlowRecord,
  pending: Extract<FlowStatusAnswer, { status: 'pending' }>,
): Promise<FlowStatusAnswer> {
  const { store, sealer, portal, now } = context;
  const fail = async (code: FlowErrorCode, retryable: boolean): Promise<FlowStatusAnswer> => {
    const failed = await store.transition(flow.id, ['pending'], { status: 'failed', outcome: { kind: 'failed', code, retryable }, sealed: null });
    return failed ? { status: 'error', code, retryable } : currentAnswer(context, flow.id);
  };
  const secrets = await unsealSecrets(sealer, flow, 'consented');
  const dpop = await importDpopKeys(secrets.dpop as DpopKeyJwks);
  try {
    const answer = await portal.pollSelfInformation(secrets.accessToken, secrets.processId, dpop);
    switch (answer.status) {
      case 'PENDING':
        await store.transition(flow.id, ['pending'], { nextPollAt: now() + answer.retryAfterSeconds * 1000, pollLockUntil: null });
        return pending;
      case 'ERROR':
        return await fail('portal-result-error', false);
      case 'EXPIRED':
        return await fail('expired', true);
      case 'SUCCESS': {
        const payload = await portal.verifyResult(answer.jws, secrets.subject);
        const records = recordsFromPayload(payload, { processId: secrets.processId, items: flow.items, query: flow.query });
        const retrievedAt = new Date(now()).toISOString();
        if (flow.sessionId !== null) {
          const settled = await settleSession(context, flow.sessionId, { records, holder: holderFromPayload(payload), portalSubject: secrets.subject, retrievedAt });
          // A mismatching holder gets nothing, not even in the widget: the form is the applicant's.
          if (settled === 'subject_mismatch') return await fail('subject-mismatch', false);
          if (settled !== 'completed') return await fail('session-closed', false);
        }
        // Hand out once: only the call that moves pending → redeemed returns the data.
        if (!(await store.transition(flow.id, ['pending'], { status: 'redeemed', sealed: null, pollLockUntil: null }))) {
          return currentAnswer(context, flow.id);
        }
        // Flows stored before purposes had ids served the one configured purpose.
        const purpose = flow.purpose ?? resolvePurpose(context.purposes, undefined);
        const consent = { service: context.serviceName, purpose: purpose.ja, retainUntil: flow.retainUntil };
        return {
          status: 'success',
          result: { items: flow.items, query: flow.query, records, retrievedAt, consent, ...(flow.sessionId === null ? {} : { sessionId: flow.sessionId }) },
        };
      }
    }
  } catch (error) {
    if (!(error instanceof PortalError)) throw error;
    if (error.code === 'portal-unreachable') {
      // Transient: keep the flow pending so the next call tries again.
      await store.transition(flow.id, ['pending'], { pollLockUntil: null });
      return { status: 'error', code: error.code, retryable: true };
    }
    return fail(error.code, false);
  }
}

/**
 * A flow still `exchanging` past its lease was left by a relay that died mid-exchange (its code is
 * spent or stale): it ends as `relay-error` (retryable: start again) instead of awaiting consent
 * until it expires.
 */
async function abandonedExchange(context: FlowContext, flow: FlowRecord): Promise<FlowStatusAnswer> {
  if (flow.pollLockUntil === null || context.now() < flow.pollLockUntil) return settledAnswer(flow);
  const outcome = { kind: 'failed', code: 'relay-error', retryable: true } as const;
  if (await context.store.transition(flow.id, ['exchanging'], { status: 'failed', outcome, sealed: null, pollLockUntil: null })) {
    return { status: 'error', code: outcome.code, retryable: outcome.retryable };
  }
  return currentAnswer(context, flow.id);
}

/** What the flow says now, after another call changed it (a cancel, an expiry, a redemption). */
export async function currentAnswer(context: FlowContext, flowId: string): Promise<FlowStatusAnswer> {
  const flow = await context.store.get(flowId);
  if (flow === undefined || flow.status === 'expired') throw flowExpired();
  if (flow.status === 'redeemed') throw alreadyRedeemed();
  return flow.status === 'pending' ? { status: 'pending', elapsedMs: context.now() - (flow.consentedAt ?? context.now()) } : settledAnswer(flow);
}

/** The answer for a flow that is not pending: still at the portal, or ended without data. */
export function settledAnswer(flow: FlowRecord): FlowStatusAnswer {
  const outcome = flow.outcome;
  switch (flow.status) {
    case 'created':
    case 'launched':
    case 'exchanging':
      return { status: 'awaiting-consent' };
    case 'cancelled':
      if (outcome?.kind !== 'cancelled') break;
      return { status: 'cancelled', step: outcome.step };
    case 'unavailable':
      if (outcome?.kind !== 'unavailable') break;
      return { status: 'unavailable', nextAvailableAt: outcome.nextAvailableAt, servers: outcome.servers };
    case 'failed':
      if (outcome?.kind !== 'failed') break;
      return { status: 'error', code: outcome.code, retryable: outcome.retryable };
    default:
      break;
  }
  throw new Error(`Flow ${flow.id} in status ${flow.status} has no settled answer`);
}

async function settleSession(context: FlowContext, sessionId: string, retrieval: VerifiedRetrieval): Promise<Settlement> {
  const session = await context.sessions.getSession(sessionId);
  return session === undefined ? 'closed' : completeSession(context, session, retrieval);
}

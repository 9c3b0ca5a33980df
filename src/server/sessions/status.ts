import type { SessionAnswer } from '../../protocol/index.js';
import type { FlowRecord, SessionRecord } from '../store/types.js';
import type { SessionContext } from './context.js';

type Progress = Pick<SessionAnswer, 'status' | 'code' | 'retryable'>;

/**
 * What a provider sees: the session's own state once it is final, else its latest flow's. A
 * flow that failed or was cancelled leaves the session open: the citizen may try again.
 */
export function progressOf(session: SessionRecord, flow: FlowRecord | undefined, now: number): Progress {
  if (session.state !== 'open') return { status: session.state };
  if (session.expiresAt <= now) return { status: 'expired' };
  const outcome = flow?.outcome ?? null;
  switch (flow?.status) {
    case undefined:
    case 'created':
    case 'launched':
    case 'exchanging':
      return { status: 'created' };
    case 'pending':
    case 'redeemed':
      return { status: 'pending' };
    case 'cancelled':
      return { status: 'cancelled' };
    case 'unavailable':
      return { status: 'failed', code: 'unavailable', retryable: true };
    case 'failed':
      return outcome?.kind === 'failed' ? { status: 'failed', code: outcome.code, retryable: outcome.retryable } : { status: 'failed' };
    case 'expired':
      // The flow's lifetime passed before an answer: another attempt may succeed.
      return { status: 'failed', code: 'expired', retryable: true };
  }
}

export async function sessionAnswerOf(context: SessionContext, session: SessionRecord): Promise<SessionAnswer> {
  const flow = session.flowId === null ? undefined : await context.flows.get(session.flowId);
  const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());
  return {
    sessionId: session.id,
    reference: session.reference,
    ...progressOf(session, flow, context.now()),
    items: session.items,
    purpose: session.purpose.id,
    query: session.query,
    createdAt: iso(session.createdAt)!,
    expiresAt: iso(session.expiresAt)!,
    completedAt: iso(session.completedAt),
    resultExpiresAt: session.sealedResult === null || (session.resultExpiresAt ?? 0) <= context.now() ? null : iso(session.resultExpiresAt),
  };
}

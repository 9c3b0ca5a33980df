import { ProblemError } from '../problem.js';
import type { FlowRecord } from '../store/types.js';
import type { FlowContext } from './context.js';
import { FLOW_ID_PATTERN } from './tokens.js';

/** The flow, after purging expired ones, so an expired flow is never served with its secrets. */
export async function loadFlow({ store, now }: FlowContext, flowId: string): Promise<FlowRecord> {
  if (!FLOW_ID_PATTERN.test(flowId)) throw unknownFlow();
  await store.purgeExpired(now());
  const flow = await store.get(flowId);
  if (flow === undefined) throw unknownFlow();
  return flow;
}

export function unknownFlow(): ProblemError {
  return new ProblemError('unknown-flow', 'No such flow');
}

export function flowExpired(): ProblemError {
  return new ProblemError('flow-expired', 'The flow has expired; start again');
}

export function alreadyRedeemed(): ProblemError {
  return new ProblemError('already-redeemed', 'The result was already handed out and deleted');
}

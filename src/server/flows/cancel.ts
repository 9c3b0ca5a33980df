import type { FlowContext } from './context.js';
import { authorisedFlow, currentAnswer, type FlowStatusAnswer } from './redeem.js';

/**
 * The widget's cancel: ends a flow that has not ended yet and drops its secrets. A flow that
 * already ended keeps its outcome, which is returned instead.
 */
export async function cancelFlow(context: FlowContext, flowId: string, secret: string): Promise<FlowStatusAnswer> {
  const flow = await authorisedFlow(context, flowId, secret);
  await context.store.transition(flow.id, ['created', 'launched', 'exchanging', 'pending'], {
    status: 'cancelled',
    outcome: { kind: 'cancelled', step: 'widget' },
    sealed: null,
    pollLockUntil: null,
  });
  return currentAnswer(context, flow.id);
}

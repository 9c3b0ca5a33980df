import { ProblemError } from '../problem.js';
import type { FlowContext } from './context.js';
import { flowExpired, loadFlow } from './load.js';
import { unsealSecrets } from './secrets.js';
import { randomToken, sha256Base64url } from './tokens.js';

export interface Launch {
  authorizationUrl: string;
  /** Value of the `__Host-myna-flow` cookie that binds the browser to this flow. */
  binding: string;
  bindingMaxAgeSeconds: number;
}

/** Launches a flow once: binds it to this browser and yields the portal's authorization URL. */
export async function launchFlow(context: FlowContext, flowId: string): Promise<Launch> {
  const flow = await loadFlow(context, flowId);
  if (flow.status === 'expired') throw flowExpired();
  if (flow.status !== 'created') throw new ProblemError('already-launched', 'This flow was already launched');
  const { authorizationUrl } = await unsealSecrets(context.sealer, flow, 'authorizing');
  const binding = randomToken(32);
  const launched = await context.store.transition(flow.id, ['created'], {
    status: 'launched',
    bindingHash: sha256Base64url(binding),
  });
  if (!launched) throw new ProblemError('already-launched', 'This flow was already launched');
  return {
    authorizationUrl,
    binding,
    bindingMaxAgeSeconds: Math.max(1, Math.ceil((flow.expiresAt - context.now()) / 1000)),
  };
}

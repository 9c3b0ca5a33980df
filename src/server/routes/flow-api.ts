import { Hono } from 'hono';
import { createFlowRequest, flowResult, flowSecretRequest, flowStarted } from '../../protocol/index.js';
import { answer } from '../http/answer.js';
import { cancelFlow } from '../flows/cancel.js';
import type { FlowContext } from '../flows/context.js';
import { createFlow } from '../flows/create.js';
import { redeemResult } from '../flows/redeem.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { limitBody, parseInput, readJsonBody } from '../http/validate.js';

/** `/v1/flows`: the widget's JSON API, every route a guarded POST (the consent window's pages are in pages.ts). */
export function flowApiRoutes(context: FlowContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const guard = mutationGuard(context.allowedOrigins);
  const limit = limitBody();
  routes.use('/', guard, limit);
  routes.use('/:flowId/result', guard, limit);
  routes.use('/:flowId/cancel', guard, limit);

  routes.post('/', async (c) => {
    const created = await createFlow(context, parseInput(createFlowRequest, await readJsonBody(c)), c.req.header('Origin') ?? '');
    c.get('log')('info', 'flow created', { flowId: created.flowId });
    return answer(c, flowStarted, created, 201);
  });

  routes.post('/:flowId/result', async (c) => {
    const { secret } = parseInput(flowSecretRequest, await readJsonBody(c));
    const result = await redeemResult(context, c.req.param('flowId'), secret);
    if (result.status !== 'pending' && result.status !== 'awaiting-consent') {
      const code = result.status === 'error' ? result.code : undefined;
      c.get('log')(code === undefined ? 'info' : 'warn', 'flow result', { flowId: c.req.param('flowId'), status: result.status, code });
    }
    return answer(c, flowResult, result);
  });

  routes.post('/:flowId/cancel', async (c) => {
    const { secret } = parseInput(flowSecretRequest, await readJsonBody(c));
    const result = await cancelFlow(context, c.req.param('flowId'), secret);
    c.get('log')('info', 'flow cancel', { flowId: c.req.param('flowId'), status: result.status });
    return answer(c, flowResult, result);
  });

  return routes;
}

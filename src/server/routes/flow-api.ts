import { Hono } from 'hono';
import { cancelFlow } from '../flows/cancel.js';
import type { FlowContext } from '../flows/context.js';
import { createFlow } from '../flows/create.js';
import { redeemResult } from '../flows/redeem.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { limitBody, readJsonBody } from '../http/validate.js';

/** `/v1/flows`: the widget's JSON API, every route a guarded POST (the consent window's pages are in pages.ts). */
export function flowApiRoutes(context: FlowContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const guard = mutationGuard(context.allowedOrigins);
  const limit = limitBody();
  routes.use('/', guard, limit);
  routes.use('/:flowId/result', guard, limit);
  routes.use('/:flowId/cancel', guard, limit);

  routes.post('/', async (c) => {
    const created = await createFlow(context, await readJsonBody(c), c.req.header('Origin') ?? '');
    c.get('log')('info', 'flow created', { flowId: created.flowId });
    return c.json(created, 201);
  });

  routes.post('/:flowId/result', async (c) => {
    const answer = await redeemResult(context, c.req.param('flowId'), await readJsonBody(c));
    if (answer.status !== 'pending' && answer.status !== 'awaiting-consent') {
      const code = answer.status === 'error' ? answer.code : undefined;
      c.get('log')(code === undefined ? 'info' : 'warn', 'flow result', { flowId: c.req.param('flowId'), status: answer.status, code });
    }
    return c.json(answer);
  });

  routes.post('/:flowId/cancel', async (c) => {
    const answer = await cancelFlow(context, c.req.param('flowId'), await readJsonBody(c));
    c.get('log')('info', 'flow cancel', { flowId: c.req.param('flowId'), status: answer.status });
    return c.json(answer);
  });

  return routes;
}

import { Hono } from 'hono';
import { answer } from '../http/answer.js';
import { createFlowRequest, flowResult, flowSecretRequest, flowStarted } from '../../protocol/index.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { completeCallback } from '../flows/callback.js';
import { cancelFlow } from '../flows/cancel.js';
import type { FlowContext } from '../flows/context.js';
import { createFlow } from '../flows/create.js';
import { launchFlow } from '../flows/launch.js';
import { redeemResult } from '../flows/redeem.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { limitBody, parseInput, readJsonBody } from '../http/validate.js';
import { handOffResponse } from './handoff.js';

/** `__Host-` prefix: Secure, Path=/, no Domain — the cookie cannot be planted by a sibling host. */
const BINDING_COOKIE = 'myna-flow';

/** `/v1/flows`: the widget's JSON API (guarded) and the two top-level pages of the consent window. */
export function flowRoutes(context: FlowContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const guard = mutationGuard(context.config.allowedOrigins);
  const limit = limitBody();
  routes.use('/', guard, limit);
  routes.use('/:flowId/result', guard, limit);
  routes.use('/:flowId/cancel', guard, limit);

  routes.post('/', async (c) => {
    const created = await createFlow(context, parseInput(createFlowRequest, await readJsonBody(c)), c.req.header('Origin') ?? '');
    c.get('log')('info', 'flow created', { flowId: created.flowId });
    return answer(c, flowStarted, created, 201);
  });

  routes.get('/callback', async (c) => {
    const parameters = new URL(c.req.url).searchParams;
    const handOff = await completeCallback(context, parameters, getCookie(c, BINDING_COOKIE, 'host'));
    deleteCookie(c, BINDING_COOKIE, { prefix: 'host', path: '/', secure: true });
    c.get('log')('info', 'flow callback', { flowId: handOff.flowId, outcome: handOff.outcome });
    return handOffResponse(c, handOff, context.config.publicUrl);
  });

  routes.get('/:flowId/launch', async (c) => {
    const launch = await launchFlow(context, c.req.param('flowId'));
    setCookie(c, BINDING_COOKIE, launch.binding, {
      prefix: 'host',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: launch.bindingMaxAgeSeconds,
    });
    return c.redirect(launch.authorizationUrl, 303);
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

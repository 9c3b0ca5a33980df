import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { FallbackContext } from '../fallback/context.js';
import { resumeRefusedPage } from '../fallback/pages.js';
import { resume } from '../fallback/resume.js';
import { ResumeTokens } from '../fallback/resume-token.js';
import { completeCallback } from '../flows/callback.js';
import type { FlowContext } from '../flows/context.js';
import { launchFlow } from '../flows/launch.js';
import type { RelayEnv } from '../http/env.js';
import { handOffResponse } from './handoff.js';

/** Where the portal sends the browser back; registered at the portal as `{RELAY_PUBLIC_URL}/v1/flows/callback`. */
export const CALLBACK_PATH = '/v1/flows/callback';

/** `__Host-` prefix: Secure, Path=/, no Domain — the cookie cannot be planted by a sibling host. */
const BINDING_COOKIE = 'myna-flow';

/**
 * `/v1`: the relay's top-level pages, reached by navigation rather than by the widget's fetch —
 * the consent window's launch redirect and callback hand-off, and the resume link of a fallback mail.
 */
export function pageRoutes(flows: FlowContext, fallback: FallbackContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();

  routes.get('/flows/callback', async (c) => {
    const parameters = new URL(c.req.url).searchParams;
    const handOff = await completeCallback(flows, parameters, getCookie(c, BINDING_COOKIE, 'host'));
    deleteCookie(c, BINDING_COOKIE, { prefix: 'host', path: '/', secure: true });
    c.get('log')('info', 'flow callback', { flowId: handOff.flowId, outcome: handOff.outcome });
    return handOffResponse(c, handOff, flows.publicUrl);
  });

  routes.get('/flows/:flowId/launch', async (c) => {
    const launch = await launchFlow(flows, c.req.param('flowId'));
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

  const tokens = new ResumeTokens(fallback.signing, fallback.publicUrl);
  routes.get('/resume/:token', async (c) => {
    // Link checkers and previews probe with HEAD: answer without spending the link.
    if (c.req.method === 'HEAD') return c.body(null, 200);
    const outcome = await resume(fallback, tokens, c.req.param('token'));
    if (outcome.kind === 'redirect') {
      c.get('log')('info', 'fallback resumed');
      return c.redirect(outcome.location, 303);
    }
    c.get('log')('info', 'fallback resume refused', { reason: outcome.reason });
    return c.html(resumeRefusedPage(outcome.reason, outcome.lang), outcome.status);
  });

  return routes;
}

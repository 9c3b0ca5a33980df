import { Hono } from 'hono';
import type { FallbackContext } from '../fallback/context.js';
import { resumeRefusedPage } from '../fallback/pages.js';
import { resume } from '../fallback/resume.js';
import { ResumeTokens } from '../fallback/resume-token.js';
import type { RelayEnv } from '../http/env.js';

/** `GET /v1/resume/:token`: the link in the fallback mail (a top-level page, not an API). */
export function resumeRoutes(context: FallbackContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const tokens = new ResumeTokens(context.signing, context.config.publicUrl);
  routes.get('/:token', async (c) => {
    // Link checkers and previews probe with HEAD: answer without spending the link.
    if (c.req.method === 'HEAD') return c.body(null, 200);
    const outcome = await resume(context, tokens, c.req.param('token'));
    if (outcome.kind === 'redirect') {
      c.get('log')('info', 'fallback resumed');
      return c.redirect(outcome.location, 303);
    }
    c.get('log')('info', 'fallback resume refused', { reason: outcome.reason });
    return c.html(resumeRefusedPage(outcome.reason, outcome.lang), outcome.status);
  });
  return routes;
}

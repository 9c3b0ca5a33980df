import { Hono } from 'hono';
import { createSessionRequest, sessionAnswer, sessionCreated } from '../../protocol/index.js';
import type { ClientConfig } from '../config.js';
import { FLOW_ID_PATTERN } from '../flows/tokens.js';
import { answer } from '../http/answer.js';
import { providerAuth, type ProviderEnv } from '../http/provider-auth.js';
import { limitBody, parseInput, readJsonBody } from '../http/validate.js';
import { readIdempotencyKey } from '../idempotency.js';
import { ProblemError } from '../problem.js';
import type { ClientAuthenticator } from '../sessions/api-keys.js';
import type { SessionContext } from '../sessions/context.js';
import { createSession } from '../sessions/create.js';
import { signedResult } from '../sessions/result.js';
import { progressOf, sessionAnswerOf } from '../sessions/status.js';
import type { SessionRecord } from '../store/types.js';

/** Where the provider routes live; no CORS here (assemble.ts). */
export const SESSIONS_PATH = '/v1/sessions';

/** `/v1/sessions`: the provider's backend, server to server (providerAuth). */
export function sessionRoutes(context: SessionContext, authenticate: ClientAuthenticator): Hono<ProviderEnv> {
  const routes = new Hono<ProviderEnv>();
  routes.use('*', providerAuth(authenticate));

  /** The caller's own session; another client's is as unknown as a missing one. */
  const owned = async (client: ClientConfig, id: string): Promise<SessionRecord> => {
    const session = FLOW_ID_PATTERN.test(id) ? await context.sessions.getSession(id) : undefined;
    if (session === undefined || session.clientId !== client.id) throw new ProblemError('unknown-session', 'No such session');
    return session;
  };

  routes.post('/', limitBody(), async (c) => {
    const input = parseInput(createSessionRequest, await readJsonBody(c));
    const client = c.get('client');
    const created = await createSession(context, client, input, readIdempotencyKey(c.req.header('Idempotency-Key')));
    c.get('log')('info', 'session created', { sessionId: created.sessionId, client: client.id });
    return answer(c, sessionCreated, created, 201);
  });

  routes.get('/:id', async (c) => {
    const session = await owned(c.get('client'), c.req.param('id'));
    return answer(c, sessionAnswer, await sessionAnswerOf(context, session));
  });

  routes.get('/:id/result', async (c) => {
    const client = c.get('client');
    const session = await owned(client, c.req.param('id'));
    if (session.state !== 'completed') {
      const flow = session.flowId === null ? undefined : await context.flows.get(session.flowId);
      const { status } = progressOf(session, flow, context.now());
      throw new ProblemError('result-not-ready', `The session is ${status}: no result yet`, { extensions: { sessionStatus: status } });
    }
    if (session.sealedResult === null || (session.resultExpiresAt ?? 0) <= context.now()) {
      throw new ProblemError('result-purged', 'The result of this session was purged: its lifetime ended or it was deleted');
    }
    const jwt = await signedResult(context, client, session);
    c.get('log')('info', 'session result fetched', { sessionId: session.id, client: client.id });
    return c.body(jwt, 200, { 'Content-Type': 'application/jwt' });
  });

  routes.delete('/:id', async (c) => {
    const client = c.get('client');
    const session = await owned(client, c.req.param('id'));
    await context.sessions.deleteSession(session.id);
    // Its attempt in progress ends too, its portal token purged: nothing is left to settle.
    if (session.flowId !== null) {
      await context.flows.transition(session.flowId, ['created', 'launched', 'exchanging', 'pending'], {
        status: 'failed',
        outcome: { kind: 'failed', code: 'session-closed', retryable: false },
        sealed: null,
      });
    }
    c.get('log')('info', 'session deleted', { sessionId: session.id, client: client.id });
    return c.body(null, 204);
  });

  return routes;
}

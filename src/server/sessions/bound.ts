import type { ClientConfig } from '../config.js';
import { sha256Base64url } from '../flows/tokens.js';
import { ProblemError } from '../problem.js';
import type { SessionRecord, SessionStore } from '../store/types.js';

/**
 * The session a page's client token names, for the browser routes of a bound button: it must be
 * open, unexpired, of a configured client, and called from one of that client's origins.
 */
export async function sessionForPage(
  context: { sessions: SessionStore; clients: readonly ClientConfig[] | null; now: () => number },
  clientToken: string,
  origin: string,
): Promise<{ session: SessionRecord; client: ClientConfig }> {
  const session = await context.sessions.getSessionByTokenHash(sha256Base64url(clientToken));
  const client = context.clients?.find((candidate) => candidate.id === session?.clientId);
  if (session === undefined || client === undefined) {
    throw new ProblemError('session-token-invalid', 'The session token is not valid: the provider must create a new session', { field: 'session' });
  }
  if (session.state === 'completed' || session.state === 'subject_mismatch') {
    throw new ProblemError('session-closed', 'This session is already finished: the provider must create a new session', { field: 'session' });
  }
  if (session.state === 'expired' || session.expiresAt <= context.now()) {
    throw new ProblemError('session-expired', 'This session has expired: reload the page to get a new one', { field: 'session' });
  }
  if (!client.origins.includes(origin)) {
    throw new ProblemError('origin-not-allowed', `This page's origin is not one of client ${client.id}'s origins`);
  }
  return { session, client };
}

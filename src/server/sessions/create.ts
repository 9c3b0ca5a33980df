import { createHmac } from 'node:crypto';
import type { CreateSessionRequest, Query, SessionCreated } from '../../protocol/index.js';
import { addDays, japanDate } from '../../domain/japan-time.js';
import type { ClientConfig } from '../config.js';
import { checkQueryDates } from '../flows/checks.js';
import { randomToken, sha256Base64url } from '../flows/tokens.js';
import { beginIdempotent, inProgress } from '../idempotency.js';
import { requireAllowedItems } from '../items.js';
import { ProblemError } from '../problem.js';
import { resolvePurpose } from '../purposes.js';
import { IdempotencyConflictError, type SessionRecord } from '../store/types.js';
import { ANSWER_PURPOSE, SUBJECT_PURPOSE, type SessionContext } from './context.js';

/**
 * `POST /v1/sessions`: checks the request against the relay's and the client's configuration and
 * commits the session before answering. The client token is returned once and stored as a hash;
 * with an Idempotency-Key a retry gets the same session (its answer sealed, as it holds the token).
 */
export async function createSession(
  context: SessionContext,
  client: ClientConfig,
  input: CreateSessionRequest,
  idempotencyKey: string | undefined,
): Promise<SessionCreated> {
  // The fingerprint is keyed, so the stored one says nothing of the subject it covers.
  const fingerprint = createHmac('sha256', context.keys.subjectSecret).update(`idempotency\n${JSON.stringify(input)}`).digest('base64url');
  const started = idempotencyKey === undefined ? undefined : await beginIdempotent<string>(context, `client:${client.id}`, idempotencyKey, fingerprint);
  if (started?.kind === 'replay') return (await context.sealer.unseal(started.answer, { rowId: started.keyHash, purpose: ANSWER_PURPOSE })) as SessionCreated;
  try {
    const { record, created } = await prepareSession(context, client, input);
    const idempotency =
      started === undefined
        ? undefined
        : { keyHash: started.keyHash, owner: started.owner, answer: JSON.stringify(await context.sealer.seal(created, { rowId: started.keyHash, purpose: ANSWER_PURPOSE })) };
    await context.sessions.insertSession(record, idempotency);
    return created;
  } catch (error) {
    if (error instanceof IdempotencyConflictError) throw inProgress();
    if (started !== undefined) await context.registrations.releaseIdempotency(started.keyHash, started.owner);
    throw error;
  }
}

async function prepareSession(
  context: SessionContext,
  client: ClientConfig,
  input: CreateSessionRequest,
): Promise<{ record: SessionRecord; created: SessionCreated }> {
  const purpose = resolvePurpose(context.purposes, input.purpose);
  if (!client.purposes.includes(purpose.id)) {
    throw new ProblemError('purpose-not-allowed', `Client ${client.id} may use the purposes: ${client.purposes.join(', ')}`, { field: 'purpose' });
  }
  const items = requireAllowedItems(input.items, context.allowedItems);
  const now = context.now();
  const today = japanDate(now);
  const query = queryOf(input);
  checkQueryDates(query, today);
  const id = randomToken();
  const clientToken = randomToken(32);
  const expiresAt = now + context.sessionTtlSeconds * 1000;
  const record: SessionRecord = {
    id,
    clientId: client.id,
    tokenHash: sha256Base64url(clientToken),
    state: 'open',
    reference: input.reference ?? null,
    items,
    purpose,
    query,
    returnUrl: input.returnUrl === undefined ? null : checkClientUrl(input.returnUrl, client),
    sealedSubject: input.subject === undefined ? null : await context.sealer.seal(input.subject, { rowId: id, purpose: SUBJECT_PURPOSE }),
    sealedResult: null,
    flowId: null,
    retainUntil: addDays(today, purpose.retentionDays),
    createdAt: now,
    expiresAt,
    completedAt: null,
    resultExpiresAt: null,
  };
  return { record, created: { sessionId: id, clientToken, expiresAt: new Date(expiresAt).toISOString() } };
}

/** The query as the element's attributes spell it (`query` + `at` / `from` / `to`), as the wire's union. */
function queryOf(input: CreateSessionRequest): Query {
  const method = input.query ?? 'latest';
  const refuse = (detail: string, field: string) => new ProblemError('invalid-query', detail, { field });
  const extra = (['at', 'from', 'to'] as const).find((field) => input[field] !== undefined && !(method === 'at' ? field === 'at' : method === 'range' && field !== 'at'));
  if (extra !== undefined) throw refuse(`${extra} does not go with query "${method}"`, extra);
  if (method === 'at') {
    if (input.at === undefined) throw refuse('query "at" needs at (YYYY-MM-DD)', 'at');
    return { method, at: input.at };
  }
  if (method === 'range') {
    if (input.from === undefined || input.to === undefined) throw refuse('query "range" needs from and to (YYYY-MM-DD)', input.from === undefined ? 'from' : 'to');
    return { method, from: input.from, to: input.to };
  }
  return { method };
}

/** An absolute URL on one of the client's origins, without credentials or fragment. */
function checkClientUrl(raw: string, client: ClientConfig): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url === undefined || !client.origins.includes(url.origin) || url.username !== '' || url.password !== '' || url.hash !== '') {
    throw new ProblemError('invalid-return-url', `returnUrl must be an absolute URL on an origin of client ${client.id}, without credentials or fragment`, {
      field: 'returnUrl',
    });
  }
  return url.href;
}

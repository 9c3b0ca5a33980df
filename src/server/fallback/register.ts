import { z } from 'zod';
import { fallbackRequest, type FallbackRegistered, type FallbackRequest } from '../../protocol/index.js';
import { availabilityFor } from '../availability.js';
import { checkQueryDates, checkReturnUrl } from '../flows/checks.js';
import { digestsEqual, FLOW_ID_PATTERN, randomToken, sha256Base64url } from '../flows/tokens.js';
import { parseInput } from '../http/validate.js';
import { requireAllowedItems } from '../items.js';
import { ProblemError } from '../problem.js';
import { japanDate } from '../../domain/japan-time.js';
import { normaliseQuery } from '../query.js';
import { IdempotencyConflictError, type RegistrationRecord } from '../store/types.js';
import { DAY_MS } from '../../domain/japan-time.js';
import { CONTACT_PURPOSE, RETURN_PURPOSE, type FallbackContext } from './context.js';
import { beginIdempotent, inProgress } from '../idempotency.js';

export const MAX_EMAIL_LENGTH = 254;

type FallbackInput = FallbackRequest;

const emailSyntax = z.email();

/**
 * `POST /v1/fallback` (guideline Q&A 問1, figure 6-2): checks the request, then commits the
 * registration — the address sealed — before answering, so every 202 is on disk. With an
 * Idempotency-Key a retried request gets the first answer instead of a second registration.
 */
export async function registerFallback(
  context: FallbackContext,
  input: FallbackInput,
  origin: string,
  idempotencyKey: string | undefined,
): Promise<FallbackRegistered> {
  const started =
    idempotencyKey === undefined
      ? undefined
      : await beginIdempotent<FallbackRegistered>(context, origin, idempotencyKey, fingerprintOf(input));
  if (started?.kind === 'replay') return started.answer;
  const owned = started;
  try {
    const record = await prepareRegistration(context, input, origin);
    const answer: FallbackRegistered = { registrationId: record.id };
    await context.registrations.insertRegistration(
      record,
      owned === undefined ? undefined : { keyHash: owned.keyHash, owner: owned.owner, answer: JSON.stringify(answer) },
    );
    return answer;
  } catch (error) {
    if (error instanceof IdempotencyConflictError) throw inProgress();
    if (owned !== undefined) await context.registrations.releaseIdempotency(owned.keyHash, owned.owner);
    throw error;
  }
}

/**
 * The route edge of `POST /v1/fallback`, syntax only: the email checks first (each with its own
 * code, which the widget shows at its field), then the protocol schema for the rest of the body.
 */
export function parseFallbackRequest(body: unknown): FallbackInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError('invalid-input', 'The body must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const email = typeof fields['email'] === 'string' ? fields['email'].trim() : undefined;
  if (email === undefined || email === '') {
    throw new ProblemError('email-invalid', 'An email address is required', { field: 'email' });
  }
  if (email.length > MAX_EMAIL_LENGTH) {
    throw new ProblemError('email-too-long', `The email address is longer than ${MAX_EMAIL_LENGTH} characters`, { field: 'email' });
  }
  if (!emailSyntax.safeParse(email).success) {
    throw new ProblemError('email-invalid', 'This is not a valid email address', { field: 'email' });
  }
  const confirmation = fields['emailConfirmation'];
  if (typeof confirmation !== 'string' || confirmation.trim() !== email) {
    throw new ProblemError('email-mismatch', 'The two email addresses differ', { field: 'emailConfirmation' });
  }
  const input = parseInput(fallbackRequest, { ...fields, email, emailConfirmation: email });
  if ((input.flowId === undefined) !== (input.secret === undefined)) {
    const field = input.flowId === undefined ? 'flowId' : 'secret';
    throw new ProblemError('invalid-input', 'flowId and secret are sent together or not at all', { field });
  }
  return input;
}

/** What makes two requests "the same" for an Idempotency-Key: every field, in a fixed order. */
function fingerprintOf(input: FallbackInput): string {
  const { email, items, query, returnUrl, reason, lang, flowId, secret } = input;
  return sha256Base64url(JSON.stringify([email, items, query, returnUrl, reason, lang, flowId ?? null, secret ?? null]));
}

async function prepareRegistration(context: FallbackContext, input: FallbackInput, origin: string): Promise<RegistrationRecord> {
  const { sealer } = context;
  const now = context.now();
  const items = requireAllowedItems(input.items, context.allowedItems);
  checkQueryDates(input.query, japanDate(now));
  const returnUrl = checkReturnUrl(input.returnUrl, origin);
  const flowId = input.flowId === undefined ? null : await provenFlow(context, input.flowId, input.secret ?? '');

  const id = randomToken();
  return {
    id,
    status: 'waiting',
    reason: input.reason,
    lang: input.lang,
    items,
    query: normaliseQuery(input.query),
    flowId,
    sealedContact: await sealer.seal({ email: input.email }, { rowId: id, purpose: CONTACT_PURPOSE }),
    sealedReturn: await sealer.seal({ returnUrl }, { rowId: id, purpose: RETURN_PURPOSE }),
    createdAt: now,
    sendAt: firstSendAt(context, items, now),
    attempts: 0,
    claimedUntil: null,
    sentAt: null,
    linkExpiresAt: null,
    usedAt: null,
    retainUntil: now + context.retentionDays * DAY_MS,
  };
}

/** The mail goes out when the items can next be fetched (now if they can); the worker checks again then. */
export function firstSendAt(context: FallbackContext, items: readonly string[], now: number): number {
  const answer = availabilityFor(context, items, now);
  if (answer.available) return now;
  return answer.nextAvailableAt === null ? now + DAY_MS : Date.parse(answer.nextAvailableAt);
}

/** The pending retrieval, proven like the result route: 404 `unknown-flow`, 403 `bad-secret`. */
async function provenFlow(context: FallbackContext, flowId: string, secret: string): Promise<string> {
  const flow = FLOW_ID_PATTERN.test(flowId) ? await context.flows.get(flowId) : undefined;
  if (flow === undefined) throw new ProblemError('unknown-flow', 'No such flow', { field: 'flowId' });
  if (!digestsEqual(sha256Base64url(secret), flow.secretHash)) {
    throw new ProblemError('bad-secret', 'The secret does not match the one this flow was started with', { field: 'secret' });
  }
  return flow.id;
}


import * as z from 'zod/mini';
import { serverState } from './availability.js';
import { MAX_ITEMS, catalogKey, flowMode, query, unit } from './common.js';
import { flowErrorCode } from './problems.js';
import { purposeId } from './sessions.js';

/** What the person consents to, as the relay is configured: never a text from the page. */
export const consent = z.object({ service: z.string(), purpose: z.string(), retainUntil: z.string() });
export type Consent = z.infer<typeof consent>;

/**
 * `POST /v1/flows`. Unbound: `items`, `query` and optionally a `purpose` id from the relay's table.
 * Bound to a provider session: `session` (its client token) instead; the session decides the rest.
 */
export const createFlowRequest = z.strictObject({
  items: z.optional(z.array(catalogKey).check(z.minLength(1), z.maxLength(MAX_ITEMS))),
  query: z.optional(query),
  purpose: z.optional(purposeId),
  session: z.optional(z.string().check(z.minLength(16), z.maxLength(256))),
  mode: flowMode,
  returnUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  secretHash: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'expected base64url(SHA-256(secret))')),
});
export type CreateFlowRequest = z.infer<typeof createFlowRequest>;

export const flowStarted = z.object({ flowId: z.string(), launchUrl: z.string(), expiresAt: z.string(), consent });
export type FlowStarted = z.infer<typeof flowStarted>;

/** `POST /v1/flows/{id}/result` and `/cancel`: the flow's secret proves the widget started it. */
export const flowSecretRequest = z.strictObject({ secret: z.string().check(z.minLength(16), z.maxLength(256)) });

export const valueKind = z.enum(['amount', 'count', 'year', 'date', 'text', 'code', 'record']);
export type ValueKind = z.infer<typeof valueKind>;

/** One value as retrieved; `value: null` means the government holds no record. */
export const resultValue = z.object({
  key: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  infoNumber: z.nullable(z.string()),
  kind: valueKind,
  unit: z.nullable(unit),
  value: z.nullable(z.union([z.number(), z.string()])),
  /** For `code` values: the code's label, so 世帯主 shows rather than `householder`. */
  valueLabelJa: z.optional(z.string()),
  valueLabelEn: z.optional(z.string()),
});
export type ResultValue = z.infer<typeof resultValue>;

export const resultRecord = z.object({ asOf: z.string(), values: z.array(resultValue) });
export type ResultRecord = z.infer<typeof resultRecord>;

export const flowResultData = z.object({
  items: z.array(z.string()),
  query,
  records: z.array(resultRecord),
  retrievedAt: z.string(),
  consent,
  /** Bound flows: the provider session the verified result now waits in. */
  sessionId: z.optional(z.string()),
});
export type FlowResultData = z.infer<typeof flowResultData>;

/** Where the person stopped, as the relay knows it. */
export const relayCancelStep = z.enum(['portal', 'card_locked', 'widget']);
export type RelayCancelStep = z.infer<typeof relayCancelStep>;

/** The answer to a poll (and to a cancel: the flow's state after it). */
export const flowResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('awaiting-consent') }),
  /** `elapsedMs`: since the consent, so the widget's timeout counts from it (Q&A 問2). */
  z.object({ status: z.literal('pending'), elapsedMs: z.number() }),
  z.object({ status: z.literal('success'), result: flowResultData }),
  z.object({ status: z.literal('cancelled'), step: relayCancelStep }),
  z.object({ status: z.literal('unavailable'), nextAvailableAt: z.nullable(z.string()), servers: z.array(serverState) }),
  z.object({ status: z.literal('error'), code: flowErrorCode, retryable: z.boolean() }),
]);
export type FlowResult = z.infer<typeof flowResult>;

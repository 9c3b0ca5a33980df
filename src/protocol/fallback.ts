import * as z from 'zod/mini';
import { MAX_ITEMS, catalogKey, fallbackReason, lang, query } from './common.js';

/** `POST /v1/fallback` (guideline Q&A 問1, figure 6-2). The address's syntax is checked by the relay, field by field. */
export const fallbackRequest = z.strictObject({
  email: z.string(),
  emailConfirmation: z.string(),
  items: z.array(catalogKey).check(z.minLength(1), z.maxLength(MAX_ITEMS)),
  query,
  returnUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  reason: fallbackReason,
  lang,
  /** The retrieval still pending when the person asked for a mail, proven with its secret. */
  flowId: z.optional(z.string().check(z.maxLength(100))),
  secret: z.optional(z.string().check(z.minLength(16), z.maxLength(256))),
});
export type FallbackRequest = z.infer<typeof fallbackRequest>;

/** `202`: the registration is on disk. */
export const fallbackRegistered = z.object({ registrationId: z.string() });
export type FallbackRegistered = z.infer<typeof fallbackRegistered>;

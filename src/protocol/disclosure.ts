import * as z from 'zod/mini';
import { itemsParameter, query } from './common.js';
import { purposeId } from './sessions.js';

/** `GET /v1/disclosure?items=&purpose=` (an unbound button; `POST` with a client token for a bound one). */
export const disclosureQuery = z.object({ items: itemsParameter, purpose: z.optional(purposeId) });

/** What the widget shows before the person leaves the form: who asks, why, for how long, what. */
export const disclosureAnswer = z.object({
  service: z.string(),
  purpose: z.string(),
  retentionDays: z.number(),
  retainUntil: z.string(),
  items: z.array(z.object({ key: z.string(), labelJa: z.string(), labelEn: z.string() })),
  /** The configured purpose's English text (the element shows it when `lang="en"`). */
  purposeEn: z.optional(z.string()),
  /** Bound buttons: the session, and the query it fixed (the element's attributes are ignored). */
  sessionId: z.optional(z.string()),
  query: z.optional(query),
});
export type DisclosureAnswer = z.infer<typeof disclosureAnswer>;

import * as z from 'zod/mini';
import { itemsParameter } from './common.js';

/** `GET /v1/disclosure?items=` */
export const disclosureQuery = z.object({ items: itemsParameter });

/** What the widget shows before the person leaves the form: who asks, why, for how long, what. */
export const disclosureAnswer = z.object({
  service: z.string(),
  purpose: z.string(),
  retentionDays: z.number(),
  retainUntil: z.string(),
  items: z.array(z.object({ key: z.string(), labelJa: z.string(), labelEn: z.string() })),
});
export type DisclosureAnswer = z.infer<typeof disclosureAnswer>;

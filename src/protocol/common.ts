import { calendarDate } from '../domain/mapping/index.js';
import { splitList } from '../domain/text.js';
import * as z from 'zod/mini';

/** A real calendar date written YYYY-MM-DD (Japan's calendar, as the portal's). */
export const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  z.refine((value) => calendarDate(value) !== null, 'not a calendar date'),
);

/** An instant with its offset, e.g. `2026-11-24T08:00:00.000+09:00`. */
export const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant with an offset or Z' });

/** The query methods of guideline 2.6: 最新情報指定, 時点指定, 範囲指定. */
export const query = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('latest') }),
  z.strictObject({ method: z.literal('at'), at: isoDate }),
  z.strictObject({ method: z.literal('range'), from: isoDate, to: isoDate }),
]);
export type Query = z.infer<typeof query>;

export const MAX_ITEMS = 50;
export const catalogKey = z.string().check(z.minLength(1), z.maxLength(100));

/** `items=a,b` in a query string: trimmed, empty entries dropped, 1 to 50 keys. */
export const itemsParameter = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(2000)),
    z.transform(splitList),
  ),
  z.array(catalogKey).check(z.minLength(1, 'at least one catalog key is required'), z.maxLength(MAX_ITEMS)),
);

export const flowMode = z.enum(['popup', 'redirect', 'kiosk']);
export type FlowMode = z.infer<typeof flowMode>;

export const lang = z.enum(['ja', 'en']);
export type Lang = z.infer<typeof lang>;

/** The one spelling of every unit on the wire. */
export const unit = z.enum(['JPY', 'persons']);
export type Unit = z.infer<typeof unit>;

/** Why a retrieval could not be immediate: the hours (Q&A 問1) or the 20-second wait (Q&A 問2). */
export const fallbackReason = z.enum(['unavailable', 'timeout']);
export type FallbackReason = z.infer<typeof fallbackReason>;

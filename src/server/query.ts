import { z } from 'zod';

/** The query methods of guideline 2.6: 最新情報指定, 時点指定, 範囲指定. */
export type FlowQuery = { method: 'latest' } | { method: 'at'; at: string } | { method: 'range'; from: string; to: string };

/** A real calendar date written YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

export const flowQuerySchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('latest') }),
  z.strictObject({ method: z.literal('at'), at: isoDateSchema }),
  z.strictObject({ method: z.literal('range'), from: isoDateSchema, to: isoDateSchema }),
]);

/** Today's date in Japan (the portal's calendar), YYYY-MM-DD. */
export function japanDate(epochMs: number): string {
  return new Date(epochMs + 9 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Key order as the contract writes it, so two equal queries serialise equally. */
export function normaliseQuery(query: FlowQuery): FlowQuery {
  switch (query.method) {
    case 'latest':
      return { method: 'latest' };
    case 'at':
      return { method: 'at', at: query.at };
    case 'range':
      return { method: 'range', from: query.from, to: query.to };
  }
}

import { z } from 'zod';
import { catalogEntry } from '../../domain/catalog/index.js';

/** The Rich Authorization Request type that carries a self-information request. */
export const SELFINFO_DETAIL_TYPE = 'myna_selfinfo';

const isoDate = z.iso.date();

/** 最新情報指定 / 時点指定 / 範囲指定 (guideline 2.6). */
export const selfinfoQuerySchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('latest') }),
  z.strictObject({ method: z.literal('at'), at: isoDate }),
  z
    .strictObject({ method: z.literal('range'), from: isoDate, to: isoDate })
    .refine((range) => range.from <= range.to, { message: '`from` must not be after `to`', path: ['to'] }),
]);

export type SelfinfoQuery = z.infer<typeof selfinfoQuerySchema>;

const shownText = (max: number) => z.string().trim().min(1).max(max);

export const selfinfoDetailSchema = z.strictObject({
  type: z.literal(SELFINFO_DETAIL_TYPE),
  items: z
    .array(z.string().refine((key) => catalogEntry(key) !== undefined, { error: (issue) => `unknown catalog key ${JSON.stringify(issue.input)}` }))
    .min(1)
    .refine((items) => new Set(items).size === items.length, { message: 'items must not repeat' }),
  query: selfinfoQuerySchema,
  purpose: shownText(200),
  service: shownText(100),
});

export type SelfinfoDetail = z.infer<typeof selfinfoDetailSchema>;

/** Parses one authorization detail; the message names the first problem, for `error_description`. */
export function parseSelfinfoDetail(detail: unknown): { ok: true; detail: SelfinfoDetail } | { ok: false; message: string } {
  const parsed = selfinfoDetailSchema.safeParse(detail);
  if (parsed.success) return { ok: true, detail: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid'}` };
}

/** The one self-information detail of a token, grant or request (the contract allows exactly one). */
export function soleSelfinfoDetail(details: readonly unknown[] | undefined): SelfinfoDetail | undefined {
  if (details?.length !== 1) return undefined;
  const parsed = selfinfoDetailSchema.safeParse(details[0]);
  return parsed.success ? parsed.data : undefined;
}

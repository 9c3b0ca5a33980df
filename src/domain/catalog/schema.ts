import * as z from 'zod/mini';
import { INTERMEDIATE_SERVER_IDS } from './servers.js';
import type { CatalogEntry, CodeValue, ValueKind } from './types.js';

/** camelCase segments joined by dots, e.g. `localTax.salaryRevenue`. */
export const catalogKeySchema = z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/));

/** 自己情報番号: '1', '2', '3-1' … */
export const infoNumberSchema = z.string().check(z.regex(/^[1-9][0-9]*(-[1-9][0-9]*)?$/));

export const intermediateServerIdSchema = z.enum(INTERMEDIATE_SERVER_IDS);

const label = z.string().check(z.trim(), z.minLength(1));

export const codeValueSchema: z.ZodMiniType<CodeValue> = z.object({
  code: z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*$/)),
  labelJa: label,
  labelEn: label,
});

/** A field's value kind; `code` lists the codes it may take (the catalog's data and `GET /v1/catalog`). */
export const valueKindSchema: z.ZodMiniType<ValueKind> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group') }),
  z.object({ kind: z.literal('amount') }),
  z.object({ kind: z.literal('count') }),
  z.object({ kind: z.literal('year') }),
  z.object({ kind: z.literal('date') }),
  z.object({ kind: z.literal('text') }),
  z.object({ kind: z.literal('code'), codes: z.readonly(z.array(codeValueSchema).check(z.minLength(1))) }),
]);

const base = {
  key: catalogKeySchema,
  labelJa: label,
  labelEn: label,
  server: z.readonly(z.array(intermediateServerIdSchema).check(z.minLength(1))),
  parent: z.nullable(catalogKeySchema),
};

export const catalogEntrySchema: z.ZodMiniType<CatalogEntry> = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('category'), infoNumber: z.null(), fieldNameJa: label, fieldNameEn: label }),
  z.object({
    ...base,
    kind: z.literal('info'),
    infoNumber: z.nullable(infoNumberSchema),
    fieldNameJa: label,
    fieldNameEn: label,
    detailNameJa: label,
    detailNameEn: label,
    contentJa: label,
    contentEn: label,
  }),
  z.object({
    ...base,
    kind: z.literal('field'),
    infoNumber: infoNumberSchema,
    table: z.enum(['2.4-2', '2.4-3']),
    row: z.int().check(z.positive()),
    value: valueKindSchema,
  }),
]);

/** Entries whose keys are unique and whose parents are present. */
export const catalogSchema = z.array(catalogEntrySchema).check(
  z.superRefine((entries, ctx) => {
    const keys = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      if (keys.has(entry.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `Duplicate key ${entry.key}` });
      keys.add(entry.key);
    }
    for (const [index, entry] of entries.entries()) {
      if (entry.parent !== null && !keys.has(entry.parent)) {
        ctx.addIssue({ code: 'custom', path: [index, 'parent'], message: `Unknown parent ${entry.parent}` });
      }
    }
  }),
);

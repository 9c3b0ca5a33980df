import * as z from 'zod/mini';

const codeValue = z.object({ code: z.string(), labelJa: z.string(), labelEn: z.string() });

/** A field's value kind; `code` lists the codes it may take. */
export const catalogValueKind = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group') }),
  z.object({ kind: z.literal('amount') }),
  z.object({ kind: z.literal('count') }),
  z.object({ kind: z.literal('year') }),
  z.object({ kind: z.literal('date') }),
  z.object({ kind: z.literal('text') }),
  z.object({ kind: z.literal('code'), codes: z.readonly(z.array(codeValue)) }),
]);

/** `GET /v1/catalog`: every self-information item (a category, an info number's entry or a single field). */
export const catalogAnswer = z.array(
  z.object({
    key: z.string(),
    kind: z.enum(['category', 'info', 'field']),
    infoNumber: z.nullable(z.string()),
    labelJa: z.string(),
    labelEn: z.string(),
    /** The holding server(s) of table 2.5-5. */
    server: z.array(z.string()),
    parent: z.nullable(z.string()),
    value: z.optional(catalogValueKind),
  }),
);
export type CatalogAnswer = z.infer<typeof catalogAnswer>;

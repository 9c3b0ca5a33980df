import * as z from 'zod/mini';
import { catalogKeySchema, infoNumberSchema, intermediateServerIdSchema, valueKindSchema } from '../domain/catalog/schema.js';

/** `GET /v1/catalog`: every self-information item (a category, an info number's entry or a single field). */
export const catalogAnswer = z.array(
  z.object({
    key: catalogKeySchema,
    kind: z.enum(['category', 'info', 'field']),
    infoNumber: z.nullable(infoNumberSchema),
    labelJa: z.string(),
    labelEn: z.string(),
    /** The holding server(s) of table 2.5-5. */
    server: z.array(intermediateServerIdSchema),
    parent: z.nullable(catalogKeySchema),
    value: z.optional(valueKindSchema),
  }),
);
export type CatalogAnswer = z.infer<typeof catalogAnswer>;

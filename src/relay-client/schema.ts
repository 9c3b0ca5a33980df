import * as z from 'zod/mini';

/** Shapes of the relay's answers, checked in the browser with zod/mini (small enough to ship). */
const query = z.union([
  z.object({ method: z.literal('latest') }),
  z.object({ method: z.literal('at'), at: z.string() }),
  z.object({ method: z.literal('range'), from: z.string(), to: z.string() }),
]);

const consent = z.object({ service: z.string(), purpose: z.string(), retainUntil: z.string() });

export const flowStartedSchema = z.object({
  flowId: z.string(),
  launchUrl: z.string(),
  expiresAt: z.string(),
  consent,
});

const retrievedValue = z.object({
  key: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  infoNumber: z.nullable(z.string()),
  kind: z.enum(['amount', 'count', 'year', 'date', 'text', 'code', 'record']),
  unit: z.optional(z.nullable(z.string())),
  value: z.nullable(z.union([z.number(), z.string()])),
  valueLabelJa: z.optional(z.string()),
  valueLabelEn: z.optional(z.string()),
});

const server = z.object({ id: z.string(), available: z.boolean(), nextAvailableAt: z.nullable(z.string()) });

export const flowResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('awaiting-consent') }),
  z.object({ status: z.literal('pending'), elapsedMs: z.optional(z.number()) }),
  z.object({
    status: z.literal('success'),
    result: z.object({
      items: z.array(z.string()),
      query,
      records: z.array(z.object({ asOf: z.nullable(z.string()), values: z.array(retrievedValue) })),
      retrievedAt: z.string(),
      consent,
    }),
  }),
  z.object({ status: z.literal('cancelled'), step: z.string() }),
  z.object({ status: z.literal('unavailable'), nextAvailableAt: z.nullable(z.string()), servers: z.array(server) }),
  z.object({ status: z.literal('error'), code: z.string(), retryable: z.boolean() }),
]);

export const disclosureSchema = z.object({
  service: z.string(),
  purpose: z.string(),
  retentionDays: z.number(),
  items: z.array(z.object({ key: z.string(), labelJa: z.string(), labelEn: z.string() })),
});

export const problemSchema = z.object({ code: z.string(), detail: z.optional(z.string()), field: z.optional(z.string()) });

export type Query = z.infer<typeof query>;
export type Disclosure = z.infer<typeof disclosureSchema>;
export type FlowStarted = z.infer<typeof flowStartedSchema>;
export type FlowResult = z.infer<typeof flowResultSchema>;
export type FlowSuccess = Extract<FlowResult, { status: 'success' }>['result'];
export type RelayValue = z.infer<typeof retrievedValue>;

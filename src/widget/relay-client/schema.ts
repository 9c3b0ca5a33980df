import { array, boolean, either, nullable, number, object, oneOf, optional, string, tagged, type Checked } from './shape.js';

/** Shapes of the relay's answers (docs/relay.md), checked before the widget trusts them. */
const query = tagged('method', {
  latest: object({ method: oneOf('latest') }),
  at: object({ method: oneOf('at'), at: string }),
  range: object({ method: oneOf('range'), from: string, to: string }),
});

const consent = object({ service: string, purpose: string, retainUntil: string });

export const flowStartedSchema = object({ flowId: string, launchUrl: string, expiresAt: string, consent });

const retrievedValue = object({
  key: string,
  labelJa: string,
  labelEn: string,
  infoNumber: nullable(string),
  kind: oneOf('amount', 'count', 'year', 'date', 'text', 'code', 'record'),
  unit: optional(nullable(string)),
  value: nullable(either(number, string)),
  valueLabelJa: optional(string),
  valueLabelEn: optional(string),
});

const server = object({
  id: string,
  available: boolean,
  nextAvailableAt: nullable(string),
  reason: optional(string),
  labelJa: optional(string),
  labelEn: optional(string),
});

export const flowResultSchema = tagged('status', {
  'awaiting-consent': object({ status: oneOf('awaiting-consent') }),
  pending: object({ status: oneOf('pending'), elapsedMs: optional(number) }),
  success: object({
    status: oneOf('success'),
    result: object({
      items: array(string),
      query,
      records: array(object({ asOf: nullable(string), values: array(retrievedValue) })),
      retrievedAt: string,
      consent,
    }),
  }),
  cancelled: object({ status: oneOf('cancelled'), step: string }),
  unavailable: object({ status: oneOf('unavailable'), nextAvailableAt: nullable(string), servers: array(server) }),
  error: object({ status: oneOf('error'), code: string, retryable: boolean }),
});

export const disclosureSchema = object({
  service: string,
  purpose: string,
  retentionDays: number,
  items: array(object({ key: string, labelJa: string, labelEn: string })),
});

export const availabilitySchema = object({
  available: boolean,
  at: string,
  nextAvailableAt: nullable(string),
  servers: array(server),
});

export const fallbackRegisteredSchema = object({ registrationId: string });

export const problemSchema = object({
  code: string,
  detail: optional(string),
  field: optional(string),
  nextAvailableAt: optional(nullable(string)),
  servers: optional(array(server)),
});

export type Query = Checked<typeof query>;
export type Availability = Checked<typeof availabilitySchema>;
export type UnavailableServer = Checked<typeof server>;
export type Disclosure = Checked<typeof disclosureSchema>;
export type FlowStarted = Checked<typeof flowStartedSchema>;
export type FlowResult = Checked<typeof flowResultSchema>;
export type FlowSuccess = Extract<FlowResult, { status: 'success' }>['result'];
export type RelayValue = Checked<typeof retrievedValue>;

import { z } from 'zod';
import { nullable, safeParse, type core } from 'zod/mini';
import type { JWTPayload } from 'jose';
import { isoDate, query as flowQuery, type ResultRecord, type ResultValue, type ValueKind } from '../../protocol/index.js';
import { valueEntriesFor, type ValueEntry } from '../items.js';
import { PortalError } from '../portal/errors.js';
import { type FlowQuery, normaliseQuery } from '../query.js';
import type { Holder } from '../sessions/subject.js';

export type { ResultRecord, ResultValue };
type ResultValueKind = ValueKind;

const MAX_RECORDS = 500;

const payloadSchema = z.object({
  processId: z.string(),
  query: flowQuery,
  records: z.array(z.object({ asOf: isoDate, values: z.record(z.string(), z.unknown()) })).max(MAX_RECORDS),
});

/**
 * Checks a verified result payload against the flow (process id, query) and the catalog's value
 * kinds, and keeps only the requested keys. Anything off rejects the whole result: a provider
 * must not receive data it cannot vouch for.
 */
export function recordsFromPayload(
  payload: JWTPayload,
  expected: { processId: string; items: readonly string[]; query: FlowQuery },
): ResultRecord[] {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid(`payload ${parsed.error.issues[0]?.path.join('.') ?? ''}: does not match the contract`);
  const { processId, query, records } = parsed.data;
  if (processId !== expected.processId) throw invalid('processId differs from the request');
  if (JSON.stringify(query) !== JSON.stringify(normaliseQuery(expected.query))) throw invalid('query differs from the request');
  if (query.method !== 'range' && records.length > 1) throw invalid(`${query.method} query answered with several records`);

  const entries = valueEntriesFor(expected.items);
  return records.map((record) => ({
    asOf: record.asOf,
    values: entries.map((entry) => {
      if (!Object.hasOwn(record.values, entry.key)) throw invalid(`record ${record.asOf} lacks ${entry.key}`);
      return resultValue(entry, record.values[entry.key]);
    }),
  }));
}

const holderSchema = z.object({
  name: z.string().max(200).optional(),
  nameKana: z.string().max(200).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/**
 * The card holder's basic attributes (基本4情報) the portal reports beside the records (member
 * `holder`); undefined when absent or malformed, which a session with a subject treats as a mismatch.
 */
export function holderFromPayload(payload: JWTPayload): Holder | undefined {
  const parsed = holderSchema.safeParse(payload['holder']);
  return parsed.success ? parsed.data : undefined;
}

function resultValue(entry: ValueEntry, raw: unknown): ResultValue {
  const { kind, unit, schema } = describe(entry);
  const parsed = safeParse(nullable(schema), raw);
  if (!parsed.success) throw invalid(`${entry.key} is not a valid ${kind}`);
  const value = parsed.data;
  const result: ResultValue = { key: entry.key, labelJa: entry.labelJa, labelEn: entry.labelEn, infoNumber: entry.infoNumber, kind, unit, value };
  const code = entry.kind === 'field' && entry.value.kind === 'code' ? entry.value.codes.find((candidate) => candidate.code === value) : undefined;
  return code === undefined ? result : { ...result, valueLabelJa: code.labelJa, valueLabelEn: code.labelEn };
}

function describe(entry: ValueEntry): { kind: ResultValueKind; unit: ResultValue['unit']; schema: core.$ZodType<number | string | null> } {
  // Info entries without field detail: their record format is not public, so only "no record" passes.
  if (entry.kind === 'info') return { kind: 'record', unit: null, schema: z.null() };
  switch (entry.value.kind) {
    case 'amount':
      return { kind: 'amount', unit: 'JPY', schema: z.int() };
    case 'count':
      return { kind: 'count', unit: 'persons', schema: z.int().min(0) };
    case 'year':
      return { kind: 'year', unit: null, schema: z.int().min(1000).max(9999) };
    case 'date':
      return { kind: 'date', unit: null, schema: isoDate };
    case 'text':
      return { kind: 'text', unit: null, schema: z.string().max(1000) };
    case 'code':
      return { kind: 'code', unit: null, schema: z.enum(entry.value.codes.map((code) => code.code)) };
  }
}


function invalid(detail: string): PortalError {
  return new PortalError('result-invalid', `Self-information result rejected: ${detail}`);
}

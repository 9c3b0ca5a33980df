import { catalogEntry, descendantsOf, type CatalogEntry } from '../../domain/catalog/index.js';
import type { SelfinfoQuery } from './authorization-details.js';

/** A field's value by value kind; `null`: the government holds no record for it. */
export type FieldValue = number | string | null;

/** What a persona's data looked like from `asOf` (YYYY-MM-DD) until the next record. */
export interface PersonaRecord {
  asOf: string;
  values: Readonly<Record<string, FieldValue>>;
}

export interface AnsweredRecord {
  asOf: string;
  values: Record<string, FieldValue>;
}

function isValueBearing(entry: CatalogEntry): boolean {
  if (entry.kind === 'field') return entry.value.kind !== 'group';
  // Info entries without field-level rows (3-1 …, 公金受取口座) are answered as a whole.
  return entry.kind === 'info' && !descendantsOf(entry.key).some((child) => child.kind === 'field');
}

/** The keys a result's `values` holds for these requested items: groups expanded, order kept. */
export function valueKeysFor(items: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    const entry = catalogEntry(item);
    if (entry === undefined) throw new Error(`Unknown catalog item: "${item}"`);
    for (const candidate of [entry, ...descendantsOf(item)]) {
      if (isValueBearing(candidate)) keys.add(candidate.key);
    }
  }
  return [...keys];
}

/**
 * The records a query selects. `latest` and `at` give the record in effect on that day (or one
 * all-null record when there is none); `range` gives every record whose period overlaps it.
 * Records must be sorted by `asOf`.
 */
export function selectRecords(records: readonly PersonaRecord[], query: SelfinfoQuery, today: string): PersonaRecord[] {
  switch (query.method) {
    case 'latest':
      return [recordInEffect(records, today) ?? { asOf: today, values: {} }];
    case 'at':
      return [recordInEffect(records, query.at) ?? { asOf: query.at, values: {} }];
    case 'range':
      return records.filter((record, index) => {
        const nextAsOf = records[index + 1]?.asOf;
        return record.asOf <= query.to && (nextAsOf === undefined || nextAsOf > query.from) && record.asOf <= today;
      });
  }
}

function recordInEffect(records: readonly PersonaRecord[], day: string): PersonaRecord | undefined {
  return records.filter((record) => record.asOf <= day).at(-1);
}

/** Keeps exactly the requested keys; a key the record lacks is answered with null. */
export function answerRecords(records: readonly PersonaRecord[], valueKeys: readonly string[]): AnsweredRecord[] {
  return records.map((record) => ({
    asOf: record.asOf,
    values: Object.fromEntries(valueKeys.map((key) => [key, record.values[key] ?? null])),
  }));
}

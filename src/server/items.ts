import { catalogEntry, descendantsOf, resolveItemKey } from '../domain/catalog/index.js';
import type { CatalogEntry, FieldEntry, InfoEntry } from '../domain/catalog/index.js';
import { ProblemError } from './problem.js';

/** A catalog entry whose value the portal answers: a non-group field, or an info entry without fields. */
export type ValueEntry = (FieldEntry & { value: Exclude<FieldEntry['value'], { kind: 'group' }> }) | InfoEntry;

/** The catalog key for a key or info number ('3-1'); undefined when the catalog has no such item. */
export function canonicalItemKey(keyOrInfoNumber: string): string | undefined {
  return resolveItemKey(keyOrInfoNumber)?.key;
}

/** Whether `key` equals an allowed key or lies below one. */
export function isItemAllowed(key: string, allowed: readonly string[]): boolean {
  for (let entry = catalogEntry(key); entry !== undefined; entry = entry.parent === null ? undefined : catalogEntry(entry.parent)) {
    if (allowed.includes(entry.key)) return true;
  }
  return false;
}

/** Canonical keys of the requested items, without duplicates; 400 for unknown or disallowed ones. */
export function requireAllowedItems(requested: readonly string[], allowed: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const item of requested) {
    const key = canonicalItemKey(item);
    if (key === undefined) throw new ProblemError('unknown-item', `Unknown catalog item "${item}"`, { field: 'items' });
    if (!isItemAllowed(key, allowed)) {
      throw new ProblemError('item-not-allowed', `This service may not request "${key}"`, { field: 'items' });
    }
    keys.add(key);
  }
  return [...keys];
}

/**
 * The keys the portal answers for these items, in request order without duplicates: groups,
 * info entries and categories stand for every value below them (portal protocol, "values").
 */
export function valueEntriesFor(keys: readonly string[]): ValueEntry[] {
  const seen = new Map<string, ValueEntry>();
  for (const key of keys) {
    const entry = catalogEntry(key);
    if (entry === undefined) throw new Error(`Unknown catalog item: "${key}"`);
    for (const candidate of [entry, ...descendantsOf(key)]) {
      if (isValueEntry(candidate)) seen.set(candidate.key, candidate);
    }
  }
  return [...seen.values()];
}

function isValueEntry(entry: CatalogEntry): entry is ValueEntry {
  if (entry.kind === 'field') return entry.value.kind !== 'group';
  return entry.kind === 'info' && !descendantsOf(entry.key).some((child) => child.kind === 'field');
}

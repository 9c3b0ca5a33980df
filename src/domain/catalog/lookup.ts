import { CHILDREN_ENTRIES } from './entries/info-children.js';
import { HEALTH_ENTRIES } from './entries/info-health.js';
import { HOUSEHOLD, LOCAL_TAX, PUBLIC_FUND_ACCOUNT } from './entries/info-household-tax.js';
import { LABOUR_PENSION_ENTRIES } from './entries/info-labour-pension.js';
import { WELFARE_ENTRIES } from './entries/info-welfare.js';
import { HOUSEHOLD_FIELDS } from './entries/household-fields.js';
import { LOCAL_TAX_DEDUCTION_FIELDS } from './entries/local-tax-deductions.js';
import { LOCAL_TAX_INCOME_FIELDS } from './entries/local-tax-income.js';
import { LOCAL_TAX_LEVY_FIELDS } from './entries/local-tax-levies.js';
import { INTERMEDIATE_SERVER_IDS, type IntermediateServerId } from './servers.js';
import type { ApiCatalogEntry, CatalogEntry, InfoEntry } from './types.js';

/** Every entry, each parent before its children, in the guideline's order. */
export const CATALOG: readonly CatalogEntry[] = [
  HOUSEHOLD,
  ...HOUSEHOLD_FIELDS,
  LOCAL_TAX,
  ...LOCAL_TAX_INCOME_FIELDS,
  ...LOCAL_TAX_DEDUCTION_FIELDS,
  ...LOCAL_TAX_LEVY_FIELDS,
  PUBLIC_FUND_ACCOUNT,
  ...HEALTH_ENTRIES,
  ...CHILDREN_ENTRIES,
  ...WELFARE_ENTRIES,
  ...LABOUR_PENSION_ENTRIES,
];

const byKey = new Map(CATALOG.map((entry) => [entry.key, entry]));

const infoByNumber = new Map<string, InfoEntry>();
const childrenByParent = new Map<string, CatalogEntry[]>();
for (const entry of CATALOG) {
  if (entry.kind === 'info' && entry.infoNumber !== null) infoByNumber.set(entry.infoNumber, entry);
  if (entry.parent !== null) {
    const siblings = childrenByParent.get(entry.parent) ?? [];
    siblings.push(entry);
    childrenByParent.set(entry.parent, siblings);
  }
}

export function catalogEntry(key: string): CatalogEntry | undefined {
  return byKey.get(key);
}

/** The info entry of a 自己情報番号 such as '1' or '3-1'. */
export function entryByInfoNumber(infoNumber: string): InfoEntry | undefined {
  return infoByNumber.get(infoNumber);
}

export function childrenOf(key: string): CatalogEntry[] {
  return [...(childrenByParent.get(key) ?? [])];
}

/** Children, grandchildren … depth first, in catalog order. */
export function descendantsOf(key: string): CatalogEntry[] {
  return childrenOf(key).flatMap((child) => [child, ...descendantsOf(child.key)]);
}

/** Accepts a catalog key or an info number ('3-1'); keys never look like info numbers. */
export function resolveItemKey(keyOrInfoNumber: string): CatalogEntry | undefined {
  return catalogEntry(keyOrInfoNumber) ?? entryByInfoNumber(keyOrInfoNumber);
}

/** The intermediate servers that must be up to fetch these items, in INTERMEDIATE_SERVER_IDS order. */
export function serversFor(keys: readonly string[]): IntermediateServerId[] {
  const needed = new Set<IntermediateServerId>();
  for (const key of keys) {
    const entry = resolveItemKey(key);
    if (entry === undefined) throw new Error(`Unknown catalog item: "${key}"`);
    for (const server of entry.server) needed.add(server);
  }
  return INTERMEDIATE_SERVER_IDS.filter((server) => needed.has(server));
}

/** The catalog as `GET /v1/catalog` serves it: fresh plain objects, safe to serialise or mutate. */
export function catalogForApi(): ApiCatalogEntry[] {
  return CATALOG.map((entry) => {
    const apiEntry: ApiCatalogEntry = {
      key: entry.key,
      kind: entry.kind,
      infoNumber: entry.infoNumber,
      labelJa: entry.labelJa,
      labelEn: entry.labelEn,
      server: [...entry.server],
      parent: entry.parent,
    };
    if (entry.kind === 'field') apiEntry.value = structuredClone(entry.value);
    return apiEntry;
  });
}

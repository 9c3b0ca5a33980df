import { availability, type Availability, type ScheduleOverrides } from '../domain/schedule/index.js';
import type { RelayConfig } from './config.js';
import { canonicalItemKey } from './items.js';
import { ProblemError } from './problem.js';

export type { Availability };

/** Whether the portal can answer for these (canonical) items at `at`, under the configured overrides. */
export function itemsAvailability(items: readonly string[], at: number, overrides: ScheduleOverrides | undefined): Availability {
  return availability(items, new Date(at), overrides === undefined ? {} : { overrides });
}

export function availabilityFor(settings: Pick<RelayConfig, 'scheduleOverrides'>, items: readonly string[], at: number): Availability {
  return itemsAvailability(items, at, settings.scheduleOverrides);
}

/** Canonical keys of any catalog items (keys or info numbers); 400 `unknown-item` naming `items`. */
export function requireKnownItems(requested: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const item of requested) {
    const key = canonicalItemKey(item);
    if (key === undefined) throw new ProblemError('unknown-item', `Unknown catalog item "${item}"`, { field: 'items' });
    keys.add(key);
  }
  return [...keys];
}

/** 503 `unavailable` with the schedule's answer, for routes that need the portal now. */
export function unavailableProblem(answer: Availability, now: number): ProblemError {
  const next = answer.nextAvailableAt === null ? null : Date.parse(answer.nextAvailableAt);
  const headers: Record<string, string> = {};
  if (next !== null && next > now) headers['Retry-After'] = String(Math.ceil((next - now) / 1000));
  return new ProblemError('unavailable', 'The government servers these items need are not answering at this time', {
    title: 'Not available now',
    headers,
    extensions: { at: answer.at, nextAvailableAt: answer.nextAvailableAt, servers: answer.servers },
  });
}

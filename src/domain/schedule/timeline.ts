import { japanDay, japanDayNumberOf } from '../japan-time.js';
import { hoursSpans, isBusinessDay, stopSpan, type Span } from './rules.js';
import type { DownReason, HolidayCalendar, ServerSchedule } from './types.js';

/** A maintenance window with parsed instants. */
export interface Maintenance {
  from: number;
  to: number;
  note?: string;
}

export interface ResolvedServer {
  schedule: ServerSchedule;
  maintenance: readonly Maintenance[];
}

/** A stretch of one state; consecutive segments always differ. */
export interface Segment {
  from: number;
  to: number;
  up: boolean;
  reason?: DownReason;
  note?: string;
}

const PRECEDENCE: readonly Exclude<Span['cause'], 'open'>[] = ['maintenance', 'year-end', 'planned-stop'];

/** Every span of hours, stops and maintenance that overlaps [from, to), clipped to it. */
function spansWithin(server: ResolvedServer, from: number, to: number, isHoliday: HolidayCalendar): Span[] {
  const firstDay = japanDayNumberOf(from);
  const lastDay = japanDayNumberOf(to - 1);
  // A stop may start up to this many days before the range and still reach into it.
  const lookBack = Math.max(0, ...server.schedule.stops.map((stop) => stop.untilDaysLater));
  const spans: Span[] = [];
  for (let number = firstDay - lookBack; number <= lastDay; number++) {
    const day = japanDay(number);
    if (number >= firstDay) spans.push(...hoursSpans(server.schedule.hours, day, isBusinessDay(day, isHoliday(day.key))));
    for (const stop of server.schedule.stops) {
      const span = stopSpan(stop, day);
      if (span !== undefined) spans.push(span);
    }
  }
  for (const window of server.maintenance) spans.push({ ...window, cause: 'maintenance' });
  return spans
    .map((span) => ({ ...span, from: Math.max(span.from, from), to: Math.min(span.to, to) }))
    .filter((span) => span.from < span.to);
}

function stateOf(active: ReadonlySet<Span>): Omit<Segment, 'from' | 'to'> {
  for (const cause of PRECEDENCE) {
    // Set order is start order, so overlapping maintenance windows show the earliest one's note.
    for (const span of active) {
      if (span.cause !== cause) continue;
      return span.note === undefined ? { up: false, reason: cause } : { up: false, reason: cause, note: span.note };
    }
  }
  for (const span of active) if (span.cause === 'open') return { up: true };
  return { up: false, reason: 'hours' };
}

function sameState(a: Omit<Segment, 'from' | 'to'>, b: Omit<Segment, 'from' | 'to'>): boolean {
  return a.up === b.up && a.reason === b.reason && a.note === b.note;
}

/** The server's states over [from, to), found by sweeping the spans' start and end instants. */
export function serverSegments(server: ResolvedServer, from: number, to: number, isHoliday: HolidayCalendar): Segment[] {
  const events = spansWithin(server, from, to, isHoliday)
    .flatMap((span) => [
      { at: span.from, span, starts: true },
      { at: span.to, span, starts: false },
    ])
    .sort((a, b) => a.at - b.at);
  const active = new Set<Span>();
  const segments: Segment[] = [];
  let cursor = from;
  let next = 0;
  while (cursor < to) {
    for (let event = events[next]; event !== undefined && event.at <= cursor; event = events[++next]) {
      if (event.starts) active.add(event.span);
      else active.delete(event.span);
    }
    const end = events[next]?.at ?? to;
    const state = stateOf(active);
    const last = segments.at(-1);
    if (last !== undefined && sameState(last, state)) last.to = end;
    else segments.push({ from: cursor, to: end, ...state });
    cursor = end;
  }
  return segments;
}

import type { WeekAnswer } from '../../protocol/index.js';

/** The relay's `GET /v1/availability/week` answer (src/protocol/availability.ts). */
export type AvailabilityWeek = WeekAnswer;
export type WeekServer = WeekAnswer['servers'][number];
/** One stretch of a server's week: half-open `[from, to)`, ISO 8601 instants in Japan time. */
export type WeekInterval = WeekServer['intervals'][number];
/** Why a server is down (the schedule engine's `DownReason`), most specific first. */
export type WeekDownReason = NonNullable<WeekInterval['reason']>;
/** One Japanese calendar day; a holiday from the operator's `extraHolidays` has no name. */
export type WeekDay = WeekAnswer['days'][number];

export interface WeekRequest {
  relay: string;
  items: string[];
  /** An ISO instant; empty for the relay's today. */
  from: string;
  signal: AbortSignal;
}

/** Gets a week; the default asks the relay over HTTP, tests and stories supply their own. */
export type FetchWeek = (request: WeekRequest) => Promise<AvailabilityWeek>;

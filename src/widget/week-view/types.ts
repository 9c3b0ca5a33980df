/** Why a server is down (the schedule engine's `DownReason`), most specific first. */
export type WeekDownReason = 'maintenance' | 'year-end' | 'planned-stop' | 'hours';

/** One stretch of a server's week: half-open `[from, to)`, ISO 8601 instants in Japan time. */
export interface WeekInterval {
  from: string;
  to: string;
  up: boolean;
  reason?: WeekDownReason;
  /** The announcement of a maintenance window. */
  note?: string;
}

export interface WeekServer {
  id: string;
  labelJa: string;
  labelEn: string;
  intervals: WeekInterval[];
}

/** One Japanese calendar day; a holiday from the operator's `extraHolidays` has no name. */
export interface WeekDay {
  /** `YYYY-MM-DD` */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  holiday: boolean;
  holidayJa?: string;
  holidayEn?: string;
}

/** The relay's `GET /v1/availability/week` answer (docs/relay.md). */
export interface AvailabilityWeek {
  from: string;
  to: string;
  /** The relay's clock; drawn as the "now" line when it falls in the week. */
  now: string;
  days: WeekDay[];
  servers: WeekServer[];
}

export interface WeekRequest {
  relay: string;
  items: string[];
  /** An ISO instant; empty for the relay's today. */
  from: string;
  signal: AbortSignal;
}

/** Gets a week; the default asks the relay over HTTP, tests and stories supply their own. */
export type FetchWeek = (request: WeekRequest) => Promise<AvailabilityWeek>;

import { SYSTEM_IDS, serversFor, type ServerId } from '../catalog/index.js';
import { formatJapanTime } from '../japan-time.js';
import { Lookahead } from './lookahead.js';
import { resolve } from './resolve.js';
import { serverSegments } from './timeline.js';
import type { Availability, ScheduleOptions, ServerInterval, ServerStatus } from './types.js';

function instantOf(date: Date): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid Date');
  return instant;
}

/** The servers an immediate retrieval of `items` needs: the three systems, then the holders. */
export function serversNeeded(items: readonly string[]): ServerId[] {
  return [...SYSTEM_IDS, ...serversFor(items)];
}

/** Whether `items` can be fetched immediately at `at`, and if not, from when. */
export function availability(items: readonly string[], at: Date, options?: ScheduleOptions): Availability {
  const ids = serversNeeded(items);
  const lookahead = new Lookahead(resolve(options), instantOf(at));
  const servers = ids.map((id) => lookahead.status(id));
  return {
    available: servers.every((server) => server.available),
    at: formatJapanTime(lookahead.at),
    nextAvailableAt: lookahead.firstUp(ids),
    servers,
  };
}

export function serverAvailability(serverId: ServerId, at: Date, options?: ScheduleOptions): ServerStatus {
  return new Lookahead(resolve(options), instantOf(at)).status(serverId);
}

/** The server's up and down stretches covering [from, to), for drawing a timeline. */
export function intervals(serverId: ServerId, from: Date, to: Date, options?: ScheduleOptions): ServerInterval[] {
  const schedule = resolve(options);
  return serverSegments(schedule.servers[serverId], instantOf(from), instantOf(to), schedule.isHoliday).map(
    ({ from: start, to: end, ...state }) => ({ from: formatJapanTime(start), to: formatJapanTime(end), ...state }),
  );
}

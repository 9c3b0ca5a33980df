import { SERVERS, type ServerId } from '../catalog/index.js';
import { DAY_MS, formatJapanTime } from '../japan-time.js';
import type { ResolvedSchedule } from './resolve.js';
import { serverSegments, type Segment } from './timeline.js';
import type { ServerStatus } from './types.js';

/**
 * Segments of each server from `at` on, computed lazily in chunks of 1, 2, 4 … days up to the
 * horizon, so the usual answer costs a day of rules and a long stop a few more chunks.
 */
export class Lookahead {
  private readonly chunks: (readonly [number, number])[] = [];
  private readonly cache = new Map<ServerId, Segment[][]>();

  constructor(
    private readonly schedule: ResolvedSchedule,
    readonly at: number,
  ) {
    const end = at + schedule.horizonMs;
    for (let start = at, size = DAY_MS; start < end; start += size, size *= 2) {
      this.chunks.push([start, Math.min(start + size, end)]);
    }
  }

  segments(id: ServerId, chunk: number): Segment[] {
    let perChunk = this.cache.get(id);
    if (perChunk === undefined) this.cache.set(id, (perChunk = []));
    const [from, to] = this.chunks[chunk]!;
    perChunk[chunk] ??= serverSegments(this.schedule.servers[id], from, to, this.schedule.isHoliday);
    return perChunk[chunk];
  }

  status(id: ServerId): ServerStatus {
    const info = SERVERS.find((server) => server.id === id)!;
    const { up, reason, note } = this.segments(id, 0)[0]!;
    return {
      id,
      available: up,
      nextAvailableAt: this.firstUp([id]),
      ...(reason === undefined ? {} : { reason }),
      ...(note === undefined ? {} : { note }),
      labelJa: info.labelJa,
      labelEn: info.labelEn,
    };
  }

  /** The earliest instant ≥ at when every server of `ids` is up, as a Japan-time string. */
  firstUp(ids: readonly ServerId[]): string | null {
    for (const [chunk, [from]] of this.chunks.entries()) {
      const found = firstCommonInstant(
        ids.map((id) => this.segments(id, chunk).filter((segment) => segment.up)),
        from,
      );
      if (found !== undefined) return formatJapanTime(found);
    }
    return null;
  }
}

/** Leapfrogs over sorted interval lists to the earliest instant ≥ start inside one of each. */
function firstCommonInstant(upLists: readonly Segment[][], start: number): number | undefined {
  const cursors = upLists.map(() => 0);
  let candidate = start;
  for (let settled = false; !settled; ) {
    settled = true;
    for (const [list, intervals] of upLists.entries()) {
      let index = cursors[list]!;
      let interval = intervals[index];
      while (interval !== undefined && interval.to <= candidate) interval = intervals[++index];
      cursors[list] = index;
      if (interval === undefined) return undefined;
      if (interval.from > candidate) {
        candidate = interval.from;
        settled = false;
      }
    }
  }
  return candidate;
}

/**
 * The relay's notion of "now". Real time by default; RELAY_CLOCK starts it at a given instant
 * (it then runs forward at the real pace), and the development route `POST /v1/dev/clock` moves it.
 * Everything that depends on the schedule or on expiry reads this clock; operational timers
 * (send leases, rate limits) use real time.
 */
export interface RelayClock {
  now(): number;
  /** From now on the clock reads `at`, and runs forward from there. */
  set(at: number): void;
  /** Back to the clock as configured at start (RELAY_CLOCK running forward, or real time). */
  reset(): void;
}

export function createClock(base: () => number = Date.now, start: number | null = null): RelayClock {
  const initialOffset = start === null ? 0 : start - base();
  let offset = initialOffset;
  return {
    now: () => base() + offset,
    set(at) {
      offset = at - base();
    },
    reset() {
      offset = initialOffset;
    },
  };
}

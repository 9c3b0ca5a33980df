import type { Logger } from './log.js';

export interface PeriodicJob {
  /** Runs a round now, or joins the one under way: rounds never overlap. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a round under way. */
  stop(): Promise<void>;
}

/** A background round every `intervalMs` (the mail worker, the webhook dispatcher); its failures are logged, never thrown. */
export function startPeriodic(round: () => Promise<void>, intervalMs: number, log: Logger, failure: string): PeriodicJob {
  let running: Promise<void> | undefined;
  const tick = (): Promise<void> => {
    running ??= round()
      .catch((error: unknown) => log('error', failure, { error: (error as Error).name, detail: (error as Error).message }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

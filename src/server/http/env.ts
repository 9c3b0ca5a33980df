import type { Logger } from '../log.js';

/** Hono environment of the relay app: per-request values set by `requestContext`. */
export interface RelayEnv {
  Variables: {
    requestId: string;
    log: Logger;
  };
}

import type { RequestHandler } from './sandbox.js';

export interface RequestLogEntry {
  time: string;
  method: string;
  /** Path only: queries carry request URIs, codes and states, which stay out of logs. */
  path: string;
  status: number;
  durationMs: number;
}

/** Wraps a handler so each finished request yields one entry, with no personal data in it. */
export function withRequestLog(handler: RequestHandler, write: (entry: RequestLogEntry) => void): RequestHandler {
  return (req, res) => {
    const started = performance.now();
    res.once('finish', () => {
      write({
        time: new Date().toISOString(),
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
      });
    });
    handler(req, res);
  };
}

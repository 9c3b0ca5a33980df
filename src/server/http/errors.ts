import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PROBLEM_CONTENT_TYPE } from '../../protocol/index.js';
import { ProblemError } from '../problem.js';
import type { RelayEnv } from './env.js';

export function problemResponse(c: Context, problem: ProblemError): Response {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  c.header('Content-Type', PROBLEM_CONTENT_TYPE);
  return c.body(JSON.stringify(problem.toProblem()), problem.status);
}

/** Every error becomes a problem document; unexpected ones are logged and answered without detail. */
export const onError: ErrorHandler<RelayEnv> = (error, c) => {
  if (error instanceof ProblemError) {
    // Upstream failures: the cause goes to the log (it names the portal's error), not to the browser.
    if (error.status >= 500 && error.cause instanceof Error) {
      c.get('log')('warn', 'upstream failure', { code: error.code, detail: error.cause.message });
    }
    return problemResponse(c, error);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return problemResponse(c, new ProblemError('bad-request', 'The request could not be read'));
  }
  c.get('log')('error', 'unhandled error', { error: error.name, detail: error.message });
  return problemResponse(c, new ProblemError('internal-error', 'The relay could not complete the request'));
};

export const onNotFound: NotFoundHandler<RelayEnv> = (c) =>
  problemResponse(c, new ProblemError('not-found', 'No such route'));

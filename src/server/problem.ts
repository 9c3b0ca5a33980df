import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEMS, problemType, type ProblemCode, type ProblemDocument } from '../protocol/index.js';

/**
 * Thrown anywhere in a request; the app's `onError` turns it into `application/problem+json`.
 * The status comes from the code (src/protocol/problems.ts), so one code never means two statuses.
 */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ProblemCode;
  readonly title: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    code: ProblemCode,
    detail: string,
    options: {
      field?: string;
      title?: string;
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'ProblemError';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.title = options.title ?? defaultTitle(this.status);
    this.field = options.field;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  toProblem(): ProblemDocument {
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  422: 'Unprocessable content',
  429: 'Too many requests',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

function defaultTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Internal error' : 'Request refused');
}

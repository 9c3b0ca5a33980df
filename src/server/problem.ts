import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 9457 problem details, with a stable machine-readable `code` and the offending `field`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  /** Extension members (RFC 9457 §3.2), e.g. `nextAvailableAt` and `servers` of `unavailable`. */
  [extension: string]: unknown;
}

/** Thrown anywhere in a request; the app's `onError` turns it into `application/problem+json`. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly title: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
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
    this.status = status;
    this.code = code;
    this.title = options.title ?? defaultTitle(status);
    this.field = options.field;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  toProblem(): Problem {
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

export function problemType(code: string): string {
  return `urn:myna-fetch:problem:${code}`;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

function defaultTitle(status: number): string {
  switch (status) {
    case 400:
      return 'Bad request';
    case 403:
      return 'Forbidden';
    case 404:
      return 'Not found';
    case 409:
      return 'Conflict';
    case 410:
      return 'Gone';
    case 413:
      return 'Payload too large';
    case 422:
      return 'Unprocessable content';
    case 429:
      return 'Too many requests';
    case 502:
      return 'Bad gateway';
    case 503:
      return 'Service unavailable';
    default:
      return status >= 500 ? 'Internal error' : 'Request refused';
  }
}

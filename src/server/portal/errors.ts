import { PROBLEMS, type PortalErrorCode } from '../../protocol/index.js';

/** A failure talking to the portal; `code` is what the widget sees, never the portal's text. */
export class PortalError extends Error {
  readonly code: PortalErrorCode;
  /** From the protocol's problem table: only an unreachable portal may answer on a second try. */
  readonly retryable: boolean;

  constructor(code: PortalErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'PortalError';
    this.code = code;
    this.retryable = PROBLEMS[code].retryable;
  }
}

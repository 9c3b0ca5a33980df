/** A failure talking to the portal; `code` is what the widget sees, never the portal's text. */
export class PortalError extends Error {
  readonly code: 'portal-unreachable' | 'portal-refused' | 'portal-protocol-error' | 'result-invalid';
  readonly retryable: boolean;

  constructor(code: PortalError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'PortalError';
    this.code = code;
    this.retryable = code === 'portal-unreachable';
  }
}

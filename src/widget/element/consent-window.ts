/**
 * The top-level window in which the user consents at the portal. Opened synchronously in the click
 * handler (as `about:blank`) so that browsers that block pop-ups after an `await` let it through,
 * then navigated once the relay has answered.
 */
export class ConsentWindow {
  readonly #popup: Window;

  private constructor(popup: Window) {
    this.#popup = popup;
  }

  /** Returns null when the browser blocked the pop-up. */
  static open(): ConsentWindow | null {
    const width = Math.min(560, screen.availWidth);
    const height = Math.min(760, screen.availHeight);
    const popup = window.open('about:blank', '_blank', `popup=yes,width=${width},height=${height}`);
    return popup ? new ConsentWindow(popup) : null;
  }

  navigate(url: string): void {
    this.#popup.location.href = url;
  }

  get closed(): boolean {
    return this.#popup.closed;
  }

  /** True when `source` is this window: messages from any other window are ignored. */
  isSource(source: MessageEventSource | null): boolean {
    return source === this.#popup;
  }

  close(): void {
    if (!this.#popup.closed) this.#popup.close();
  }
}

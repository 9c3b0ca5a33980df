import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MynaFetchErrorEvent, MynaFetchStartEvent, type MynaFetchErrorCode } from '../events/index.js';
import { langOf, messagesFor, normalizeLang, type MessageKey } from '../i18n/index.js';
import { mynaFetchButtonStyles } from './myna-fetch-button.styles.js';

const errorMessageKeys: Record<MynaFetchErrorCode, MessageKey> = {
  'config-missing-relay': 'configMissingRelay',
  'config-missing-items': 'configMissingItems',
};

/**
 * @summary A button that fetches the user's own government-held data from Mynaportal, with consent.
 *
 * @event myna-fetch-start - Before the flow begins (cancelable). Detail: `{ items }`.
 * @event myna-fetch-error - The flow ended in an error. Detail: `{ code, message }`.
 *
 * @slot - The button's label; defaults to 「マイナポータルから取得」.
 *
 * @csspart button - The button the user presses.
 * @csspart status - The live region that announces every status change.
 *
 * @cssproperty --myna-accent - Button background.
 * @cssproperty --myna-on-accent - Button text colour.
 * @cssproperty --myna-error - Colour of error messages.
 * @cssproperty --myna-radius - Corner radius.
 * @cssproperty --myna-font - Font shorthand for the whole element.
 * @cssproperty --myna-focus-ring - Outline drawn around the focused control.
 *
 * @customState error - An error message is shown.
 */
export class MynaFetchButton extends LitElement {
  static override styles = mynaFetchButtonStyles;

  private readonly internals = this.attachInternals();

  @state() private statusMessage = '';

  /** Base URL of the provider's relay, e.g. `https://relay.example.jp`. */
  @property({ attribute: 'relay' }) relay = '';

  /** Comma-separated catalog keys to fetch, e.g. `localTax.salaryRevenue`. */
  @property({ attribute: 'items' }) items = '';

  /** What the data is used for, shown in the disclosure. */
  @property({ attribute: 'purpose' }) purpose = '';

  /** Parsed `items`: trimmed, empty entries dropped. */
  get itemKeys(): string[] {
    return this.items
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
  }

  private get messages() {
    return messagesFor(this.hasAttribute('lang') ? normalizeLang(this.getAttribute('lang')) : langOf(this));
  }

  private fail(code: MynaFetchErrorCode): void {
    const message = this.messages[errorMessageKeys[code]];
    this.statusMessage = message;
    this.internals.states.add('error');
    this.dispatchEvent(new MynaFetchErrorEvent({ code, message }));
  }

  private handleClick(): void {
    this.statusMessage = '';
    this.internals.states.delete('error');
    if (this.relay.trim() === '') return this.fail('config-missing-relay');
    if (this.itemKeys.length === 0) return this.fail('config-missing-items');
    this.dispatchEvent(new MynaFetchStartEvent({ items: this.itemKeys }));
  }

  override render() {
    return html`
      <button part="button" type="button" @click=${this.handleClick}>
        <slot>${this.messages.buttonLabel}</slot>
      </button>
      <div part="status" role="status">${this.statusMessage}</div>
    `;
  }
}

import { LitElement, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { property } from 'lit/decorators.js';
import type { FlowMode, RelayClient } from '../relay-client/index.js';
import { mynaFetchSettingsContext, type MynaFetchSettings } from './settings-context.js';

/**
 * @summary Shared settings for every `<myna-fetch-button>` inside it: relay URL, mode, timeout, purpose.
 * Its `lang` attribute applies to the buttons inside like any ancestor's.
 *
 * @slot - The page content holding the buttons.
 */
export class MynaFetchConfig extends LitElement {
  private readonly provider = new ContextProvider(this, { context: mynaFetchSettingsContext, initialValue: {} });

  /** Base URL of the provider's relay. */
  @property({ attribute: 'relay' }) relay = '';

  /** Default consent window for the buttons inside: `popup`, `redirect` or `kiosk`. */
  @property({ attribute: 'mode' }) mode: FlowMode | '' = '';

  /** Default seconds before the delay notice. */
  @property({ attribute: 'timeout', type: Number }) timeout: number | null = null;

  /** Default purpose shown in the disclosure. */
  @property({ attribute: 'purpose' }) purpose = '';

  /** A relay client for every button inside (Storybook, tests). */
  @property({ attribute: false }) relayClient: RelayClient | null = null;

  override willUpdate(): void {
    const settings: MynaFetchSettings = {
      ...(this.relay ? { relay: this.relay } : {}),
      ...(this.mode ? { mode: this.mode } : {}),
      ...(this.timeout !== null ? { timeout: this.timeout } : {}),
      ...(this.purpose ? { purpose: this.purpose } : {}),
      ...(this.relayClient ? { relayClient: this.relayClient } : {}),
    };
    this.provider.setValue(settings);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

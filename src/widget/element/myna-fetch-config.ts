import { LitElement, html, type PropertyDeclarations } from 'lit';
import type { FlowMode, RelayClient } from '../relay-client/index.js';
import { SettingsProvider, type MynaFetchSettings } from './settings-context.js';

/**
 * @summary Shared settings for every `<myna-fetch-button>` inside it: relay URL, mode, timeout, purpose.
 * Its `lang` attribute applies to the buttons inside like any ancestor's.
 *
 * @slot - The page content holding the buttons.
 */
export class MynaFetchConfig extends LitElement {
  static override properties: PropertyDeclarations = {
    relay: {},
    mode: {},
    timeout: { type: Number },
    purpose: {},
    relayClient: { attribute: false },
  };

  readonly #provider = new SettingsProvider(this);

  /** Base URL of the provider's relay. */
  relay = '';

  /** Default consent window for the buttons inside: `popup`, `redirect` or `kiosk`. */
  mode: FlowMode | '' = '';

  /** Default seconds before the delay notice. */
  timeout: number | null = null;

  /** Default purpose id (of the relay's purpose table) for the unbound buttons inside; a bound button's session has its own. */
  purpose = '';

  /** A relay client for every button inside (Storybook, tests). */
  relayClient: RelayClient | null = null;

  override willUpdate(): void {
    // An unset attribute gives `undefined`, which the buttons treat as absent.
    const settings: MynaFetchSettings = {
      relay: this.relay || undefined,
      mode: this.mode || undefined,
      timeout: this.timeout ?? undefined,
      purpose: this.purpose || undefined,
      relayClient: this.relayClient ?? undefined,
    };
    this.#provider.setValue(settings);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

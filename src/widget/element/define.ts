import { MynaFetchButton } from './myna-fetch-button.js';
import { MynaFetchConfig } from './myna-fetch-config.js';

/** Registers the elements once; a second load of the script is harmless. */
export function defineMynaFetchElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('myna-fetch-config')) registry.define('myna-fetch-config', MynaFetchConfig);
  if (!registry.get('myna-fetch-button')) registry.define('myna-fetch-button', MynaFetchButton);
}

declare global {
  interface HTMLElementTagNameMap {
    'myna-fetch-button': MynaFetchButton;
    'myna-fetch-config': MynaFetchConfig;
  }
}

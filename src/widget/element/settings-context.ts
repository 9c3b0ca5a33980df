import { createContext } from '@lit/context';
import type { FlowMode, RelayClient } from '../relay-client/index.js';

/** Settings a `<myna-fetch-config>` shares with every nested button; a button's own attributes win. */
export interface MynaFetchSettings {
  readonly relay?: string;
  readonly mode?: FlowMode;
  readonly timeout?: number;
  readonly purpose?: string;
  /** A relay client to use instead of HTTP against `relay` (Storybook, tests, custom transports). */
  readonly relayClient?: RelayClient;
}

export const mynaFetchSettingsContext = createContext<MynaFetchSettings>(Symbol('myna-fetch-settings'));

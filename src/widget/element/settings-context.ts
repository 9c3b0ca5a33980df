import type { Context, ContextCallback } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
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

/** The context key (what @lit/context's `createContext` would give: the key itself, typed). */
export const mynaFetchSettingsContext = Symbol('myna-fetch-settings') as Context<symbol, MynaFetchSettings>;

/**
 * The context community protocol's `context-request` (as @lit/context sends it, so its consumers and
 * providers work with ours): the two controllers below speak it in the few lines the elements need,
 * which spares the script-tag build @lit/context's controllers.
 */
/** A button's view of the nearest `<myna-fetch-config>`: `value` stays undefined without one; a new value renders again. */
export class SettingsConsumer implements ReactiveController {
  value: MynaFetchSettings | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    const callback: ContextCallback<MynaFetchSettings> = (value, unsubscribe) => {
      this.#unsubscribe = unsubscribe;
      this.value = value;
      this.host.requestUpdate();
    };
    // No `contextTarget`: providers take the event's first composed target, which is the host.
    const request = { context: mynaFetchSettingsContext, callback, subscribe: true };
    this.host.dispatchEvent(Object.assign(new Event('context-request', { bubbles: true, composed: true }), request));
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
  }
}

/**
 * A config's side: answers the requests from inside it and tells every subscriber each new value.
 * A provider that connects after its consumers is not announced (the elements are defined config
 * first, so a config is always there before the buttons inside it ask).
 */
export class SettingsProvider {
  #value: MynaFetchSettings = {};
  readonly #subscribers = new Set<ContextCallback<MynaFetchSettings>>();
  readonly #tell = (callback: ContextCallback<MynaFetchSettings>) => callback(this.#value, () => void this.#subscribers.delete(callback));

  constructor(host: HTMLElement) {
    host.addEventListener('context-request', (event) => {
      if (event.context !== mynaFetchSettingsContext) return;
      event.stopPropagation();
      if (event.subscribe) this.#subscribers.add(event.callback);
      this.#tell(event.callback);
    });
  }

  setValue(value: MynaFetchSettings): void {
    this.#value = value;
    this.#subscribers.forEach(this.#tell);
  }
}

import { TTL } from '../protocol.js';
import type { Lang } from '../views/messages.js';

/** What the screens remember about one interaction besides what oidc-provider keeps. */
export interface ScreenState {
  lang: Lang;
  /** 「同意する」 was ticked and sent: the card step may follow. */
  consented: boolean;
  expiresAt: number;
}

export class ScreenStates {
  readonly #states = new Map<string, ScreenState>();

  get(uid: string): ScreenState {
    const now = Date.now();
    for (const [key, state] of this.#states) {
      if (state.expiresAt <= now) this.#states.delete(key);
    }
    let state = this.#states.get(uid);
    if (state === undefined) {
      state = { lang: 'ja', consented: false, expiresAt: now + TTL.interaction * 1000 };
      this.#states.set(uid, state);
    }
    return state;
  }

  forget(uid: string): void {
    this.#states.delete(uid);
  }
}

import { waitUntil } from '@open-wc/testing';
import type { MynaFetchButton } from '../../../src/widget/index.js';
import { ScriptedRelay, incomeSuccess } from '../../../src/widget/relay-client/scripted-relay-client.js';
import { realClick } from '../support/real-click.js';

/** A relay that consents, retrieves for a moment and answers 給与収入額 5,670,000 yen (567 万円). */
export const incomeRelay = () => new ScriptedRelay([{ status: 'awaiting-consent' }, { status: 'pending', elapsedMs: 400 }, incomeSuccess]);

const buttonNamed = (el: MynaFetchButton, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === name)!;

/** The whole flow as the user does it: the button, 「マイナポータルへ進む」, the review, 「フォームに入力する」. */
export async function fetchAndFill(el: MynaFetchButton): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector('[part="button"]'), 'element rendered');
  await realClick(el.shadowRoot!.querySelector('[part="button"]')!);
  await waitUntil(() => buttonNamed(el, 'マイナポータルへ進む') && !buttonNamed(el, 'マイナポータルへ進む').disabled, 'disclosure loaded');
  await realClick(buttonNamed(el, 'マイナポータルへ進む'));
  await waitUntil(() => el.matches(':state(review)'), 'review shown', { timeout: 8000 });
  await realClick(buttonNamed(el, 'フォームに入力する'));
  await waitUntil(() => el.matches(':state(done)'), 'done', { timeout: 4000 });
}

import { expect, waitUntil } from '@open-wc/testing';
import type { MynaFetchButton } from '../../../src/widget/index.js';
import { realClick } from '../support/real-click.js';
import { fetchAndFill, incomeRelay } from './drive.js';

// #region server-form
/** What the server sends: a plain form, values already filled in, the element not yet defined. */
const SERVER_HTML = `
<form method="post" action="/loan/apply" id="loan">
  <input type="hidden" name="csrf" value="token-123" />
  <label for="name">お名前</label>
  <input id="name" name="fullName" value="山田 太郎" />
  <label for="income">年収（万円）</label>
  <input id="income" name="annualIncome" value="480" inputmode="numeric"
         data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" />
  <myna-fetch-button relay="https://relay.bank.example" items="localTax.salaryRevenue"
                     purpose="mortgage-prescreen">マイナポータルから年収を取得する</myna-fetch-button>
  <button type="submit">申し込む</button>
</form>`;
// #endregion server-form

describe('recipe: server-rendered form, element upgraded after the fact', () => {
  it('fills the pre-rendered data-myna-field input, and the form still posts every field', async () => {
    const container = document.createElement('div');
    container.innerHTML = SERVER_HTML;
    document.body.append(container);
    const form = container.querySelector<HTMLFormElement>('#loan')!;
    const button = form.querySelector('myna-fetch-button')!;
    expect(customElements.get('myna-fetch-button')).to.equal(undefined, 'not yet defined: plain HTML');
    expect(new FormData(form).get('annualIncome')).to.equal('480');

    // The <script> tag (here: the module) arrives later and upgrades the element in place.
    await import('../../../src/widget/index.js');
    await customElements.whenDefined('myna-fetch-button');
    const el = button as MynaFetchButton;
    expect(el.relay).to.equal('https://relay.bank.example');
    el.relayClient = incomeRelay(); // test only: no relay server

    const successes: Readonly<Record<string, string>>[] = [];
    form.addEventListener('myna-fetch-success', (event) => successes.push(event.detail.fields));
    const posted: [string, FormDataEntryValue][][] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      posted.push([...new FormData(form)]);
    });

    await fetchAndFill(el);
    await waitUntil(() => successes.length > 0, 'success event');
    expect(successes).to.deep.equal([{ annualIncome: '567' }]);
    expect(form.querySelector<HTMLInputElement>('#income')!.value).to.equal('567');
    expect(posted).to.deep.equal([], 'the element’s buttons never submit the host form');

    await realClick(form.querySelector('button[type="submit"]')!);
    await waitUntil(() => posted.length === 1, 'form submitted');
    expect(posted[0]).to.deep.equal([
      ['csrf', 'token-123'],
      ['fullName', '山田 太郎'],
      ['annualIncome', '567'],
    ]);
    container.remove();
  });
});

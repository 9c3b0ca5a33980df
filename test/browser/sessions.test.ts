/**
 * Provider sessions, widget side: a button bound to a session (`session="<clientToken>"`) takes its
 * disclosure, items and query from the session, writes the session id into the form and locks the
 * `data-myna-lock` fields after a verified fill; an unbound button's purpose is an id of the relay's table.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MynaFetchButton } from '../../src/widget/index.js';
import '../../src/widget/index.js';
import { RelayError } from '../../src/widget/relay-client/index.js';
import { SESSION_TOKEN, ScriptedRelay, boundIncomeSuccess, incomeSession, incomeSuccess, jukiNetStopped } from '../../src/widget/relay-client/scripted-relay-client.js';
import { realClick } from './support/real-click.js';

const inner = (el: MynaFetchButton, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const buttonNamed = (el: MynaFetchButton, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === name)!;
const statusOf = (el: MynaFetchButton) => inner(el, '[role="status"]').textContent!;

async function openDisclosure(el: MynaFetchButton) {
  await realClick(inner(el, '[part="button"]'));
  await waitUntil(() => el.shadowRoot!.querySelector<HTMLButtonElement>('dialog[open] button.primary')?.disabled === false, 'disclosure open');
  return el.shadowRoot!.querySelector('dialog')!;
}

/** Presses the button, then 「マイナポータルへ進む」 (or its English), both as real clicks. */
async function startFetch(el: MynaFetchButton, continueLabel = 'マイナポータルへ進む') {
  await openDisclosure(el);
  await realClick(buttonNamed(el, continueLabel));
}

/** Calls `console[level]` records instead of printing, for the time of `run`. */
async function capture(level: 'warn' | 'error', run: () => Promise<void>): Promise<string[]> {
  const logged: string[] = [];
  const original = console[level];
  console[level] = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console[level] = original;
  }
  return logged;
}

interface Recorded {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  body: unknown;
}

/** `fetch` answered like the relay, recording each request. */
function stubRelay(answers: Record<string, unknown>): { requests: Recorded[]; restore: () => void } {
  const original = window.fetch;
  const requests: Recorded[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    requests.push({
      method,
      path: url.pathname,
      query: url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      credentials: init?.credentials,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers[`${method} ${url.pathname}`];
    return new Response(JSON.stringify(answer ?? { type: 'x', title: 'x', status: 404, code: 'not-found', detail: 'x' }), {
      status: answer ? 200 : 404,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { requests, restore: () => (window.fetch = original) };
}

const RELAY_ANSWERS = {
  'POST /v1/disclosure': incomeSession,
  'GET /v1/disclosure': { ...incomeSession, sessionId: undefined, query: undefined },
  'GET /v1/availability': { available: true, at: '2026-11-23T06:00:00.000Z', nextAvailableAt: null, servers: [] },
  'POST /v1/flows': { flowId: 'flow-1', launchUrl: 'about:blank#launch', expiresAt: '2099-01-01T00:00:00Z', consent: { service: '〇〇銀行', purpose: '住宅ローンの事前審査', retainUntil: '2026-12-23' } },
  'POST /v1/flows/flow-1/result': { status: 'awaiting-consent' },
  'POST /v1/flows/flow-1/cancel': { status: 'cancelled', step: 'widget' },
};

describe('<myna-fetch-button session> over HTTP', () => {
  it('asks the disclosure by POST with the client token (JSON, the fetch header, no cookies) and starts with { session, mode, returnUrl, secretHash }', async () => {
    const stub = stubRelay(RELAY_ANSWERS);
    try {
      const el = await fixture<MynaFetchButton>(html`<myna-fetch-button relay="https://relay.example" session=${SESSION_TOKEN}></myna-fetch-button>`);
      const dialog = await openDisclosure(el);
      const disclosure = stub.requests.find((request) => request.path === '/v1/disclosure')!;
      expect(disclosure.method).to.equal('POST');
      expect(disclosure.query).to.equal('');
      expect(disclosure.body).to.deep.equal({ session: SESSION_TOKEN });
      expect(disclosure.headers['content-type']).to.equal('application/json');
      expect(disclosure.headers['x-myna-fetch']).to.equal('1');
      expect(disclosure.credentials).to.equal('omit');
      const availability = stub.requests.find((request) => request.path === '/v1/availability')!;
      expect(new URLSearchParams(availability.query).get('items')).to.equal('localTax.salaryRevenue', 'the session’s items');
      expect(dialog.textContent).to.contain('給与収入額').and.contain('住宅ローンの事前審査');

      await realClick(buttonNamed(el, 'マイナポータルへ進む'));
      await waitUntil(() => el.matches(':state(consenting)'), 'consenting');
      const start = stub.requests.find((request) => request.path === '/v1/flows')!;
      const body = start.body as Record<string, unknown>;
      expect(Object.keys(body).sort()).to.deep.equal(['mode', 'returnUrl', 'secretHash', 'session']);
      expect(body['session']).to.equal(SESSION_TOKEN);
      buttonNamed(el, '中止する').click();
    } finally {
      stub.restore();
    }
  });

  it('an unbound button asks GET /v1/disclosure?items=…&purpose=<id> and starts with items, query and the purpose id', async () => {
    const stub = stubRelay(RELAY_ANSWERS);
    try {
      const el = await fixture<MynaFetchButton>(
        html`<myna-fetch-button relay="https://relay.example" items="localTax.salaryRevenue" purpose="mortgage-prescreen"></myna-fetch-button>`,
      );
      await openDisclosure(el);
      const disclosure = stub.requests.find((request) => request.path === '/v1/disclosure')!;
      expect(disclosure.method).to.equal('GET');
      expect(Object.fromEntries(new URLSearchParams(disclosure.query))).to.deep.equal({ items: 'localTax.salaryRevenue', purpose: 'mortgage-prescreen' });
      await realClick(buttonNamed(el, 'マイナポータルへ進む'));
      await waitUntil(() => el.matches(':state(consenting)'), 'consenting');
      const body = stub.requests.find((request) => request.path === '/v1/flows')!.body as Record<string, unknown>;
      expect(Object.keys(body).sort()).to.deep.equal(['items', 'mode', 'purpose', 'query', 'returnUrl', 'secretHash']);
      expect([body['items'], body['query'], body['purpose']]).to.deep.equal([['localTax.salaryRevenue'], { method: 'latest' }, 'mortgage-prescreen']);
      buttonNamed(el, '中止する').click();
    } finally {
      stub.restore();
    }
  });
});

describe('<myna-fetch-button session> disclosure', () => {
  it('warns once, naming the own attributes the session overrides; the disclosure is the session’s (purposeEn in English)', async () => {
    const relay = new ScriptedRelay([boundIncomeSuccess]);
    const el = await fixture<MynaFetchButton>(html`
      <myna-fetch-button lang="en" session=${SESSION_TOKEN} items="household" purpose="other-purpose" query="at" at="2025-06-01" .relayClient=${relay}></myna-fetch-button>
    `);
    const warnings = await capture('warn', async () => {
      const dialog = await openDisclosure(el);
      expect(dialog.textContent).to.contain('Home loan pre-screening').and.contain('Salary revenue').and.contain('the latest information');
      buttonNamed(el, 'Cancel').click();
      await el.updateComplete;
      await openDisclosure(el);
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('items').and.contain('purpose').and.contain('query').and.contain('at');
    expect(relay.disclosures).to.deep.equal([{ session: SESSION_TOKEN }, { session: SESSION_TOKEN }]);
    await expect(el).to.be.accessible();
  });

  it('does not warn when the own attributes agree with the session (same items, latest query)', async () => {
    const relay = new ScriptedRelay([boundIncomeSuccess]);
    const el = await fixture<MynaFetchButton>(
      html`<myna-fetch-button session=${SESSION_TOKEN} items="localTax.salaryRevenue" query="latest" .relayClient=${relay}></myna-fetch-button>`,
    );
    const warnings = await capture('warn', async () => void (await openDisclosure(el)));
    expect(warnings).to.have.length(0);
  });
});

async function loanForm(relay: ScriptedRelay, session: string | undefined, field = html``) {
  const form = await fixture<HTMLFormElement>(html`
    <form>
      <label for="income">年収（万円）</label>
      <input id="income" name="annualIncome" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen" data-myna-lock />
      ${field}
      <myna-fetch-button items="localTax.salaryRevenue" session=${session ?? ''} .relayClient=${relay}></myna-fetch-button>
    </form>
  `);
  return { form, button: form.querySelector('myna-fetch-button')!, input: form.querySelector<HTMLInputElement>('#income')! };
}

describe('<myna-fetch-button session> verified fill', () => {
  it('writes the session id into a new hidden input, and the one success event carries sessionId and provenance', async () => {
    const relay = new ScriptedRelay([boundIncomeSuccess]);
    const { form, button, input } = await loanForm(relay, SESSION_TOKEN);
    const successes: Event[] = [];
    form.addEventListener('myna-fetch-success', (event) => successes.push(event));
    await startFetch(button);
    await waitUntil(() => button.matches(':state(review)'), 'review', { timeout: 5000 });
    const success = oneEvent(form, 'myna-fetch-success');
    buttonNamed(button, 'フォームに入力する').click();
    const { detail } = await success;
    expect(detail.sessionId).to.equal(incomeSession.sessionId);
    expect(detail.provenance).to.deep.equal({ annualIncome: 'verified' });
    expect(detail.fields).to.deep.equal({ annualIncome: '567' });
    expect(input.value).to.equal('567');
    const hidden = form.querySelectorAll<HTMLInputElement>('input[name="myna_session_id"]');
    expect(hidden).to.have.length(1);
    expect([hidden[0]!.type, hidden[0]!.value]).to.deep.equal(['hidden', incomeSession.sessionId]);
    expect(new FormData(form).get('myna_session_id')).to.equal(incomeSession.sessionId);
    await button.updateComplete;
    expect(successes).to.have.length(1);
  });

  it('reuses an existing field named by session-field instead of adding one', async () => {
    const relay = new ScriptedRelay([boundIncomeSuccess]);
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <input type="hidden" name="verification" value="" />
        <myna-fetch-button session=${SESSION_TOKEN} session-field="verification" skip-review .relayClient=${relay}></myna-fetch-button>
      </form>
    `);
    const button = form.querySelector('myna-fetch-button')!;
    const success = oneEvent(form, 'myna-fetch-success');
    await startFetch(button);
    await success;
    expect(form.querySelectorAll('input')).to.have.length(1);
    expect(form.querySelector<HTMLInputElement>('[name="verification"]')!.value).to.equal(incomeSession.sessionId);
    expect(form.querySelector('[name="myna_session_id"]')).to.equal(null);
  });

  it('locks data-myna-lock fields read-only with an Edit button: by keyboard it unlocks, focuses the field and goes, focus never on body', async () => {
    const relay = new ScriptedRelay([boundIncomeSuccess]);
    const { form, button, input } = await loanForm(relay, SESSION_TOKEN);
    const success = oneEvent(form, 'myna-fetch-success');
    await startFetch(button);
    await waitUntil(() => button.matches(':state(review)'), 'review', { timeout: 5000 });
    buttonNamed(button, 'フォームに入力する').click();
    await success;
    expect(input.readOnly).to.equal(true);
    const edit = input.nextElementSibling as HTMLButtonElement;
    expect(edit.localName).to.equal('button');
    expect(edit.type).to.equal('button');
    expect(edit.textContent).to.equal('修正する');
    expect(edit.getAttribute('aria-label')).to.contain('年収（万円）').and.contain('修正する');
    await expect(form).to.be.accessible();

    input.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(edit, 'the Edit button follows its field in the tab order');
    await sendKeys({ press: 'Enter' });
    expect(document.activeElement).to.equal(input);
    expect(document.activeElement).not.to.equal(document.body);
    expect(input.readOnly).to.equal(false);
    expect(input.hasAttribute('data-myna-edited')).to.equal(true);
    expect(edit.isConnected).to.equal(false);
    await sendKeys({ type: '0' });
    expect(input.value).to.equal('5670');
  });

  it('「直接入力する」 on the outage notice of a bound button without items focuses the field of the session’s item', async () => {
    const relay = new ScriptedRelay([]);
    relay.availabilityAnswer = jukiNetStopped;
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <label for="income">年収（万円）</label>
        <input id="income" name="annualIncome" data-myna-field="localTax.salaryRevenue" />
        <myna-fetch-button session=${SESSION_TOKEN} .relayClient=${relay}></myna-fetch-button>
      </form>
    `);
    const button = form.querySelector('myna-fetch-button')!;
    await realClick(inner(button, '[part="button"]'));
    await waitUntil(() => button.matches(':state(unavailable)'), 'outage notice');
    await realClick(buttonNamed(button, '直接入力する'));
    expect(document.activeElement).to.equal(form.querySelector('#income'));
  });

  it('an unbound fill never locks, writes no session id, and says every field is unverified', async () => {
    const relay = new ScriptedRelay([incomeSuccess]);
    const { form, button, input } = await loanForm(relay, undefined);
    const success = oneEvent(form, 'myna-fetch-success');
    await startFetch(button);
    await waitUntil(() => button.matches(':state(review)'), 'review', { timeout: 5000 });
    buttonNamed(button, 'フォームに入力する').click();
    const { detail } = await success;
    expect(detail.sessionId).to.equal(null);
    expect(detail.provenance).to.deep.equal({ annualIncome: 'unverified' });
    expect(input.value).to.equal('567');
    expect(input.readOnly).to.equal(false);
    expect(form.querySelectorAll('button')).to.have.length(0);
    expect(form.querySelector('[name="myna_session_id"]')).to.equal(null);
  });
});

describe('<myna-fetch-button> purpose ids and session problems', () => {
  it('a purpose that is not an id: console.error names the attribute, the error state is visible and accessible, nothing asked', async () => {
    const relay = new ScriptedRelay([]);
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button items="localTax" purpose="住宅ローンの事前審査" .relayClient=${relay}></myna-fetch-button>`);
    const logged = await capture('error', async () => {
      const error = oneEvent(el, 'myna-fetch-error');
      inner(el, '[part="button"]').click();
      const { detail } = await error;
      expect(detail.code).to.equal('config-invalid');
      expect(detail.message).to.contain('purpose 属性');
    });
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain('purpose').and.contain('住宅ローンの事前審査');
    await el.updateComplete;
    expect(statusOf(el)).to.contain('purpose 属性');
    expect(el.matches(':state(error)')).to.equal(true);
    expect(relay.disclosures).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('the relay’s unknown-purpose: console.error names the attribute and the ids the relay allows', async () => {
    const relay = new ScriptedRelay([]);
    relay.disclosureAnswer = new RelayError('unknown-purpose', 400, undefined, undefined, 'allowed purpose ids: mortgage-prescreen, benefit-application');
    const el = await fixture<MynaFetchButton>(html`<myna-fetch-button lang="en" items="localTax" purpose="car-loan" .relayClient=${relay}></myna-fetch-button>`);
    const logged = await capture('error', async () => {
      const error = oneEvent(el, 'myna-fetch-error');
      await realClick(inner(el, '[part="button"]'));
      expect((await error).detail.code).to.equal('config-invalid');
    });
    expect(logged).to.have.length(1);
    expect(logged[0]).to.contain('purpose attribute').and.contain('mortgage-prescreen').and.contain('benefit-application');
    await el.updateComplete;
    expect(statusOf(el)).to.contain('mortgage-prescreen');
    expect(el.matches(':state(error)')).to.equal(true);
    expect(relay.disclosures).to.deep.equal([{ items: ['localTax'], purpose: 'car-loan' }]);
    await expect(el).to.be.accessible();
  });

  it('subject-mismatch: says the card holder is not the applicant and nothing was received, one error, no retry', async () => {
    const relay = new ScriptedRelay([{ status: 'error', code: 'subject-mismatch', retryable: false }]);
    const { form, button, input } = await loanForm(relay, SESSION_TOKEN);
    const errors: Event[] = [];
    form.addEventListener('myna-fetch-error', (event) => errors.push(event));
    const error = oneEvent(form, 'myna-fetch-error');
    await startFetch(button);
    const { detail } = await error;
    expect([detail.code, detail.retryable]).to.deep.equal(['subject-mismatch', false]);
    await button.updateComplete;
    expect(statusOf(button)).to.contain('一致しない').and.contain('受け取っていません').and.contain('直接入力');
    expect(input.value).to.equal('');
    const polls = relay.polls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(relay.polls.length).to.equal(polls, 'no retry loop');
    expect(errors).to.have.length(1);
    await expect(button).to.be.accessible();
  });

  for (const [lang, text] of [
    ['ja', '有効期限が切れました'],
    ['en', 'has expired'],
  ] as const) {
    it(`session-expired (${lang}): a visible, accessible error before anything is shown, not retryable`, async () => {
      const relay = new ScriptedRelay([]);
      relay.disclosureAnswer = new RelayError('session-expired', 410);
      const el = await fixture<MynaFetchButton>(html`<myna-fetch-button lang=${lang} session=${SESSION_TOKEN} .relayClient=${relay}></myna-fetch-button>`);
      const error = oneEvent(el, 'myna-fetch-error');
      await realClick(inner(el, '[part="button"]'));
      const { detail } = await error;
      expect([detail.code, detail.retryable]).to.deep.equal(['session-expired', false]);
      expect(detail.message).to.contain(text);
      await el.updateComplete;
      expect(statusOf(el)).to.contain(text);
      expect(el.matches(':state(error)')).to.equal(true);
      expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }
});

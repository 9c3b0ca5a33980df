import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FetchFlow, type Clock, type ConsentPopup, type FlowHost, type FlowOptions, type FlowState } from '../../../src/widget/element/fetch-flow.js';
import { outcomeEvent, statusText } from '../../../src/widget/element/flow-presentation.js';
import { FormatError } from '../../../src/domain/mapping/index.js';
import { messagesFor } from '../../../src/widget/i18n/index.js';
import { RelayError, type FlowResult, type FlowStarted, type StartFlowRequest } from '../../../src/widget/relay-client/index.js';
import { SESSION_TOKEN, ScriptedRelay, boundIncomeSuccess, incomeSession, incomeSuccess, jukiNetStopped } from '../../../src/widget/relay-client/scripted-relay-client.js';
import { configProblem } from '../../../src/widget/element/config-problem.js';
import type { FillPlan } from '../../../src/widget/element/autofill.js';
import type { RelayValue } from '../../../src/widget/relay-client/index.js';

/** Timers that run only when the test moves time on. */
class FakeClock implements Clock {
  time = 1_000_000;
  readonly timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    this.timers.set(this.#next, { at: this.time + ms, callback });
    return this.#next++;
  };
  clearTimeout = (timer: unknown) => void this.timers.delete(timer as number);

  /** Runs every timer due within `ms`, in order, letting the answers each one sets off arrive. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const [id, due] = [...this.timers].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !due || due.at > end) break;
      this.timers.delete(id);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = end;
  }
}

/** Lets pending promises (including WebCrypto's digest of the flow secret) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Waits (in real time, up to 2 s) for something that follows WebCrypto's digest of the flow secret. */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    assert.ok(waited < 2000, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

class FakePopup implements ConsentPopup {
  readonly visited: string[] = [];
  closed = false;
  navigate(url: string): void {
    this.visited.push(url);
  }
  isSource(source: unknown): boolean {
    return source === this;
  }
  close(): void {
    this.closed = true;
  }
}

/** A promise the test resolves when it wants the relay's answer to arrive. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

const TERMINAL = new Set(['done', 'cancelled', 'unavailable', 'registered', 'error']);

function harness(results: FlowResult[], options: Partial<FlowOptions> = {}, relay = new ScriptedRelay(results), host: Partial<FlowHost> = {}) {
  const clock = new FakeClock();
  const popup = new FakePopup();
  const states: FlowState[] = [];
  const consents: string[] = [];
  const redirects: string[] = [];
  let popupAllowed = true;
  const flow = new FetchFlow(
    {
      client: () => relay,
      options: () => ({ session: '', items: ['localTax.salaryRevenue'], query: { method: 'latest' }, purpose: '', mode: 'popup', timeout: 20, skipReview: false, ...options }),
      openWindow: () => (popupAllowed ? popup : null),
      redirect: (_, launchUrl) => void redirects.push(launchUrl),
      returnUrl: () => 'https://bank.example/loan',
      planFill: (values) => values.map((value) => ({ value, writes: [] })),
      applyFill: () => ({ annualIncome: '567' }),
      consented: (flowId) => void consents.push(flowId),
      changed: (next, previous) => {
        assert.equal(previous, states.at(-1) ?? previous, 'each change starts from the last state');
        states.push(next);
      },
      ...host,
    },
    clock,
  );
  /** Distinct phases in order, as `myna-fetch-state` reports them. */
  const phases = () => states.map((state) => state.phase).filter((phase, index, all) => phase !== all[index - 1]);
  const outcomes = () => states.filter((state) => TERMINAL.has(state.phase));
  const blockPopup = () => void (popupAllowed = false);
  /** Opens the disclosure, waits for the relay, and continues to the portal. */
  const start = async () => {
    await flow.open();
    flow.continue();
    await until(() => flow.state.phase !== 'starting');
  };
  return { flow, relay, clock, popup, states, consents, redirects, phases, outcomes, blockPopup, start };
}

describe('FetchFlow transitions', () => {
  it('disclosure → starting → consenting → waiting → review → done, consent said once, the window closed at consent', async () => {
    const t = harness([{ status: 'awaiting-consent' }, { status: 'pending', elapsedMs: 900 }, { status: 'pending', elapsedMs: 0 }, incomeSuccess]);
    await t.flow.open();
    const disclosure = t.flow.state;
    assert.equal(disclosure.phase === 'disclosure' && disclosure.disclosure?.service, '〇〇銀行');
    t.flow.continue();
    await until(() => t.flow.state.phase !== 'starting');
    assert.equal(t.flow.state.phase, 'consenting');
    assert.deepEqual(t.popup.visited, ['about:blank#launch']);
    assert.equal(t.relay.started[0]!.mode, 'popup');
    await t.clock.advance(4000);
    assert.equal(t.flow.state.phase, 'review');
    assert.deepEqual(t.consents, ['flow-1']);
    assert.equal(t.popup.closed, true);
    t.flow.fill();
    const done = t.flow.state as FlowState;
    assert.deepEqual(done.phase === 'done' && done.fields, { annualIncome: '567' });
    assert.deepEqual(t.phases(), ['disclosure', 'starting', 'consenting', 'waiting', 'review', 'done']);
    assert.equal(t.clock.timers.size, 0, 'no poll after the result');
  });

  it('skips the review when asked, but never in kiosk mode', async () => {
    const skipped = harness([incomeSuccess], { skipReview: true });
    await skipped.start();
    await skipped.clock.advance(1000);
    assert.deepEqual(skipped.phases(), ['disclosure', 'starting', 'consenting', 'done']);

    const kiosk = harness([incomeSuccess], { skipReview: true, mode: 'kiosk' });
    await kiosk.start();
    assert.deepEqual(kiosk.redirects, ['about:blank#launch'], 'kiosk is a full-page trip');
    assert.equal(kiosk.relay.started[0]!.mode, 'kiosk');
  });

  it('says the servers are down before the portal, with only the servers that are down', async () => {
    const t = harness([incomeSuccess]);
    t.relay.availabilityAnswer = jukiNetStopped;
    await t.flow.open();
    const state = t.flow.state;
    assert.equal(state.phase, 'unavailable');
    assert.deepEqual(state.phase === 'unavailable' && state.notice.servers.map((server) => server.id), ['juki-net']);
    assert.equal(t.relay.started.length, 0);
  });

  it('a blocked pop-up is an error with the way on: the same flow as a full-page trip', async () => {
    const t = harness([{ status: 'awaiting-consent' }]);
    t.blockPopup();
    await t.flow.open();
    t.flow.continue();
    assert.deepEqual(t.flow.state, { phase: 'error', code: 'popup-blocked', retryable: true, values: {} });
    t.flow.continueHere();
    await until(() => t.flow.state.phase !== 'starting');
    assert.equal(t.relay.started[0]!.mode, 'redirect');
    assert.deepEqual(t.redirects, ['about:blank#launch']);
    assert.equal(t.flow.state.phase, 'consenting');
  });

  it('a mapping that does not fit is a configuration error before the review, after the consent', async () => {
    const planFill = () => {
      throw new FormatError('mapping["x"] names "y"');
    };
    const t = harness([incomeSuccess], {}, undefined, { planFill });
    await t.start();
    await t.clock.advance(1000);
    assert.deepEqual(t.flow.state, {
      phase: 'error',
      code: 'config-invalid',
      retryable: false,
      values: { attribute: 'data-myna-format / mapping', reason: 'mapping["x"] names "y"' },
    });
    assert.deepEqual(t.consents, ['flow-1']);
  });

  it('maps the relay’s answers to outcomes: portal cancel, card locked, closed window, expiry, errors', async () => {
    const cases: [FlowResult[] | RelayError, Partial<FlowState>][] = [
      [[{ status: 'cancelled', step: 'portal' }], { phase: 'cancelled', step: 'portal' }],
      [[{ status: 'cancelled', step: 'card_locked' }], { phase: 'cancelled', step: 'card-locked' }],
      [[{ status: 'error', code: 'expired', retryable: true }], { phase: 'error', code: 'expired' }],
      [[{ status: 'error', code: 'portal-result-error', retryable: false }], { phase: 'error', code: 'portal-error' }],
      [new RelayError('flow-gone', 410), { phase: 'error', code: 'expired' }],
      [new RelayError('relay-unreachable', 0), { phase: 'error', code: 'relay-unreachable' }],
      [new RelayError('nope', 400), { phase: 'error', code: 'relay-rejected', values: { code: 'nope' } }],
    ];
    for (const [answer, expected] of cases) {
      const relay = new ScriptedRelay(answer instanceof RelayError ? [] : answer);
      if (answer instanceof RelayError) relay.flowResult = () => Promise.reject(answer);
      const t = harness([], {}, relay);
      await t.start();
      await t.clock.advance(1000);
      assert.deepEqual({ ...t.flow.state, ...expected }, t.flow.state, JSON.stringify(expected));
      assert.equal(t.outcomes().length, 1);
    }
  });

  it('treats a closed consent window while awaiting consent as a cancel at the portal', async () => {
    const t = harness([{ status: 'awaiting-consent' }]);
    await t.start();
    t.popup.closed = true;
    await t.clock.advance(1000);
    assert.deepEqual(t.flow.state, { phase: 'cancelled', step: 'portal-closed' });
    assert.deepEqual(t.relay.cancelled, ['flow-1']);
  });

  it('polls at once on the hand-off message, only from its own window, the relay’s origin and its flow', async () => {
    const t = harness([{ status: 'awaiting-consent' }]);
    const relay = new ScriptedRelay([{ status: 'awaiting-consent' }], {
      flowId: 'flow-1',
      launchUrl: 'https://relay.example/launch',
      expiresAt: '2099-01-01T00:00:00Z',
      consent: { service: 's', purpose: 'p', retainUntil: '2099-01-01' },
    });
    const m = harness([], {}, relay);
    await m.start();
    const data = { type: 'myna-fetch', flowId: 'flow-1' };
    m.flow.handleMessage({ origin: 'https://relay.example', source: {}, data });
    m.flow.handleMessage({ origin: 'https://attacker.example', source: m.popup, data });
    m.flow.handleMessage({ origin: 'https://relay.example', source: m.popup, data: { ...data, flowId: 'flow-2' } });
    m.flow.handleMessage({ origin: 'https://relay.example', source: m.popup, data: null });
    await m.clock.advance(0);
    assert.equal(m.relay.polls.length, 0);
    m.flow.handleMessage({ origin: 'https://relay.example', source: m.popup, data });
    await m.clock.advance(0);
    assert.equal(m.relay.polls.length, 1);
    assert.equal(t.relay.polls.length, 0);
  });

  it('resumes a redirect flow: consenting, then polls at once', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 0 }]);
    t.flow.resume({ id: 'flow-9', secret: 's', relayOrigin: 'https://relay.example' });
    assert.equal(t.flow.state.phase, 'consenting');
    await t.clock.advance(0);
    assert.deepEqual(t.relay.polls, [{ flowId: 'flow-9', secret: 's' }]);
    assert.equal(t.flow.state.phase, 'waiting');
    assert.deepEqual(t.consents, ['flow-9']);
  });
});

describe('FetchFlow timeout notice', () => {
  it('counts from the consent, not from the start: time at the portal does not bring it forward', async () => {
    const awaiting = { status: 'awaiting-consent' } as const;
    const t = harness([awaiting, awaiting, awaiting, { status: 'pending', elapsedMs: 0 }], { timeout: 1 });
    await t.start();
    await t.clock.advance(4000);
    const first = t.flow.state;
    assert.equal(first.phase === 'waiting' && first.timeoutNotice, 'none');
    assert.equal(first.phase === 'waiting' && first.elapsedSeconds, 0);
    await t.clock.advance(1000);
    const later = t.flow.state;
    assert.equal(later.phase === 'waiting' && later.timeoutNotice, 'shown');
    assert.equal(later.phase === 'waiting' && later.elapsedSeconds, 1);
  });

  it('takes the consent time from the relay’s elapsedMs, then this page’s clock', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 19_500 }], { timeout: 20 });
    await t.start();
    await t.clock.advance(1000);
    const first = t.flow.state;
    assert.deepEqual(first.phase === 'waiting' && [first.elapsedSeconds, first.timeoutNotice], [19, 'none']);
    await t.clock.advance(1000);
    const second = t.flow.state;
    assert.deepEqual(second.phase === 'waiting' && [second.elapsedSeconds, second.timeoutNotice], [20, 'shown']);
  });

  it('is shown once: put away with “keep waiting”, polling goes on and it does not come back', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 5000 }], { timeout: 1 });
    await t.start();
    await t.clock.advance(1000);
    t.flow.later();
    await t.clock.advance(3000);
    const state = t.flow.state;
    assert.equal(state.phase === 'waiting' && state.timeoutNotice, 'dismissed');
    assert.equal(t.states.filter((s) => s.phase === 'waiting' && s.timeoutNotice === 'shown').length, 1);
    assert.ok(t.relay.polls.length >= 4);
  });

  it('“email me” stops polling and sends the pending flow with the registration', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 5000 }], { timeout: 1 });
    await t.start();
    await t.clock.advance(1000);
    t.flow.emailMe();
    assert.equal(t.clock.timers.size, 0, 'no poll while the form is open');
    const polls = t.relay.polls.length;
    await t.flow.register({ email: 'taro@example.jp', emailConfirmation: 'taro@example.jp', lang: 'ja' }, 'key-1');
    assert.equal(t.relay.polls.length, polls);
    assert.deepEqual(t.flow.state, { phase: 'registered', registrationId: 'reg-key-1', reason: 'timeout' });
    assert.deepEqual(t.relay.registrations[0]!.request, {
      email: 'taro@example.jp',
      emailConfirmation: 'taro@example.jp',
      lang: 'ja',
      items: ['localTax.salaryRevenue'],
      query: { method: 'latest' },
      returnUrl: 'https://bank.example/loan',
      reason: 'timeout',
      flowId: 'flow-1',
      secret: t.relay.polls[0]!.secret,
    });
  });

  it('leaving the email form opened from the delay notice cancels the flow (step waiting); from the outage notice, back to idle', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 5000 }], { timeout: 1 });
    await t.start();
    await t.clock.advance(1000);
    t.flow.emailMe();
    t.flow.dismiss();
    assert.deepEqual(t.flow.state, { phase: 'cancelled', step: 'waiting' });
    assert.deepEqual(t.relay.cancelled, ['flow-1']);

    const u = harness([]);
    u.relay.availabilityAnswer = jukiNetStopped;
    await u.flow.open();
    u.flow.emailMe();
    assert.deepEqual(u.flow.state, { phase: 'fallback', reason: 'unavailable', flow: null });
    u.flow.dismiss();
    assert.deepEqual(u.flow.state, { phase: 'idle' });
    assert.deepEqual(u.relay.cancelled, []);
  });

  it('hands the relay’s refusal of the address back to the form, staying in the form', async () => {
    const t = harness([]);
    t.relay.availabilityAnswer = jukiNetStopped;
    t.relay.fallbackAnswer = new RelayError('email-invalid', 400, 'email');
    await t.flow.open();
    t.flow.emailMe();
    const refused = await t.flow.register({ email: 'x', emailConfirmation: 'x', lang: 'en' }, 'key');
    assert.equal(refused?.code, 'email-invalid');
    assert.equal(t.flow.state.phase, 'fallback');
  });
});

describe('FetchFlow stale answers (one AbortController per attempt)', () => {
  it('a start the user cancelled changes nothing when the relay answers late; the relay drops that flow, its window closes', async () => {
    const started = gate<null>();
    class SlowStart extends ScriptedRelay {
      override async startFlow(request: StartFlowRequest): Promise<FlowStarted> {
        await started.promise;
        return super.startFlow(request);
      }
    }
    const t = harness([], {}, new SlowStart([{ status: 'pending', elapsedMs: 0 }]));
    await t.flow.open();
    t.flow.continue();
    await settle();
    assert.equal(t.flow.state.phase, 'starting');
    t.flow.cancel();
    started.open(null);
    await until(() => t.relay.cancelled.length > 0);
    assert.deepEqual(t.flow.state, { phase: 'cancelled', step: 'consenting' });
    assert.deepEqual(t.relay.cancelled, ['flow-1']);
    assert.equal(t.popup.closed, true);
    assert.deepEqual(t.popup.visited, [], 'never sent to the portal');
    await t.clock.advance(5000);
    assert.equal(t.relay.polls.length, 0);
    assert.equal(t.outcomes().length, 1);
  });

  it('a poll in flight when the user cancels: its answer changes nothing and no timer is left', async () => {
    const answer = gate<FlowResult>();
    const relay = new ScriptedRelay([]);
    relay.flowResult = () => answer.promise;
    const t = harness([], {}, relay);
    await t.start();
    await t.clock.advance(1000);
    t.flow.cancel();
    answer.open(incomeSuccess);
    await settle();
    assert.deepEqual(t.flow.state, { phase: 'cancelled', step: 'consenting' });
    assert.equal(t.clock.timers.size, 0);
    assert.deepEqual(t.consents, []);
    assert.equal(t.outcomes().length, 1);
  });

  it('a disclosure superseded by a second press answers into nothing; the second one is shown', async () => {
    const first = gate<null>();
    let calls = 0;
    class SlowFirst extends ScriptedRelay {
      override async availability() {
        if (calls++ === 0) await first.promise;
        return jukiNetStopped;
      }
    }
    const t = harness([], {}, new SlowFirst([]));
    const opening = t.flow.open();
    t.flow.cancel();
    t.flow.open();
    await settle();
    assert.equal(t.flow.state.phase, 'unavailable');
    const count = t.states.length;
    first.open(null);
    await opening;
    assert.equal(t.states.length, count, 'the first answer changed nothing');
  });

  it('stop() (the element left the page) stops polling but keeps the flow and its window; reconnect() polls again at once', async () => {
    const t = harness([{ status: 'awaiting-consent' }, incomeSuccess]);
    await t.start();
    t.flow.stop();
    assert.equal(t.clock.timers.size, 0);
    await t.clock.advance(5000);
    assert.equal(t.relay.polls.length, 0);
    assert.equal(t.flow.state.phase, 'consenting');
    assert.equal(t.popup.closed, false, 'a move in the DOM does not close the consent window');
    t.flow.reconnect();
    await t.clock.advance(0);
    assert.equal(t.relay.polls.length, 1);
    await t.clock.advance(1000);
    assert.equal(t.flow.state.phase, 'review');
    assert.equal(t.outcomes().length, 0);
  });

  it('one result request at a time: the hand-off note while a poll is in flight asks again right after it, never beside it', async () => {
    const answers: ReturnType<typeof gate<FlowResult>>[] = [];
    class GatedRelay extends ScriptedRelay {
      override async flowResult(flowId: string, secret: string): Promise<FlowResult> {
        this.polls.push({ flowId, secret });
        const answer = gate<FlowResult>();
        answers.push(answer);
        return answer.promise;
      }
    }
    const relay = new GatedRelay([], {
      flowId: 'flow-1',
      launchUrl: 'https://relay.example/launch',
      expiresAt: '2099-01-01T00:00:00Z',
      consent: { service: 's', purpose: 'p', retainUntil: '2099-01-01' },
    });
    const t = harness([], {}, relay);
    await t.start();
    await t.clock.advance(1000);
    assert.equal(relay.polls.length, 1, 'the timer’s poll is in flight');
    t.flow.handleMessage({ origin: 'https://relay.example', source: t.popup, data: { type: 'myna-fetch', flowId: 'flow-1' } });
    await t.clock.advance(0);
    assert.equal(relay.polls.length, 1, 'no second request beside the first');
    answers[0]!.open({ status: 'pending', elapsedMs: 0 });
    await settle();
    await t.clock.advance(0);
    assert.equal(t.flow.state.phase, 'waiting');
    assert.equal(relay.polls.length, 2, 'asked again at once, as the note wanted');
    // An answer that still says "awaiting consent" after consent was seen cancels nothing, closed window or not.
    t.popup.closed = true;
    answers[1]!.open({ status: 'awaiting-consent' });
    await settle();
    await t.clock.advance(0);
    assert.equal(t.flow.state.phase, 'waiting');
    assert.deepEqual(relay.cancelled, []);
    await t.clock.advance(1000);
    answers[2]!.open(incomeSuccess);
    await settle();
    await t.clock.advance(0);
    assert.equal(t.flow.state.phase, 'review');
    assert.equal(t.outcomes().length, 0);
  });

  it('a registration the user walked away from does not register the outcome a second time', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 5000 }], { timeout: 1 });
    t.relay.fallbackAnswer = { delayMs: 20 };
    await t.start();
    await t.clock.advance(1000);
    t.flow.emailMe();
    const registering = t.flow.register({ email: 'a@b.jp', emailConfirmation: 'a@b.jp', lang: 'ja' }, 'k');
    t.flow.dismiss();
    await registering;
    assert.deepEqual(t.flow.state, { phase: 'cancelled', step: 'waiting' });
    assert.equal(t.outcomes().length, 1);
  });

  it('every attempt ends in exactly one terminal outcome, whatever the user presses after it', async () => {
    type Harness = ReturnType<typeof harness>;
    const cases: [FlowResult, (t: Harness) => void][] = [
      [incomeSuccess, (t) => t.flow.fill()],
      [incomeSuccess, (t) => t.flow.cancel('review')],
      [{ status: 'unavailable', nextAvailableAt: null, servers: [] }, () => undefined],
      [{ status: 'pending', elapsedMs: 0 }, (t) => t.flow.cancel()],
      [{ status: 'error', code: 'relay-error', retryable: false }, () => undefined],
    ];
    for (const [result, act] of cases) {
      const t = harness([result]);
      await t.start();
      await t.clock.advance(1000);
      act(t);
      t.flow.fill();
      t.flow.cancel();
      t.flow.cancel('review');
      await t.clock.advance(5000);
      assert.equal(t.outcomes().length, 1, JSON.stringify(t.phases()));
    }
  });
});

describe('FetchFlow bound to a provider session', () => {
  const bound = { session: SESSION_TOKEN, items: [], purpose: 'ignored-by-a-session' };

  it('asks the disclosure with the client token only, then the servers for the session’s items', async () => {
    const t = harness([], bound);
    await t.flow.open();
    assert.deepEqual(t.relay.disclosures, [{ session: SESSION_TOKEN }]);
    assert.deepEqual(t.relay.availabilityAsked, [['localTax.salaryRevenue']]);
    assert.deepEqual(t.flow.state, { phase: 'disclosure', disclosure: incomeSession });
    assert.deepEqual(t.flow.fetching, { items: ['localTax.salaryRevenue'], query: { method: 'latest' } }, 'what 「直接入力する」 and the email form go by');
  });

  it('starts a bound flow with { session, mode, returnUrl, secretHash } and nothing the session decides', async () => {
    const t = harness([boundIncomeSuccess], bound);
    await t.start();
    const [request] = t.relay.started;
    assert.deepEqual(Object.keys(request!).sort(), ['mode', 'returnUrl', 'secretHash', 'session']);
    assert.equal(request!.session, SESSION_TOKEN);
  });

  it('starts an unbound flow with items, query and the purpose id, and no session', async () => {
    const t = harness([incomeSuccess], { purpose: 'mortgage-prescreen' });
    await t.start();
    assert.deepEqual(t.relay.disclosures, [{ items: ['localTax.salaryRevenue'], purpose: 'mortgage-prescreen' }]);
    const [request] = t.relay.started;
    assert.deepEqual(Object.keys(request!).sort(), ['items', 'mode', 'purpose', 'query', 'returnUrl', 'secretHash']);
    assert.equal(request!.purpose, 'mortgage-prescreen');
    const plain = harness([incomeSuccess]);
    await plain.start();
    assert.equal('purpose' in plain.relay.started[0]!, false, 'no purpose id: the relay’s default');
  });

  it('fills with the session id of a bound flow (undefined unbound), and the success event carries it with provenance', async () => {
    const fills: (string | undefined)[] = [];
    const applyFill = (_plan: FillPlan<RelayValue>, sessionId: string | undefined) => (fills.push(sessionId), { annualIncome: '567', note: 'x' });
    const t = harness([boundIncomeSuccess], { ...bound, skipReview: true }, undefined, { applyFill });
    await t.start();
    await t.clock.advance(1000);
    const done = t.flow.state;
    assert.equal(done.phase, 'done');
    const event = outcomeEvent(done, { phase: 'consenting', flow: { id: 'flow-1', secret: 's', relayOrigin: 'x', window: null } }, '') as Event & {
      detail: { sessionId: string | null; provenance: Record<string, string>; fields: Record<string, string> };
    };
    assert.equal(event.detail.sessionId, incomeSession.sessionId);
    assert.deepEqual(event.detail.provenance, { annualIncome: 'verified', note: 'verified' });

    const u = harness([incomeSuccess], { skipReview: true }, undefined, { applyFill });
    await u.start();
    await u.clock.advance(1000);
    const plain = outcomeEvent(u.flow.state, { phase: 'starting' }, '') as Event & { detail: { sessionId: string | null; provenance: Record<string, string> } };
    assert.equal(plain.detail.sessionId, null);
    assert.deepEqual(plain.detail.provenance, { annualIncome: 'unverified', note: 'unverified' });
    assert.deepEqual(fills, [incomeSession.sessionId, undefined]);
  });

  it('registers the email fallback with the session’s items and query, not the element’s', async () => {
    const t = harness([{ status: 'pending', elapsedMs: 5000 }], { ...bound, items: ['household'], timeout: 1 });
    await t.start();
    await t.clock.advance(1000);
    t.flow.emailMe();
    await t.flow.register({ email: 'taro@example.jp', emailConfirmation: 'taro@example.jp', lang: 'ja' }, 'key-1');
    const { request } = t.relay.registrations[0]!;
    assert.deepEqual([request.items, request.query], [['localTax.salaryRevenue'], { method: 'latest' }]);

    // From the outage notice before the portal, too.
    const down = harness([], bound);
    down.relay.availabilityAnswer = jukiNetStopped;
    await down.flow.open();
    assert.equal(down.flow.state.phase, 'unavailable');
    down.flow.emailMe();
    await down.flow.register({ email: 'taro@example.jp', emailConfirmation: 'taro@example.jp', lang: 'ja' }, 'key-2');
    assert.deepEqual(down.relay.registrations[0]!.request.items, ['localTax.salaryRevenue']);
  });

  it('maps the session problems, the purpose refusals and subject-mismatch to their own outcomes, never retryable', async () => {
    const disclosureCases: [RelayError, Partial<FlowState>][] = [
      [new RelayError('session-token-invalid', 403), { phase: 'error', code: 'session-token-invalid', retryable: false }],
      [new RelayError('session-expired', 410), { phase: 'error', code: 'session-expired', retryable: false }],
      [new RelayError('session-closed', 409), { phase: 'error', code: 'session-closed', retryable: false }],
      [new RelayError('purpose-not-allowed', 403), { phase: 'error', code: 'purpose-not-allowed', retryable: false }],
      [
        new RelayError('unknown-purpose', 400, 'purpose', undefined, 'allowed purpose ids: mortgage-prescreen, benefit'),
        { phase: 'error', code: 'config-invalid', values: { attribute: 'purpose', reason: 'allowed purpose ids: mortgage-prescreen, benefit' } },
      ],
    ];
    for (const [refusal, expected] of disclosureCases) {
      const t = harness([], bound);
      t.relay.disclosureAnswer = refusal;
      await t.flow.open();
      assert.deepEqual({ ...t.flow.state, ...expected }, t.flow.state, refusal.code);
      assert.equal(t.outcomes().length, 1);
    }
    // A poll answered 410 session-expired is the session's end, not the flow's `expired` (which invites a retry).
    const relay = new ScriptedRelay([]);
    relay.flowResult = () => Promise.reject(new RelayError('session-expired', 410));
    const polled = harness([], bound, relay);
    await polled.start();
    await polled.clock.advance(1000);
    assert.deepEqual(polled.flow.state, { phase: 'error', code: 'session-expired', retryable: false, values: {} });
    const mismatch = harness([{ status: 'error', code: 'subject-mismatch', retryable: false }], bound);
    await mismatch.start();
    await mismatch.clock.advance(1000);
    assert.deepEqual(mismatch.flow.state, { phase: 'error', code: 'subject-mismatch', retryable: false, values: {} });
    assert.equal(mismatch.clock.timers.size, 0, 'no retry loop');
  });

  it('says what happened in both languages; subject-mismatch never says which attribute differed', () => {
    for (const lang of ['ja', 'en'] as const) {
      const messages = messagesFor(lang);
      for (const code of ['subject-mismatch', 'session-token-invalid', 'session-expired', 'session-closed', 'purpose-not-allowed'] as const) {
        const text = statusText({ phase: 'error', code, retryable: false, values: {} }, messages);
        assert.ok(text.length > 10 && !text.includes('{'), `${lang} ${code}: ${text}`);
      }
      const mismatch = statusText({ phase: 'error', code: 'subject-mismatch', retryable: false, values: {} }, messages);
      assert.doesNotMatch(mismatch, /name|birth|氏名|生年月日|カナ|kana/i);
    }
    assert.match(statusText({ phase: 'error', code: 'subject-mismatch', retryable: false, values: {} }, messagesFor('ja')), /一致しない.*受け取っていません.*直接入力/);
  });
});

describe('configProblem: purpose ids and bound buttons', () => {
  const settings = { relay: 'https://relay.example', session: '', items: ['localTax'], purpose: '', query: { method: 'latest' } as const, mode: 'popup', timeout: 20 };

  it('takes a purpose id of the relay’s table, and names the attribute of anything else', () => {
    assert.equal(configProblem({ ...settings, purpose: 'mortgage-prescreen' }), null);
    for (const purpose of ['住宅ローンの事前審査', 'Mortgage', '-x', 'a'.repeat(65)]) {
      assert.deepEqual(configProblem({ ...settings, purpose })?.[1].attribute, 'purpose', purpose);
    }
  });

  it('a bound button needs no items, and its own purpose and query are not checked (the session decides)', () => {
    const bound = { ...settings, session: SESSION_TOKEN, items: [], purpose: 'Free text', query: { attribute: 'at', reason: 'x' } };
    assert.equal(configProblem(bound), null);
    assert.deepEqual(configProblem({ ...bound, relay: '' }), ['config-missing-relay', {}]);
  });
});

describe('what the element makes of the states (flow-presentation)', () => {
  const flow = { id: 'flow-1', secret: 's', relayOrigin: 'https://relay.example', window: null };
  const waiting = (timeoutNotice: 'none' | 'shown' | 'dismissed'): FlowState => ({ phase: 'waiting', flow, consentedAt: 0, elapsedSeconds: 1, timeoutNotice });

  it('announces the delay notice once: when it is shown, not on the polls after it', () => {
    const type = (next: FlowState, previous: FlowState) => outcomeEvent(next, previous, '')?.type ?? null;
    assert.equal(type(waiting('shown'), waiting('none')), 'myna-fetch-unavailable');
    assert.equal(type(waiting('shown'), { phase: 'consenting', flow }), 'myna-fetch-unavailable');
    assert.equal(type(waiting('shown'), waiting('shown')), null);
    assert.equal(type(waiting('dismissed'), waiting('shown')), null);
    assert.equal(type(waiting('none'), { phase: 'consenting', flow }), null);
  });

  it('gives each outcome its event and the status line its message', () => {
    const messages = messagesFor('en');
    const error: FlowState = { phase: 'error', code: 'relay-rejected', retryable: false, values: { code: 'nope' } };
    const message = statusText(error, messages);
    assert.equal(message, 'The relay server refused the request (nope).');
    const event = outcomeEvent(error, { phase: 'starting' }, message) as Event & { detail: unknown };
    assert.deepEqual([event.type, event.detail], ['myna-fetch-error', { code: 'relay-rejected', message, retryable: false }]);
    assert.equal(statusText({ phase: 'cancelled', step: 'review' }, messages), messages.discarded);
    assert.equal(statusText({ phase: 'cancelled', step: 'card-locked' }, messages), messages.cardLocked);
    assert.equal(statusText(waiting('shown'), messages), messages.timeoutNotice);
    assert.equal(statusText(waiting('dismissed'), messages), messages.waiting);
    assert.equal(statusText({ phase: 'idle' }, messages), '');
  });
});

/**
 * Every attribute of <myna-fetch-button> and <myna-fetch-config>, fuzzed with fast-check: whatever
 * the host page writes, pressing the button either starts (one `myna-fetch-start`) or shows the one
 * configuration error an independent reading of the attributes predicts — never a dead button, a
 * thrown error or a misleading "relay unreachable".
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { LitElement } from 'lit';
import { MynaFetchButton, type MynaFetchErrorEvent, type MynaFetchStartEvent } from '../../src/widget/index.js';

type Attributes = Partial<Record<string, string>>;

const BUTTON_ATTRIBUTES = ['relay', 'items', 'purpose', 'mode', 'query', 'at', 'from', 'to', 'timeout', 'skip-review', 'disabled', 'lang'];
const CONFIG_ATTRIBUTES = ['relay', 'mode', 'timeout', 'purpose', 'lang'];

/** Absent, a valid value, a near miss, or anything at all. */
const attribute = (valid: readonly string[], nearMisses: readonly string[]) =>
  fc.option(fc.oneof(fc.constantFrom(...valid), fc.constantFrom(...nearMisses), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 12 })), {
    nil: undefined,
  });

const DATES = ['2025-06-01', '2024-02-29', '2026-12-31'];
const NOT_DATES = ['2025-02-29', '2025-13-01', '2025-6-1', '20250601', ' 2025-06-01', '2025-06-01T00:00'];

const arbitraries: Record<string, fc.Arbitrary<string | undefined>> = {
  relay: attribute(['http://127.0.0.1:9', 'https://relay.example.jp'], ['relay.example.jp', '/relay', 'ftp://relay.example.jp', 'javascript:alert(1)', ' ', 'https://']),
  items: attribute(['localTax.salaryRevenue', 'localTax', 'household,localTax.taxYear', ' localTax , '], [',', ' , ,', '']),
  purpose: attribute(['mortgage-prescreen', 'benefit.2026', 'a'], ['住宅ローンの事前審査', 'Mortgage', '-mortgage', '<script>alert(1)</script>', '']),
  mode: attribute(['popup', 'redirect', 'kiosk'], ['Popup', 'iframe', ' popup', '']),
  query: attribute(['latest', 'at', 'range'], ['Latest', 'all', ' at', '']),
  at: attribute(DATES, NOT_DATES),
  from: attribute(DATES, NOT_DATES),
  to: attribute(DATES, NOT_DATES),
  timeout: attribute(['20', '1', '600', '5.5'], ['0', '-1', '601', 'abc', '', 'Infinity', '1e3']),
  'skip-review': attribute([''], ['false']),
  disabled: attribute([''], ['false']),
  lang: attribute(['ja', 'en', 'en-GB', 'EN'], ['fr', '', 'e']),
};

const attributesOf = (names: readonly string[]) => fc.record(Object.fromEntries(names.map((name) => [name, arbitraries[name]!])), { requiredKeys: [] });

/** A calendar date in YYYY-MM-DD, read without the element's own helper. */
function isDate(value: string | undefined): value is string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type Expected = { start: string[] } | { code: 'config-missing-relay' | 'config-missing-items' } | { code: 'config-invalid'; attribute: string };

/** What the element must do on a click, from the attributes alone (the button's own win over the config's). */
function expectedOutcome(button: Attributes, config: Attributes): Expected {
  const relay = button.relay || config.relay;
  const items = (button.items ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (!relay) return { code: 'config-missing-relay' };
  if (items.length === 0) return { code: 'config-missing-items' };
  const query = button.query || 'latest';
  if (query === 'at' && !isDate(button.at)) return { code: 'config-invalid', attribute: 'at' };
  if (query === 'range') {
    if (!isDate(button.from)) return { code: 'config-invalid', attribute: 'from' };
    if (!isDate(button.to)) return { code: 'config-invalid', attribute: 'to' };
    if (button.from > button.to) return { code: 'config-invalid', attribute: 'from' };
  }
  if (!['latest', 'at', 'range'].includes(query)) return { code: 'config-invalid', attribute: 'query' };
  if (!['popup', 'redirect', 'kiosk'].includes(button.mode || config.mode || 'popup')) return { code: 'config-invalid', attribute: 'mode' };
  const timeoutText = button.timeout ?? config.timeout;
  const timeout = timeoutText === undefined ? 20 : Number(timeoutText);
  if (!(timeout > 0 && timeout <= 600)) return { code: 'config-invalid', attribute: 'timeout' };
  if (!URL.canParse(relay) || !['http:', 'https:'].includes(new URL(relay).protocol)) return { code: 'config-invalid', attribute: 'relay' };
  // An id of the relay's purpose table: lower case, digits, `.`, `_`, `-`, at most 64.
  const purpose = button.purpose || config.purpose;
  if (purpose && !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(purpose)) return { code: 'config-invalid', attribute: 'purpose' };
  return { start: items };
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
}

interface Observed {
  starts: MynaFetchStartEvent[];
  errors: MynaFetchErrorEvent[];
  consoleErrors: unknown[][];
  pageErrors: unknown[];
}

/** Builds the markup a host page would, presses the button, and records everything that came out. */
async function press(button: Attributes, config: Attributes | null): Promise<{ el: MynaFetchButton; observed: Observed; cleanup: () => void }> {
  const observed: Observed = { starts: [], errors: [], consoleErrors: [], pageErrors: [] };
  const consoleError = console.error;
  console.error = (...args: unknown[]) => void observed.consoleErrors.push(args);
  const onPageError = (event: ErrorEvent | PromiseRejectionEvent) => void observed.pageErrors.push('reason' in event ? event.reason : event.error);
  window.addEventListener('error', onPageError);
  window.addEventListener('unhandledrejection', onPageError);

  const el = document.createElement('myna-fetch-button');
  setAttributes(el, button);
  let root: Element = el;
  if (config) {
    root = document.createElement('myna-fetch-config');
    setAttributes(root, config);
    root.append(el);
  }
  document.body.append(root);
  if (root !== el) await (root as LitElement).updateComplete;
  await el.updateComplete;
  el.addEventListener('myna-fetch-start', (event) => {
    event.preventDefault(); // the host's veto: nothing reaches the network
    observed.starts.push(event);
  });
  el.addEventListener('myna-fetch-error', (event) => void observed.errors.push(event));
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
  await el.updateComplete;
  // Anything asynchronous the click set off (there should be nothing) gets a turn.
  await new Promise((resolve) => setTimeout(resolve, 0));

  const cleanup = () => {
    console.error = consoleError;
    window.removeEventListener('error', onPageError);
    window.removeEventListener('unhandledrejection', onPageError);
    root.remove();
  };
  return { el, observed, cleanup };
}

async function checkOutcome(button: Attributes, config: Attributes | null): Promise<void> {
  const { el, observed, cleanup } = await press(button, config);
  try {
    expect(observed.pageErrors, 'no uncaught error').to.deep.equal([]);
    const label = el.shadowRoot!.querySelector('button[part="button"]')!.textContent!.trim();
    const lang = (button.lang ?? config?.lang ?? document.documentElement.lang).toLowerCase().startsWith('en') ? 'en' : 'ja';
    expect(label, 'the button is labelled in the expected language').to.match(lang === 'en' ? /Mynaportal/ : /マイナポータル/);

    if (button.disabled !== undefined) {
      expect(observed.starts.length + observed.errors.length, 'a disabled button does nothing').to.equal(0);
      return;
    }
    const expected = expectedOutcome(button, config ?? {});
    if ('start' in expected) {
      expect(observed.errors.map((event) => event.detail), 'no error').to.deep.equal([]);
      expect(observed.starts).to.have.length(1);
      expect(observed.starts[0]!.detail.items).to.deep.equal(expected.start);
      expect(el.matches(':state(idle)'), 'vetoed: still idle').to.equal(true);
      return;
    }
    expect(observed.starts).to.have.length(0);
    expect(observed.errors).to.have.length(1);
    const { code, message, retryable } = observed.errors[0]!.detail;
    expect(code).to.equal(expected.code);
    expect(retryable).to.equal(false);
    if (expected.code === 'config-invalid') expect(message, 'names the attribute').to.contain(` ${expected.attribute} `);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(message);
    expect(el.matches(':state(error)')).to.equal(true);
    expect(observed.consoleErrors).to.have.length(1);
    expect(String(observed.consoleErrors[0]![0])).to.contain(message);
  } finally {
    cleanup();
  }
}

describe('<myna-fetch-button> attributes (fast-check)', () => {
  before(() => expect(customElements.get('myna-fetch-button')).to.equal(MynaFetchButton));

  it('starts, or names the one attribute that is wrong, whatever the button’s attributes', async () => {
    await fc.assert(
      fc.asyncProperty(attributesOf(BUTTON_ATTRIBUTES), (button) => checkOutcome(button, null)),
      { numRuns: 300 },
    );
  });

  it('does the same with settings from <myna-fetch-config>, the button’s own attributes winning', async () => {
    await fc.assert(
      fc.asyncProperty(attributesOf(BUTTON_ATTRIBUTES), attributesOf(CONFIG_ATTRIBUTES), (button, config) => checkOutcome(button, config)),
      { numRuns: 200 },
    );
  });

  it('names `relay` for a base that is not an http(s) URL, instead of reporting an unreachable relay', async () => {
    for (const relay of ['relay.example.jp', '/relay', 'ftp://relay.example.jp', 'javascript:alert(1)']) {
      await checkOutcome({ relay, items: 'localTax' }, null);
    }
  });

  it('names `timeout` when it is not a number of seconds, instead of never showing the delay notice', async () => {
    for (const timeout of ['abc', '0', '-5', '', '601']) await checkOutcome({ relay: 'https://relay.example.jp', items: 'localTax', timeout }, null);
    await checkOutcome({ relay: 'https://relay.example.jp', items: 'localTax' }, { timeout: 'soon' });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jsonLogger } from '../../../src/server/index.js';
import {
  consentAndAuthenticate,
  handOffMessage,
  openConsentScreen,
  pollResult,
  startFlow,
  startHarness,
  ScriptedBrowser,
  type Harness,
} from '../../support/harness.js';
import { fallbackBody, widgetHeaders } from '../../support/fixtures.js';

const TARO = { persona: 'yamada-taro', pin: '1234' };
/** The persona's values and name as the sandbox holds them (src/dev/sandbox/personas.ts). */
const PERSONA_VALUES = ['5670000', '5,670,000', '山田', '太郎', 'Taro Yamada'];
const EMAIL = 'log-check.hanako@example.org';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('relay logs carry no personal data or secrets (full flow + fallback over HTTP)', () => {
  const lines: string[] = [];
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ log: jsonLogger((line) => lines.push(line)) });
  });
  after(() => harness.close());

  it('logs JSON lines with request ids, and none holds a value, name, email, secret, code, state or token', async () => {
    const tokens: string[] = [];
    harness.interceptPortal(async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/token') && response.ok) {
        const body = (await response.clone().json()) as { access_token: string; refresh_token?: string };
        tokens.push(body.access_token, ...(body.refresh_token === undefined ? [] : [body.refresh_token]));
      }
      return response;
    });

    const startupLines = lines.length;
    const browser = new ScriptedBrowser();
    const flow = await startFlow(harness);
    const screens = await openConsentScreen(browser, harness, flow);
    const callbackUrl = new URL(await consentAndAuthenticate(browser, harness, screens, TARO));
    const code = callbackUrl.searchParams.get('code') ?? '';
    const state = callbackUrl.searchParams.get('state') ?? '';
    assert.ok(code.length > 0 && state.length > 0, callbackUrl.href);
    const bindingCookie = browser.cookie(harness.relayOrigin, '__Host-myna-flow') ?? '';
    const callback = await browser.request(callbackUrl.href);
    assert.equal((await handOffMessage(callback)).outcome, 'consented');

    const { status, body } = await pollResult(harness, flow);
    harness.interceptPortal(null);
    assert.equal(status, 200);
    assert.equal(body['status'], 'success');
    assert.match(JSON.stringify(body), /5670000/, 'the flow really carried the persona\'s value');
    assert.ok(tokens.length > 0, 'an access token was issued');

    const registration = await fetch(`${harness.relayOrigin}/v1/fallback`, {
      method: 'POST',
      headers: { ...widgetHeaders(), 'Idempotency-Key': 'log-check-1' },
      body: JSON.stringify(fallbackBody({ email: EMAIL, emailConfirmation: EMAIL })),
    });
    assert.equal(registration.status, 202, await registration.clone().text());

    assert.ok(lines.length > 0, 'the relay logged something');
    const parsed = lines.map((line) => {
      assert.ok(!line.includes('\n'), 'one event per line');
      return JSON.parse(line) as Record<string, unknown>;
    });
    for (const entry of parsed) {
      assert.match(String(entry['time']), /^\d{4}-\d{2}-\d{2}T/, JSON.stringify(entry));
      assert.ok(['debug', 'info', 'warn', 'error'].includes(String(entry['level'])), JSON.stringify(entry));
      assert.equal(typeof entry['msg'], 'string');
    }
    // Every event during the exchanges belongs to a request (the mail worker, in the background, has its own ids).
    for (const entry of parsed.slice(startupLines).filter((line) => !String(line['msg']).startsWith('fallback mail'))) {
      assert.match(String(entry['requestId']), UUID, JSON.stringify(entry));
    }
    const requests = parsed.filter((entry) => entry['msg'] === 'request');
    assert.ok(requests.length >= 5, `one line per request (got ${requests.length})`);
    for (const entry of requests) {
      assert.match(String(entry['requestId']), UUID, JSON.stringify(entry));
      assert.equal(typeof entry['route'], 'string');
    }
    const routes = new Set(requests.map((entry) => entry['route']));
    for (const route of ['/v1/flows', '/v1/fallback']) assert.ok(routes.has(route), `${route} was logged: ${[...routes].join(', ')}`);

    const log = lines.join('\n');
    const secrets: [string, string][] = [
      ...PERSONA_VALUES.map((value): [string, string] => ['persona value', value]),
      ['email', EMAIL],
      ['email local part', 'log-check.hanako'],
      ['flow secret', flow.secret],
      ['authorization code', code],
      ['state', state],
      ['binding cookie', bindingCookie],
      ...tokens.map((token): [string, string] => ['access token', token]),
    ];
    for (const [what, secret] of secrets) {
      if (secret === '') continue;
      assert.ok(!log.includes(secret), `the log must not contain the ${what}`);
    }
    for (const entry of requests) assert.ok(!String(entry['route']).includes('?'), 'routes, never URLs with a query');
  });
});

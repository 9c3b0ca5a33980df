/**
 * The Hono recipe of docs/server-sdk.md: a bank's loan form whose backend creates the session and
 * redeems the verified result. The doc shows the region verbatim; hono-recipe.test.ts runs it.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { MynaRelayError, createMynaRelayClient } from '../../../src/server-sdk/index.js';

// #region hono-provider
const relayUrl = process.env['MYNA_RELAY_URL']!; // e.g. https://relay.bank.example
const relay = createMynaRelayClient({
  relayUrl,
  apiKey: process.env['MYNA_API_KEY']!, // server side only: never in a page
  clientId: 'bank-web', // this backend's id in the relay's RELAY_CLIENTS
});

/** Your application store: the session id stays on the server, beside the application. */
const applications = new Map<string, { sessionId: string }>();

export const app = new Hono();

app.get('/loan/:applicationId', async (c) => {
  const applicationId = c.req.param('applicationId');
  const { sessionId, clientToken } = await relay.createSession({
    items: ['localTax.salaryRevenue'],
    purpose: 'mortgage-prescreen',
    reference: applicationId,
  });
  applications.set(applicationId, { sessionId });
  return c.html(html`<form method="post">
  <myna-fetch-button relay="${relayUrl}" session="${clientToken}"></myna-fetch-button>
  <label>年収（万円）<input name="annualIncome" data-myna-field="localTax.salaryRevenue" data-myna-format="man-yen"></label>
  <button>送信</button>
</form>`);
});

app.post('/loan/:applicationId', async (c) => {
  const application = applications.get(c.req.param('applicationId'));
  const form = await c.req.parseBody();
  const typedYen = Number(form['annualIncome']) * 10_000;
  const submittedSession = form['myna_session_id'];
  // Typed by hand (no retrieval, or the citizen chose manual entry): keep it, unverified.
  if (submittedSession === undefined || submittedSession === '') return c.json({ annualIncomeYen: typedYen, verified: false });
  // The page only carries the id: accept no session but the one this application created.
  if (application === undefined || submittedSession !== application.sessionId) return c.text('unknown session', 400);
  try {
    const result = await relay.getResult(application.sessionId);
    const income = result.value('localTax.salaryRevenue');
    // What the form says against what the relay signed: a difference means the field was edited.
    const verified = income?.status === 'present' && income.value === typedYen;
    // Store what you need (you may keep it until result.claims.retain_until), then purge the relay's copy.
    await relay.deleteSession(application.sessionId);
    return c.json({ annualIncomeYen: typedYen, verified, subject: result.claims.sub });
  } catch (error) {
    if (error instanceof MynaRelayError && error.retryable) return c.text('still fetching: submit again in a moment', 503);
    throw error; // MynaResultVerificationError: never trust this result
  }
});
// #endregion hono-provider

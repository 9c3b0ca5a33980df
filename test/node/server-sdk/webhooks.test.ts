import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { webhookSignature } from '../../../src/server/webhooks/signature.js';
import { MynaWebhookError, verifyWebhook, type WebhookEvent, type WebhookFailureCode } from '../../../src/server-sdk/index.js';

const OLD_SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCD';
const NEW_SECRET = 'whsec_ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlk';
const T = 1_796_000_000;
const NOW = () => T * 1000;

const EVENT: WebhookEvent = {
  id: 'evt_0123456789abcdefghijkl',
  type: 'session.completed',
  created: '2026-12-03T10:00:00.000Z',
  sequence: 2,
  data: { sessionId: 'ses_3kq9X2abc', reference: 'loan-2026-0042', status: 'completed' },
};
const BODY = JSON.stringify(EVENT);

function rejects(call: () => unknown, code: WebhookFailureCode): void {
  assert.throws(call, (error: unknown) => {
    assert.ok(error instanceof MynaWebhookError, `expected a MynaWebhookError, got ${String(error)}`);
    assert.equal(error.name, 'MynaWebhookError');
    assert.equal(error.code, code);
    return true;
  });
}

describe('server SDK: verifyWebhook against the relay’s webhookSignature', () => {
  it('verifies a signed delivery and returns the event', () => {
    const signature = webhookSignature([OLD_SECRET], T, BODY);
    assert.match(signature, /^t=1796000000,v1=[0-9a-f]{64}$/);
    assert.deepEqual(verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: NOW }), EVENT);
  });

  it('signs with every secret while rotating: the old or the new one alone verifies', () => {
    const signature = webhookSignature([NEW_SECRET, OLD_SECRET], T, BODY);
    assert.equal(signature.split(',v1=').length, 3);
    assert.deepEqual(verifyWebhook({ body: BODY, signature, secrets: [OLD_SECRET], now: NOW }), EVENT);
    assert.deepEqual(verifyWebhook({ body: BODY, signature, secrets: NEW_SECRET, now: NOW }), EVENT);
    // And a receiver holding both while it rotates, against a relay still signing with one.
    assert.deepEqual(verifyWebhook({ body: BODY, signature: webhookSignature([OLD_SECRET], T, BODY), secrets: [NEW_SECRET, OLD_SECRET], now: NOW }), EVENT);
    rejects(() => verifyWebhook({ body: BODY, signature, secrets: 'whsec_anotherclientsecretanotherclientsecret', now: NOW }), 'signature-mismatch');
  });

  it('refuses a body changed by one byte', () => {
    const signature = webhookSignature([OLD_SECRET], T, BODY);
    const changed = BODY.replace('"sequence":2', '"sequence":3');
    assert.equal(changed.length, BODY.length);
    rejects(() => verifyWebhook({ body: changed, signature, secrets: OLD_SECRET, now: NOW }), 'signature-mismatch');
  });

  it('refuses the same event re-serialised with other spacing (the raw body is what is signed)', () => {
    const signature = webhookSignature([OLD_SECRET], T, BODY);
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
    assert.deepEqual(JSON.parse(reserialised), EVENT);
    rejects(() => verifyWebhook({ body: reserialised, signature, secrets: OLD_SECRET, now: NOW }), 'signature-mismatch');
  });

  it('refuses a t outside the tolerance either way, and accepts one exactly at it', () => {
    for (const toleranceSeconds of [undefined, 60]) {
      const tolerance = toleranceSeconds ?? 300;
      for (const offset of [-tolerance - 1, tolerance + 1]) {
        const signature = webhookSignature([OLD_SECRET], T + offset, BODY);
        rejects(() => verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: NOW, toleranceSeconds }), 'timestamp-outside-tolerance');
      }
      for (const offset of [-tolerance, tolerance]) {
        const signature = webhookSignature([OLD_SECRET], T + offset, BODY);
        assert.deepEqual(verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: NOW, toleranceSeconds }), EVENT);
      }
    }
    // A millisecond past the edge is past it.
    const signature = webhookSignature([OLD_SECRET], T - 300, BODY);
    rejects(() => verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: () => NOW() + 1 }), 'timestamp-outside-tolerance');
  });

  it('refuses a missing header', () => {
    for (const signature of [undefined, null, '', '  ']) rejects(() => verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: NOW }), 'signature-missing');
  });

  it('refuses a malformed header', () => {
    const v1 = webhookSignature([OLD_SECRET], T, BODY).split(',')[1]!;
    for (const signature of [
      `t=abc,${v1}`,
      `t=${T}.5,${v1}`,
      `t=-${T},${v1}`,
      `t=${T}`,
      `t=${T},v0=abc`,
      v1,
      `t=${T},t=${T},${v1}`,
      `t=${T},garbage,${v1}`,
    ]) {
      rejects(() => verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: NOW }), 'signature-malformed');
    }
  });

  it('tolerates spaces, unknown schemes and several v1 entries', () => {
    const [t, v1] = webhookSignature([OLD_SECRET], T, BODY).split(',');
    const signature = ` ${t} , v0=deadbeef, v1=${'0'.repeat(64)},v1=short , ${v1} ,v2=future `;
    assert.deepEqual(verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, now: NOW }), EVENT);
  });

  it('refuses a correctly signed body that is not an event', () => {
    const bodies = [
      JSON.stringify({ ...EVENT, id: 'evt_short' }),
      JSON.stringify({ ...EVENT, type: 'session.created' }),
      JSON.stringify({ ...EVENT, sequence: 0 }),
      JSON.stringify({ ...EVENT, data: { ...EVENT.data, status: 'archived' } }),
      '{"id":',
      '',
    ];
    for (const body of bodies) {
      const signature = webhookSignature([OLD_SECRET], T, body);
      rejects(() => verifyWebhook({ body, signature, secrets: OLD_SECRET, now: NOW }), 'body-invalid');
    }
  });

  it('takes a Uint8Array body as its UTF-8 bytes', () => {
    const body = JSON.stringify({ ...EVENT, data: { ...EVENT.data, reference: '住宅ローン-0042' } });
    const signature = webhookSignature([OLD_SECRET], T, body);
    const bytes = new TextEncoder().encode(body);
    assert.equal(verifyWebhook({ body: bytes, signature, secrets: OLD_SECRET, now: NOW }).data.reference, '住宅ローン-0042');
    rejects(() => verifyWebhook({ body: bytes.subarray(1), signature, secrets: OLD_SECRET, now: NOW }), 'signature-mismatch');
    // Not UTF-8, though signed: not an event.
    const latin1 = new Uint8Array([0x7b, 0xff, 0x7d]);
    const binarySignature = `t=${T},v1=${createHmacHex(OLD_SECRET, `${T}.`, latin1)}`;
    rejects(() => verifyWebhook({ body: latin1, signature: binarySignature, secrets: OLD_SECRET, now: NOW }), 'body-invalid');
  });

  it('signs with the whole secret, whsec_ prefix included, as UTF-8', () => {
    const signature = webhookSignature([OLD_SECRET], T, BODY);
    assert.equal(signature, `t=${T},v1=${createHmacHex(OLD_SECRET, `${T}.`, new TextEncoder().encode(BODY))}`);
    rejects(() => verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET.slice('whsec_'.length), now: NOW }), 'signature-mismatch');
  });

  it('throws a TypeError for no secret or a negative tolerance', () => {
    const signature = webhookSignature([OLD_SECRET], T, BODY);
    assert.throws(() => verifyWebhook({ body: BODY, signature, secrets: [], now: NOW }), TypeError);
    assert.throws(() => verifyWebhook({ body: BODY, signature, secrets: '', now: NOW }), TypeError);
    assert.throws(() => verifyWebhook({ body: BODY, signature, secrets: OLD_SECRET, toleranceSeconds: -1, now: NOW }), TypeError);
  });
});

function createHmacHex(secret: string, prefix: string, bytes: Uint8Array): string {
  return createHmac('sha256', secret).update(prefix).update(bytes).digest('hex');
}

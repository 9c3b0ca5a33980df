import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ANSWER_CHECKS_PATH, generateAnswerChecks } from '../../../scripts/generate-answer-checks.js';
import { flowResultCheck, problemCheck } from '../../../src/protocol/answer-checks.js';
import { ShapeError } from '../../../src/protocol/checks.js';
import { flowResult, type FlowResult } from '../../../src/protocol/index.js';
import { incomeSuccess } from '../../../src/widget/relay-client/scripted-relay-client.js';

/** The scripted relay's answer for 山田 太郎 (5,670,000 yen), as the widget's tests and stories use it. */
const success = incomeSuccess as Extract<FlowResult, { status: 'success' }>;

const problem = { type: 'urn:myna-fetch:problem:unknown-item', title: 'Bad request', status: 400, code: 'unknown-item', detail: 'Unknown catalog item "x"' };

describe('answer checks generated from the protocol (the widget side)', () => {
  it('src/protocol/answer-checks.ts is what the generator writes from the schemas now', () => {
    assert.equal(readFileSync(ANSWER_CHECKS_PATH, 'utf8'), generateAnswerChecks(), 'stale: run `tsx scripts/generate-answer-checks.ts`');
  });

  it('accepts a success answer and keeps its values', () => {
    const checked = flowResultCheck(success, '');
    assert.equal(checked.status, 'success');
    assert.equal(checked.status === 'success' && checked.result.records[0]!.values[0]!.value, 5670000);
  });

  it('drops keys the widget does not know, so nothing unexpected travels on', () => {
    const checked = flowResultCheck({ status: 'pending', elapsedMs: 10, email: 'x@example.jp' }, '');
    assert.deepEqual(checked, { status: 'pending', elapsedMs: 10 });
  });

  it('names the path of the first wrong value', () => {
    const broken = structuredClone(success);
    (broken.result.records[0]!.values[0] as { value: unknown }).value = { yen: 1 };
    assert.throws(() => flowResultCheck(broken, ''), (error: unknown) => error instanceof ShapeError && /result\.records\[0\]\.values\[0\]\.value/.test(error.message));
  });

  it('refuses an unknown status, a wrong kind and a unit spelled otherwise than the protocol', () => {
    assert.throws(() => flowResultCheck({ status: 'done' }, ''), /status: expected awaiting-consent \| pending/);
    const wrongKind = structuredClone(success);
    (wrongKind.result.records[0]!.values[0] as { kind: string }).kind = 'money';
    assert.throws(() => flowResultCheck(wrongKind, ''), /kind: expected amount/);
    const yen = structuredClone(success);
    (yen.result.records[0]!.values[0] as { unit: string }).unit = 'yen';
    assert.throws(() => flowResultCheck(yen, ''), /unit: expected JPY \| persons/);
  });

  it('reads problems, with their optional members', () => {
    assert.deepEqual(problemCheck({ ...problem, field: 'items', extra: 1 }, ''), { ...problem, field: 'items' });
    assert.throws(() => problemCheck({ detail: 'no code' }, ''), /expected a string/);
    assert.throws(() => problemCheck(null, ''), /answer: expected an object/);
  });

  it('never refuses an answer the protocol schema accepts, and keeps the same data', () => {
    const value = fc.record({
      key: fc.string(),
      labelJa: fc.string(),
      labelEn: fc.string(),
      infoNumber: fc.option(fc.string(), { nil: null }),
      kind: fc.constantFrom('amount', 'count', 'year', 'date', 'text', 'code', 'record'),
      unit: fc.constantFrom('JPY', 'persons', null),
      value: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    });
    const answer = fc.oneof(
      fc.record({ status: fc.constant('pending'), elapsedMs: fc.nat() }),
      fc.record({ status: fc.constant('cancelled'), step: fc.constantFrom('portal', 'card_locked', 'widget') }),
      fc.record({ status: fc.constant('error'), code: fc.constantFrom('expired', 'relay-error', 'portal-error'), retryable: fc.boolean() }),
      fc.record({
        status: fc.constant('success'),
        result: fc.record({
          items: fc.array(fc.string()),
          query: fc.constant({ method: 'at', at: '2025-06-01' }),
          records: fc.array(fc.record({ asOf: fc.string(), values: fc.array(value, { maxLength: 3 }) }), { maxLength: 3 }),
          retrievedAt: fc.string(),
          consent: fc.record({ service: fc.string(), purpose: fc.string(), retainUntil: fc.string() }),
        }),
      }),
    );
    fc.assert(
      fc.property(answer, (candidate) => {
        const parsed = flowResult.safeParse(candidate);
        assert.ok(parsed.success, 'the arbitrary builds protocol answers');
        assert.deepEqual(flowResultCheck(candidate, ''), parsed.data);
      }),
      { numRuns: 300 },
    );
  });
});

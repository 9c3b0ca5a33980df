import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowResultSchema, problemSchema } from '../../../src/widget/relay-client/schema.js';
import { ShapeError } from '../../../src/widget/relay-client/shape.js';

const success = {
  status: 'success',
  result: {
    items: ['localTax.salaryRevenue'],
    query: { method: 'latest' },
    records: [
      {
        asOf: '2025-06-01',
        values: [{ key: 'localTax.salaryRevenue', labelJa: '給与収入額', labelEn: 'Salary revenue', infoNumber: '2', kind: 'amount', unit: 'yen', value: 5670000 }],
      },
    ],
    retrievedAt: '2026-11-23T06:00:00.000Z',
    consent: { service: '〇〇銀行', purpose: '審査', retainUntil: '2026-12-23' },
  },
};

describe('relay answer checks (widget side)', () => {
  it('accepts a success answer and keeps its values', () => {
    const checked = flowResultSchema(success, '');
    assert.equal(checked.status, 'success');
    assert.equal(checked.status === 'success' && checked.result.records[0]!.values[0]!.value, 5670000);
  });

  it('drops keys the widget does not know, so nothing unexpected travels on', () => {
    const checked = flowResultSchema({ status: 'pending', elapsedMs: 10, email: 'x@example.jp' }, '');
    assert.deepEqual(checked, { status: 'pending', elapsedMs: 10 });
  });

  it('names the path of the first wrong value', () => {
    const broken = structuredClone(success);
    (broken.result.records[0]!.values[0] as { value: unknown }).value = { yen: 1 };
    assert.throws(() => flowResultSchema(broken, ''), (error: unknown) => error instanceof ShapeError && /result\.records\[0\]\.values\[0\]\.value/.test(error.message));
  });

  it('refuses an unknown status and a wrong kind', () => {
    assert.throws(() => flowResultSchema({ status: 'done' }, ''), /status: expected awaiting-consent \| pending/);
    const wrongKind = structuredClone(success);
    (wrongKind.result.records[0]!.values[0] as { kind: string }).kind = 'money';
    assert.throws(() => flowResultSchema(wrongKind, ''), /kind: expected amount/);
  });

  it('reads problems with optional fields', () => {
    assert.deepEqual(problemSchema({ code: 'unknown-item', field: 'items', status: 400 }, ''), { code: 'unknown-item', field: 'items' });
    assert.throws(() => problemSchema({ detail: 'no code' }, ''), /code: expected a string/);
    assert.throws(() => problemSchema(null, ''), /answer: expected an object/);
  });
});

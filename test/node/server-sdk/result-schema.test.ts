import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RESULT_SCHEMA_PATH, generateResultSchema } from '../../../scripts/generate-result-schema.js';

describe('the JSON Schema of the result claims (docs/result-claims.schema.json)', () => {
  it('is what the generator writes from src/protocol now', () => {
    assert.equal(readFileSync(RESULT_SCHEMA_PATH, 'utf8'), generateResultSchema(), 'stale: run `tsx scripts/generate-result-schema.ts`');
  });

  it('requires the claims the design fixes, and lets a newer relay add others', () => {
    const schema = JSON.parse(generateResultSchema()) as { required: string[]; additionalProperties?: unknown };
    const fixed = 'iss aud sub sid ref purpose items query iat exp retain_until source retrievedAt records'.split(' ');
    assert.deepEqual([...schema.required].sort(), fixed.sort());
    assert.equal(schema.additionalProperties, undefined);
  });
});

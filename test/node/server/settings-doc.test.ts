import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { RELAY_DOC, withSettingsTable } from '../../../scripts/docs-settings.js';
import { SETTINGS } from '../../../src/server/config.js';

describe('the settings table', () => {
  it('is what docs/relay.md shows (npm run docs:settings writes it)', async () => {
    const doc = await readFile(RELAY_DOC, 'utf8');
    assert.equal(doc, withSettingsTable(doc), `${RELAY_DOC} is stale: run npm run docs:settings`);
  });

  it('names each variable once', () => {
    const names = SETTINGS.rows.map((row) => row.env);
    assert.deepEqual([...new Set(names)], names);
  });
});

import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The recipes in docs/integration.md are the code the browser tests run, between `#region` markers. */
describe('docs/integration.md shows the tested recipe code', () => {
  const doc = read('docs/integration.md');
  for (const [file, region] of [
    ['test/browser/recipes/react-recipe.ts', 'react-ref'],
    ['test/browser/recipes/react-recipe.ts', 'react-native'],
    ['test/browser/recipes/vue-recipe.ts', 'vue'],
    ['test/browser/recipes/server-form.test.ts', 'server-form'],
  ] as const) {
    it(`${file} #region ${region}`, () => {
      const match = new RegExp(`// #region ${region}\\n([\\s\\S]*?)// #endregion ${region}\\n`).exec(read(file));
      assert.ok(match, 'region found');
      assert.ok(doc.includes(match[1]!.trimEnd()), 'the doc holds the region verbatim');
    });
  }

  it('is linked from the README', () => {
    assert.match(read('README.md'), /\(docs\/integration\.md\)/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import type { Plugin } from 'vite';
import { INTERNAL_PROPERTIES, minifyCss, templateWhitespace } from '../../../vite.config.js';
import { messageTable } from '../../../src/widget/i18n/messages.js';

type Transform = (code: string, id: string) => { code: string } | null;
const transform = (templateWhitespace() as Plugin & { transform: Transform }).transform;

describe('build: the widget’s templates and styles without the whitespace the browser ignores', () => {
  it('minifies the unsafeCSS sheet: no comments, no spaces around punctuation, no quotes around plain attribute values', () => {
    const css = `
/* the button */
:host([hidden]) {
  display: none;
}

[part='status'],
dialog > h2 {
  margin: 0.5em 0 calc(100vw - 2rem);
  background: rgb(0 0 0 / 0.45);
}
`;
    assert.equal(minifyCss(css), ':host([hidden]){display:none}[part=status],dialog>h2{margin:.5em 0 calc(100vw - 2rem);background:rgb(0 0 0 / .45)}');
  });

  it('collapses line breaks in html templates to one space, and leaves expressions and other strings alone', () => {
    const source = [
      "const a = html`",
      '  <div part="actions">',
      "    <button type=\"button\" @click=${() => go('x\\n  y')}>${label}</button>",
      '  </div>',
      '`;',
      "const b = `keep\n  this`;",
      'const c = unsafeCSS(`a {\n  b: c;\n}`);',
    ].join('\n');
    const out = transform(source, '/repo/src/widget/element/x.ts')!.code;
    assert.equal(out.split('\n')[0], "const a = html` <div part=\"actions\"> <button type=\"button\" @click=${() => go('x\\n  y')}>${label}</button> </div> `;");
    assert.ok(out.includes('`keep\n  this`'), 'untagged templates keep their text');
    assert.ok(out.includes('unsafeCSS(`a{b:c}`)'));
    assert.equal(transform(source, '/repo/src/server/x.ts'), null, 'only the widget’s files');
  });

  it('mangles only property names no message, relay client method, event detail, public member or answer uses', () => {
    const names = INTERNAL_PROPERTIES.source.replace(/^\^\(|\)\$$/g, '').split('|');
    const manifest = readFileSync(new URL('../../../src/widget/element/myna-fetch-button.ts', import.meta.url), 'utf8');
    const relayClient = readFileSync(new URL('../../../src/widget/relay-client/relay-client.ts', import.meta.url), 'utf8');
    const events = ['start', 'consent', 'success', 'cancel', 'error', 'unavailable', 'fallback-registered', 'state']
      .map((name) => readFileSync(new URL(`../../../src/widget/events/myna-fetch-${name}.ts`, import.meta.url), 'utf8'))
      .join('\n');
    const clientMethods = /interface RelayClient \{([\s\S]*?)\n\}/.exec(relayClient)![1]!;
    const details = [...events.matchAll(/readonly (\w+)\??:/g)].map((match) => match[1]);
    const publicMembers = [...manifest.matchAll(/^ {2}(?:get )?(\w+)(?:\(\))?(?::[^=;]+)? =|^ {2}get (\w+)\(/gm)].map((match) => match[1] ?? match[2]);
    const answerKeys = [...readFileSync(new URL('../../../src/protocol/answer-checks.ts', import.meta.url), 'utf8').matchAll(/[{,] ?'?([\w-]+)'?:/g)].map((match) => match[1]);
    // A name in a string (`'flow' in state`, `state['flow']`) is not mangled, while the property is.
    const widgetSources = readdirSync(new URL('../../../src/widget/', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(new URL(`../../../src/widget/${file}`, import.meta.url), 'utf8'))
      .join('\n');
    for (const name of names) {
      assert.equal(name in messageTable, false, `${name} is a message key`);
      assert.equal(answerKeys.includes(name), false, `${name} is a key of a relay answer`);
      assert.equal(new RegExp(`'${name}' in |\\['${name}'\\]`).test(widgetSources), false, `${name} is used as a string`);
      assert.doesNotMatch(clientMethods, new RegExp(`\\b${name}\\(`), `${name} is a RelayClient method`);
      assert.equal(details.includes(name), false, `${name} is in an event's detail`);
      assert.equal(publicMembers.includes(name), false, `${name} is a public member of the element`);
    }
  });
});

import { fallbackSuite } from './suites/fallback.js';
import { flowSuite } from './suites/flow.js';
import { relaySuite } from './suites/relay.js';
import { sizeSuite } from './suites/size.js';
import { webhooksSuite } from './suites/webhooks.js';
import { widgetSuite } from './suites/widget.js';
import { overBudget, renderTable, type BenchRow } from './table.js';

/** In run order; `npm run bench -- relay flow` runs only the named ones. */
const suites: Record<string, () => Promise<BenchRow[]>> = {
  size: sizeSuite,
  widget: widgetSuite,
  flow: flowSuite,
  relay: relaySuite,
  fallback: fallbackSuite,
  webhooks: webhooksSuite,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

const rows: BenchRow[] = [];
const failed: string[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const started = performance.now();
  try {
    rows.push(...(await suite()));
  } catch (error) {
    failed.push(name);
    console.error(`\n!!! suite ${name} FAILED:`, error);
  }
  console.error(`suite ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(renderTable(rows));

const over = rows.filter(overBudget);
if (over.length > 0) console.error(`\nOver budget: ${over.map((row) => `${row.suite} ${row.name}`).join(', ')}`);
if (failed.length > 0) console.error(`\nFailed suites: ${failed.join(', ')}`);
if (over.length > 0 || failed.length > 0) process.exitCode = 1;

import { sizeSuite } from './suites/size.js';
import { overBudget, renderTable, type BenchRow } from './table.js';

const suites: (() => Promise<BenchRow[]>)[] = [sizeSuite];

const rows: BenchRow[] = [];
for (const suite of suites) rows.push(...(await suite()));
console.log(renderTable(rows));

const over = rows.filter(overBudget);
if (over.length > 0) {
  console.error(`\nOver budget: ${over.map((row) => row.name).join(', ')}`);
  process.exitCode = 1;
}

/** One measured number; `budget` makes the run fail when exceeded. */
export interface BenchRow {
  suite: string;
  name: string;
  value: number;
  unit: string;
  budget?: number;
  note?: string;
}

export function overBudget(row: BenchRow): boolean {
  return row.budget !== undefined && row.value > row.budget;
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

/** A Markdown table, so the output can be pasted into a closing note as is. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['suite', 'measure', 'value', 'unit', 'budget', 'note'];
  const body = rows.map((row) => [
    row.suite,
    row.name,
    format(row.value),
    row.unit,
    row.budget === undefined ? '' : `${format(row.budget)}${overBudget(row) ? ' OVER' : ''}`,
    row.note ?? '',
  ]);
  const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

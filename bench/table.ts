/** One measured number; `budget` makes the run fail when exceeded. `value: null` is a skipped measure (say why in `note`). */
export interface BenchRow {
  suite: string;
  name: string;
  value: number | null;
  unit: string;
  budget?: number;
  note?: string;
}

export function overBudget(row: BenchRow): boolean {
  return row.budget !== undefined && row.value !== null && !(row.value <= row.budget);
}

function format(value: number | null): string {
  if (value === null) return '—';
  if (Number.isInteger(value) || Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Math.abs(value) < 0.1 ? value.toPrecision(2) : value.toFixed(2);
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

import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../src/widget/week-view/index.js';
import type { AvailabilityWeek, MynaAvailabilityWeek } from '../src/widget/week-view/index.js';
import { SAMPLE_WEEK, SAMPLE_WEEK_WITH_MAINTENANCE } from '../src/widget/week-view/sample-week.js';

interface WeekArgs {
  week: AvailabilityWeek;
}

/**
 * `<myna-availability-week>`: when each server the items need is up over seven days, Japan time.
 * Static weeks here (the `week` property), so no story asks a relay; on a page it asks
 * `GET /v1/availability/week` of its `relay` for its `items`.
 */
const meta = {
  title: 'myna-availability-week/Week view',
  tags: ['autodocs'],
  argTypes: { week: { control: 'object', description: 'The week to draw (the relay’s answer)' } },
  render: (args) => html`<myna-availability-week .week=${args.week}></myna-availability-week>`,
} satisfies Meta<WeekArgs>;

export default meta;
type Story = StoryObj<WeekArgs>;

async function tableOf(canvasElement: HTMLElement): Promise<HTMLTableElement> {
  const el = canvasElement.querySelector<MynaAvailabilityWeek>('myna-availability-week')!;
  await el.updateComplete;
  return waitFor(() => {
    const table = el.shadowRoot!.querySelector('table');
    if (!table) throw new Error('no table yet');
    return table;
  });
}

const english = (canvasElement: HTMLElement) => canvasElement.closest('[lang]')?.getAttribute('lang') === 'en';

/** The 3rd weekend of November 2026 at Saturday 23:00: planned stops, the 勤労感謝の日 holiday. */
export const PlannedStops: Story = {
  name: 'Planned stops and a holiday',
  args: { week: SAMPLE_WEEK },
  play: async ({ canvasElement }) => {
    const table = await tableOf(canvasElement);
    const en = english(canvasElement);
    await expect(table.tHead!).toHaveTextContent(en ? 'Labor Thanksgiving Day' : '勤労感謝の日');
    await expect(table.tBodies[0]!.rows[3]!).toHaveTextContent(en ? 'Down all day (planned stop)' : '終日停止（計画停止）');
  },
};

/** An announced maintenance window on Wednesday night, at Wednesday 10:00. */
export const Maintenance: Story = {
  name: 'Maintenance window',
  args: { week: SAMPLE_WEEK_WITH_MAINTENANCE },
  play: async ({ canvasElement }) => {
    const table = await tableOf(canvasElement);
    await expect(table.tBodies[0]!.rows[3]!).toHaveTextContent('Database upgrade');
  },
};

import { css } from 'lit';

export const mynaAvailabilityWeekStyles = css`
  :host {
    display: block;
    font: var(--myna-font, inherit);
    color: CanvasText;
    --_up: var(--myna-week-up, #1b7f3b);
    --_planned-stop: var(--myna-week-planned-stop, #b35c00);
    --_maintenance: var(--myna-week-maintenance, #b3261e);
    --_year-end: var(--myna-week-year-end, #6a3fa0);
    --_hours: var(--myna-week-hours, #5f6368);
    --_now: var(--myna-week-now, #0b57d0);
    --_holiday: var(--myna-week-holiday, #b3261e);
  }
  :host([hidden]) {
    display: none;
  }
  .title {
    margin: 0 0 0.5rem;
    font-weight: bold;
  }
  [part='status']:empty {
    display: none;
  }
  [part='legend'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }
  [part='legend'] li {
    display: flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 1.5rem;
    height: 0.9rem;
    border: 1px solid CanvasText;
  }
  .swatch.now {
    width: 0;
    height: 1rem;
    border: 0;
    border-left: 3px solid var(--_now);
  }
  .swatch.holiday {
    width: auto;
    height: auto;
    border: 0;
    color: var(--_holiday);
    font-weight: bold;
  }
  [part='chart'] {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) minmax(14rem, 1fr);
    gap: 0.25rem 0.5rem;
    align-items: stretch;
    font-size: 0.875em;
  }
  .days,
  .track {
    position: relative;
    display: grid;
    grid-template-columns: repeat(7, 1fr);
  }
  [part~='day'] {
    padding: 0 0.125rem 0.25rem;
    text-align: center;
    line-height: 1.2;
    border-left: 1px solid color-mix(in srgb, CanvasText 25%, transparent);
  }
  [part~='day'].off {
    color: var(--_holiday);
  }
  .holiday-name {
    display: block;
    font-size: 0.8em;
    font-weight: bold;
  }
  .label {
    align-self: center;
    line-height: 1.2;
  }
  .track {
    min-height: 1.75rem;
    border: 1px solid color-mix(in srgb, CanvasText 40%, transparent);
  }
  .cell {
    border-left: 1px solid color-mix(in srgb, CanvasText 25%, transparent);
  }
  .cell.off {
    background: color-mix(in srgb, var(--_holiday) 8%, transparent);
  }
  [part~='bar'] {
    position: absolute;
    top: 0.2rem;
    bottom: 0.2rem;
    left: var(--start);
    width: var(--width);
    box-sizing: border-box;
  }
  .up {
    background: var(--_up);
  }
  .down {
    top: 0.45rem;
    bottom: 0.45rem;
    border: 1px solid var(--_colour);
    background: repeating-linear-gradient(var(--_angle), var(--_colour) 0 2px, transparent 2px 6px);
  }
  .planned-stop {
    --_colour: var(--_planned-stop);
    --_angle: 45deg;
  }
  .maintenance {
    --_colour: var(--_maintenance);
    --_angle: 135deg;
    background:
      repeating-linear-gradient(45deg, var(--_colour) 0 2px, transparent 2px 6px),
      repeating-linear-gradient(135deg, var(--_colour) 0 2px, transparent 2px 6px);
  }
  .year-end {
    --_colour: var(--_year-end);
    background: radial-gradient(circle, var(--_colour) 1.5px, transparent 2px) 0 0 / 6px 6px;
  }
  .hours {
    --_colour: var(--_hours);
    --_angle: 0deg;
  }
  .swatch.down {
    border-width: 1px;
  }
  [part~='now'] {
    position: absolute;
    top: -0.15rem;
    bottom: -0.15rem;
    left: var(--at);
    width: 0;
    border-left: 3px solid var(--_now);
    transform: translateX(-1.5px);
  }
  .now-label {
    position: absolute;
    bottom: 100%;
    left: var(--at);
    transform: translateX(-50%);
    padding: 0 0.2rem;
    color: var(--_now);
    background: Canvas;
    font-weight: bold;
    white-space: nowrap;
  }
  .days {
    margin-top: 1.2rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    .up {
      background: CanvasText;
    }
    .down {
      border-color: CanvasText;
      background: repeating-linear-gradient(var(--_angle, 45deg), CanvasText 0 2px, transparent 2px 6px);
    }
    [part~='now'] {
      border-left-color: Highlight;
    }
  }
`;

import { splitList } from '../../domain/text.js';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DAY_MS, japanFields } from '../../domain/japan-time.js';
import { weekCheck } from '../../protocol/answer-checks.js';
import { cssVars } from './css-vars.js';
import { weekLang, weekMessages, type WeekLang, type WeekMessages } from './messages.js';
import { mynaAvailabilityWeekStyles } from './myna-availability-week.styles.js';
import { clockText } from './time.js';
import type { AvailabilityWeek, FetchWeek, WeekDay, WeekDownReason, WeekInterval, WeekServer } from './types.js';

const REASONS: readonly WeekDownReason[] = ['planned-stop', 'maintenance', 'year-end', 'hours'];

/** Asks the relay's `GET /v1/availability/week` (no cookies, no cache); an answer of another shape is refused. */
export const fetchWeekFromRelay: FetchWeek = async ({ relay, items, from, signal }) => {
  const url = new URL('/v1/availability/week', relay);
  url.searchParams.set('items', items.join(','));
  if (from) url.searchParams.set('from', from);
  const response = await fetch(url, { credentials: 'omit', cache: 'no-store', signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
  return weekCheck(await response.json(), '');
};

interface DaySpan {
  from: number;
  to: number;
  interval: WeekInterval;
}

/**
 * @summary A week (Japan time, seven days) of when each government server the items need is up:
 * bars per server and day, planned stops and other down time patterned and coloured, holidays
 * named under their day, a "now" line, and the same information as a table for screen readers.
 * Data from the relay's `GET /v1/availability/week`; not part of the widget bundle.
 *
 * @csspart status - The live region saying it is loading or failed.
 * @csspart legend - The list explaining colours and patterns.
 * @csspart chart - The drawn week (hidden from assistive technology: the table says the same).
 * @csspart day - A day's heading in the chart; holidays and weekends also have `off`.
 * @csspart bar - A stretch of up (`up`) or down time (`down`) on a server's row.
 * @csspart now - The line at the relay's current time.
 * @csspart table - The visually hidden table for screen readers.
 *
 * @cssproperty --myna-font - Font shorthand for the whole element.
 * @cssproperty --myna-week-up - Colour of up time.
 * @cssproperty --myna-week-planned-stop - Colour of planned stops (diagonal stripes).
 * @cssproperty --myna-week-maintenance - Colour of maintenance windows (cross-hatched).
 * @cssproperty --myna-week-year-end - Colour of the year-end closure (dotted).
 * @cssproperty --myna-week-hours - Colour of time outside the operating hours (horizontal lines).
 * @cssproperty --myna-week-now - Colour of the "now" line.
 * @cssproperty --myna-week-holiday - Colour of holiday and weekend headings.
 */
export class MynaAvailabilityWeek extends LitElement {
  static override styles = mynaAvailabilityWeekStyles;

  /** Base URL of the relay, e.g. `http://localhost:8787`. */
  @property({ attribute: 'relay' }) relay = '';

  /** Comma-separated catalog keys (or info numbers) whose servers are shown. */
  @property({ attribute: 'items' }) items = '';

  /** An ISO instant in the first day of the week; empty: the relay's today. */
  @property({ attribute: 'from' }) from = '';

  /** The week to draw, instead of asking the relay (static pages, stories). */
  @property({ attribute: false }) week: AvailabilityWeek | null = null;

  /** Replaces the HTTP request to the relay (tests, stories). */
  @property({ attribute: false }) fetchWeek: FetchWeek | null = null;

  @state() private loaded: AvailabilityWeek | null = null;
  @state() private failed = false;
  @state() private loading = false;

  private controller: AbortController | null = null;

  /** Parsed `items`: trimmed, empty entries dropped. */
  get itemKeys(): string[] {
    return splitList(this.items);
  }

  /** Asks for the week again (e.g. after the clock moved). Resolves once it is drawn. */
  async refresh(): Promise<void> {
    this.controller?.abort();
    if (this.week !== null) return;
    const items = this.itemKeys;
    if (items.length === 0 || (!this.relay && this.fetchWeek === null)) {
      this.loaded = null;
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.failed = false;
    try {
      const week = await (this.fetchWeek ?? fetchWeekFromRelay)({ relay: this.relay, items, from: this.from, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.loaded = week;
    } catch {
      if (controller.signal.aborted) return;
      this.loaded = null;
      this.failed = true;
    } finally {
      if (this.controller === controller) {
        this.loading = false;
        this.controller = null;
      }
    }
    await this.updateComplete;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    this.controller = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('relay') || changed.has('items') || changed.has('from') || changed.has('fetchWeek') || changed.has('week')) {
      void this.refresh();
    }
  }

  private get effectiveLang(): WeekLang {
    const owner = this.closest('[lang]');
    return weekLang(owner?.getAttribute('lang') ?? this.ownerDocument.documentElement.lang);
  }

  override render(): TemplateResult {
    const text = weekMessages(this.effectiveLang);
    const week = this.week ?? this.loaded;
    const status = this.itemKeys.length === 0 && this.week === null ? text.noItems : this.failed ? text.failed : this.loading && week === null ? text.loading : '';
    return html`
      <p class="title">${text.title}</p>
      <p part="status" role="status">${status}</p>
      ${week === null ? nothing : this.renderWeek(week, text)}
    `;
  }

  private renderWeek(week: AvailabilityWeek, text: WeekMessages): TemplateResult {
    const start = Date.parse(week.from);
    const end = Date.parse(week.to);
    const now = Date.parse(week.now);
    const nowIn = now >= start && now < end;
    const nowAt = `${((now - start) / (end - start)) * 100}%`;
    const lang = this.effectiveLang;
    return html`
      <ul part="legend" aria-label=${text.legend}>
        <li><span class="swatch up" aria-hidden="true"></span>${text.up}</li>
        ${REASONS.map((reason) => html`<li><span class="swatch down ${reason}" aria-hidden="true"></span>${text.reasons[reason]}</li>`)}
        <li><span class="swatch now" aria-hidden="true"></span>${text.now}</li>
        <li><span class="swatch holiday" aria-hidden="true">${text.weekdays[0]}</span>${text.holiday}</li>
      </ul>
      <div part="chart" aria-hidden="true">
        <span></span>
        <div class="days">
          ${week.days.map((day) => html`<div part="day ${this.isOff(day) ? 'off' : ''}" class=${this.isOff(day) ? 'off' : ''}>${this.dayLabel(day, text)}${this.holidayName(day, lang) ? html`<span class="holiday-name">${this.holidayName(day, lang)}</span>` : nothing}</div>`)}
          ${nowIn ? html`<span class="now-label" ${cssVars({ '--at': nowAt })}>${text.nowAt(clockText(now))}</span>` : nothing}
        </div>
        ${week.servers.map(
          (server) => html`
            <span class="label">${this.serverLabel(server, lang)}</span>
            <div class="track">
              ${week.days.map((day) => html`<span class=${this.isOff(day) ? 'cell off' : 'cell'}></span>`)}
              ${server.intervals.map((interval) => this.renderBar(interval, start, end, text))}
              ${nowIn ? html`<span part="now" ${cssVars({ '--at': nowAt })}></span>` : nothing}
            </div>
          `,
        )}
      </div>
      ${this.renderTable(week, text, lang)}
    `;
  }

  private renderBar(interval: WeekInterval, start: number, end: number, text: WeekMessages): TemplateResult | typeof nothing {
    const from = Math.max(Date.parse(interval.from), start);
    const to = Math.min(Date.parse(interval.to), end);
    if (!(to > from)) return nothing;
    const span = end - start;
    const kind = interval.up ? 'up' : `down ${interval.reason ?? 'hours'}`;
    return html`<span
      part="bar ${interval.up ? 'up' : 'down'}"
      class=${kind}
      title=${this.spanText({ from, to, interval }, text)}
      ${cssVars({ '--start': `${((from - start) / span) * 100}%`, '--width': `${((to - from) / span) * 100}%` })}
    ></span>`;
  }

  private renderTable(week: AvailabilityWeek, text: WeekMessages, lang: WeekLang): TemplateResult {
    const first = week.days[0];
    const last = week.days.at(-1);
    const range = first && last ? text.range(this.dayLabel(first, text), this.dayLabel(last, text)) : '';
    const now = Date.parse(week.now);
    const { month, day, weekday } = japanFields(now);
    const nowText = text.nowAt(`${text.day(month, day, text.weekdays[weekday] ?? '')} ${clockText(now)}`);
    return html`
      <table part="table" class="visually-hidden">
        <caption>${text.caption(range, nowText)}</caption>
        <thead>
          <tr>
            <th scope="col">${text.server}</th>
            ${week.days.map((day) => html`<th scope="col">${this.dayLabel(day, text)}${this.dayNote(day, text, lang)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${week.servers.map(
            (server) => html`
              <tr>
                <th scope="row">${this.serverLabel(server, lang)}</th>
                ${week.days.map((day) => html`<td>${this.dayText(server, day, text)}</td>`)}
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  private isOff(day: WeekDay): boolean {
    return day.holiday || day.weekday === 0 || day.weekday === 6;
  }

  private dayLabel(day: WeekDay, text: WeekMessages): string {
    const [, month, date] = day.date.split('-').map(Number);
    return text.day(month ?? 0, date ?? 0, text.weekdays[day.weekday] ?? '');
  }

  private holidayName(day: WeekDay, lang: WeekLang): string {
    if (!day.holiday) return '';
    return (lang === 'en' ? day.holidayEn : day.holidayJa) ?? weekMessages(lang).holiday;
  }

  private dayNote(day: WeekDay, text: WeekMessages, lang: WeekLang): string {
    if (!day.holiday) return '';
    const name = this.holidayName(day, lang);
    return name === text.holiday ? ` ${text.holiday}` : ` ${text.holiday}: ${name}`;
  }

  private serverLabel(server: WeekServer, lang: WeekLang): string {
    return lang === 'en' ? server.labelEn : server.labelJa;
  }

  /** The server's stretches within the Japanese day starting `day.date`, clipped to it. */
  private spansOf(server: WeekServer, day: WeekDay): { start: number; spans: DaySpan[] } {
    const start = Date.parse(`${day.date}T00:00:00+09:00`);
    const end = start + DAY_MS;
    const spans: DaySpan[] = [];
    for (const interval of server.intervals) {
      const from = Math.max(Date.parse(interval.from), start);
      const to = Math.min(Date.parse(interval.to), end);
      if (to > from) spans.push({ from, to, interval });
    }
    return { start, spans };
  }

  private stateText(interval: WeekInterval, text: WeekMessages): string {
    if (interval.up) return text.up;
    const reason = text.reasons[interval.reason ?? 'hours'];
    return text.down(interval.note ? `${reason}: ${interval.note}` : reason);
  }

  private spanText(span: DaySpan, text: WeekMessages): string {
    return text.span(clockText(span.from), clockText(span.to, true), this.stateText(span.interval, text));
  }

  private dayText(server: WeekServer, day: WeekDay, text: WeekMessages): string {
    const { start, spans } = this.spansOf(server, day);
    const only = spans.length === 1 ? spans[0] : undefined;
    if (only && only.from === start && only.to === start + DAY_MS) {
      if (only.interval.up) return text.upAllDay;
      const reason = text.reasons[only.interval.reason ?? 'hours'];
      return text.downAllDay(only.interval.note ? `${reason}: ${only.interval.note}` : reason);
    }
    return text.list(spans.map((span) => this.spanText(span, text)));
  }
}

import { html, nothing } from 'lit';
import { fill, type Lang, type MessageKey, type Messages } from '../../i18n/index.js';
import type { UnavailableServer } from '../../relay-client/index.js';

/** Why the data cannot be fetched now; shown with three ways on (guideline Q&A 問1). */
export interface Notice {
  readonly reason: 'unavailable' | 'timeout';
  /** Only the servers that are down. */
  readonly servers: readonly UnavailableServer[];
  readonly nextAvailableAt: string | null;
}

export interface UnavailableView {
  readonly messages: Messages;
  readonly lang: Lang;
  readonly notice: Notice;
  readonly onEnterManually: () => void;
  readonly onLater: () => void;
  readonly onEmail: () => void;
}

/** Japan time in the guideline's style: 「11月24日(火) 8:00」 / "Tue 24 Nov, 08:00". */
export function japanTime(iso: string, lang: Lang): string {
  const en = lang === 'en';
  return new Intl.DateTimeFormat(en ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    month: en ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    hour: en ? '2-digit' : 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The relay's reason for a stopped server (schedule engine), in words. */
const STOP_REASONS: Record<string, MessageKey> = {
  hours: 'stopHours',
  'planned-stop': 'stopPlanned',
  maintenance: 'stopMaintenance',
  'year-end': 'stopYearEnd',
};

/** Why the data cannot be fetched now, until when, and three ways on (guideline Q&A 問1, figure 6-1). */
export function renderUnavailable(view: UnavailableView) {
  const { messages, lang } = view;
  const { servers, nextAvailableAt, reason } = view.notice;
  const en = lang === 'en';
  const names = servers.map((server) => {
    const name = (en ? server.labelEn : server.labelJa) ?? server.id;
    const why = server.reason ? STOP_REASONS[server.reason] : undefined;
    return why ? `${name}${en ? ` (${messages[why]})` : `（${messages[why]}）`}` : name;
  });
  return html`
    <div part="notice">
      ${reason === 'unavailable'
        ? html`
            ${names.length > 0 ? html`<p>${fill(messages.unavailableServers, { servers: names.join(en ? ', ' : '、') })}</p>` : nothing}
            ${nextAvailableAt ? html`<p class="when">${fill(messages.unavailableUntil, { time: japanTime(nextAvailableAt, lang) })}</p>` : nothing}
            <p>${messages.waysOn}</p>
          `
        : nothing}
      <div part="actions">
        <button type="button" @click=${view.onEnterManually}>${messages.enterManually}</button>
        <button type="button" @click=${view.onLater}>${reason === 'timeout' ? messages.keepWaiting : messages.comeBackLater}</button>
        <button type="button" class="primary" @click=${view.onEmail}>${messages.emailMe}</button>
      </div>
    </div>
  `;
}

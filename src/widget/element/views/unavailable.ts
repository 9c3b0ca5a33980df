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
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    hour: lang === 'en' ? '2-digit' : 'numeric',
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
  const names = servers.map((server) => {
    const name = (lang === 'en' ? server.labelEn : server.labelJa) ?? server.id;
    const why = server.reason ? STOP_REASONS[server.reason] : undefined;
    return why ? `${name}${lang === 'en' ? ` (${messages[why]})` : `（${messages[why]}）`}` : name;
  });
  return html`
    <div part="notice">
      ${reason === 'unavailable' && names.length > 0
        ? html`<p>${fill(messages.unavailableServers, { servers: names.join(lang === 'en' ? ', ' : '、') })}</p>`
        : nothing}
      ${reason === 'unavailable' && nextAvailableAt
        ? html`<p class="when">${fill(messages.unavailableUntil, { time: japanTime(nextAvailableAt, lang) })}</p>`
        : nothing}
      ${reason === 'unavailable' ? html`<p>${messages.waysOn}</p>` : nothing}
      <div part="actions">
        <button type="button" @click=${view.onEnterManually}>${messages.enterManually}</button>
        <button type="button" @click=${view.onLater}>${reason === 'timeout' ? messages.keepWaiting : messages.comeBackLater}</button>
        <button type="button" class="primary" @click=${view.onEmail}>${messages.emailMe}</button>
      </div>
    </div>
  `;
}

import { escapeHtml, htmlPage } from '../../domain/text.js';
import type { CaughtMail } from './catcher.js';

export const STYLESHEET_PATH = '/style.css';

export const STYLESHEET = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; }
header { display: flex; justify-content: space-between; align-items: baseline; }
article { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; padding: 0 1rem 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { color: #555; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: 0.75rem; border-radius: 4px; }
a { color: #0b57d0; }
.empty { color: #555; }
`;

/**
 * The caught mails, newest first: subject, recipient, time and the plain-text body with its
 * links clickable. Everything is escaped; no script (the page refreshes itself with a meta tag).
 */
export function mailListPage(mails: readonly CaughtMail[], smtpAddress: string): string {
  const items = [...mails].reverse().map(
    (mail) => `<article id="mail-${mail.id}">
<h2>${escapeHtml(mail.subject || '(no subject)')}</h2>
<dl>
<dt>To</dt><dd>${escapeHtml(mail.to)}</dd>
<dt>From</dt><dd>${escapeHtml(mail.from)}</dd>
<dt>Received</dt><dd><time datetime="${escapeHtml(mail.receivedAt)}">${escapeHtml(mail.receivedAt)}</time></dd>
</dl>
<pre>${linkify(mail.text ?? '(no plain-text part)')}</pre>
</article>`,
  );
  return htmlPage({
    lang: 'en',
    title: `Mail catcher (${mails.length})`,
    head: `<meta http-equiv="refresh" content="5">\n<link rel="stylesheet" href="${STYLESHEET_PATH}">\n`,
    body: `<header><h1>Mail catcher</h1><p>SMTP ${escapeHtml(smtpAddress)} · ${mails.length} mail(s) · development only</p></header>
<main>
${items.length === 0 ? '<p class="empty">No mail yet. This page refreshes every 5 seconds.</p>' : items.join('\n')}
</main>`,
  });
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** Escapes the text and turns http(s) URLs into links (also escaped, so no markup gets through). */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}" rel="noreferrer noopener" target="_blank">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

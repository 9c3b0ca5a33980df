import { FLOW_FRAGMENT, HANDOFF_MESSAGE_TYPE, type HandOffMessage } from '../../protocol/index.js';
import { escapeHtml, htmlPage } from '../../domain/text.js';
import type { Context } from 'hono';
import type { HandOff } from '../flows/callback.js';

export const HANDOFF_SCRIPT_PATH = '/v1/handoff.js';

/**
 * Runs in the popup on the relay's page: tells the opener (only at the host page's exact
 * origin) how the flow ended, then closes. Data comes from attributes, not inline script, so
 * the page works under `script-src 'self'`. If COOP cut the opener, the widget's polling
 * notices the outcome instead.
 */
export const HANDOFF_SCRIPT = `(() => {
  const element = document.getElementById('myna-handoff');
  if (element === null) return;
  const targetOrigin = element.getAttribute('data-target-origin');
  const message = JSON.parse(element.getAttribute('data-message') || 'null');
  if (window.opener && targetOrigin && message) {
    window.opener.postMessage(message, targetOrigin);
    window.close();
  }
})();
`;

const PAGE_TITLE = 'マイナポータル連携 / Mynaportal';

/**
 * Popup: a page that posts the outcome to the opener. Redirect and kiosk: a page that moves on to
 * the host page. Not a 303: the callback is reached through redirects from the portal's own form
 * post, and browsers hold that whole chain to the portal's `form-action`, which names the relay's
 * callback but not the provider's pages.
 */
export function handOffResponse(c: Context, handOff: HandOff, publicUrl: string): Response {
  if (handOff.mode !== 'popup') return c.html(returnPage(`${handOff.returnUrl}#${FLOW_FRAGMENT}=${encodeURIComponent(handOff.flowId)}`));
  const note: HandOffMessage = { type: HANDOFF_MESSAGE_TYPE, flowId: handOff.flowId, outcome: handOff.outcome };
  const message = JSON.stringify(note);
  const targetOrigin = new URL(handOff.returnUrl).origin;
  return c.html(
    htmlPage({
      lang: 'ja',
      title: PAGE_TITLE,
      head: `<script src="${escapeHtml(publicUrl + HANDOFF_SCRIPT_PATH)}" defer></script>\n`,
      body: `<main id="myna-handoff" data-message="${escapeHtml(message)}" data-target-origin="${escapeHtml(targetOrigin)}">
<p>手続きの画面に戻ります。このウィンドウは閉じて構いません。</p>
<p lang="en">Returning to the form. You may close this window.</p>
</main>`,
    }),
  );
}

/** Moves on without script (`meta refresh`), with a link for browsers that do not follow it. */
function returnPage(target: string): string {
  const href = escapeHtml(target);
  return htmlPage({
    lang: 'ja',
    title: PAGE_TITLE,
    head: `<meta http-equiv="refresh" content="0; url=${href}">\n`,
    body: `<main>
<p><a href="${href}">お申し込みの画面に戻る</a></p>
<p lang="en"><a href="${href}">Return to the form</a></p>
</main>`,
  });
}

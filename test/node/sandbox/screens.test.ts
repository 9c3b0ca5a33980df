import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Browser, callback, detailFor, page, prepareRequest, push, startHarness, type Harness, type Screen } from './harness.js';

type Page = Extract<Screen, { kind: 'page' }>;

function assertAccessDenied(url: URL, description: string, state: string, issuer: string): void {
  assert.equal(url.searchParams.get('error'), 'access_denied');
  assert.equal(url.searchParams.get('error_description'), description);
  assert.equal(url.searchParams.get('state'), state);
  assert.equal(url.searchParams.get('iss'), issuer);
  assert.equal(url.searchParams.get('code'), null);
}

describe('sandbox: consent and card screens', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  async function openConsent(detail = detailFor(['localTax.salaryRevenue', 'localTax.dependentDeductionInfo'], { method: 'at', at: '2025-06-01' })) {
    const request = await prepareRequest(detail);
    const browser = new Browser(h.url);
    const consent = page(await browser.open(await push(h, request.params)));
    return { browser, consent, state: request.state };
  }

  async function openCard() {
    const opened = await openConsent();
    const card = page(await opened.browser.submit(opened.consent, '/consent', { agree: 'yes' }));
    return { ...opened, card };
  }

  function assertScreenBasics(screen: Page, redirectOrigin: string): void {
    assert.equal(screen.headers.get('content-type'), 'text/html; charset=utf-8');
    const csp = screen.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, new RegExp(`form-action 'self' ${redirectOrigin}`));
    assert.equal(screen.headers.get('cache-control'), 'no-store');
    assert.equal(screen.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(screen.html.match(/<h1>/g)?.length, 1, 'one h1');
    assert.doesNotMatch(screen.html, /<script|<style|\sstyle=|\son[a-z]+=/i, 'no inline script or style');
    assert.match(screen.html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    for (const [, id] of screen.html.matchAll(/<input [^>]*?\sid="([^"]+)"/g)) {
      assert.match(screen.html, new RegExp(`<label for="${id}">`), `input #${id} has a label`);
    }
  }

  it('shows who asks for which items, for which period and purpose (figure 2.3-3)', async () => {
    const { consent } = await openConsent();
    assert.equal(consent.status, 200);
    assertScreenBasics(consent, 'http://127.0.0.1:9');
    assert.match(consent.html, /<html lang="ja">/);
    assert.match(consent.html, /<h1>情報提供への同意<\/h1>/);
    assert.match(consent.html, /「テスト銀行」が、マイナポータルを通じて/);
    assert.match(consent.html, /<dd>住宅ローンの事前審査<\/dd>/);
    assert.match(consent.html, /<dd>2025年6月1日時点の情報<\/dd>/);
    assert.match(consent.html, /給与収入額<\/span> <span class="item-source">（地方税）/);
    assert.match(consent.html, /扶養控除情報.*含まれる項目（4件）.*<li>一般<\/li><li>特定<\/li><li>老人<\/li><li>同老<\/li>/s);
    assert.match(consent.html, /<input type="checkbox" id="agree" name="agree" value="yes">\s*<label for="agree">同意する<\/label>/);
  });

  it('shows the client’s texts as text, never as markup', async () => {
    const { consent } = await openConsent({ ...detailFor(['localTax.salaryRevenue']), purpose: '<img src=x onerror=alert(1)>', service: '"><script>x</script>' });
    assert.match(consent.html, /<dd>&#60;img src=x onerror=alert\(1\)&#62;<\/dd>/);
    assert.match(consent.html, /<dd>&#34;&#62;&#60;script&#62;x&#60;\/script&#62;<\/dd>/);
    assert.doesNotMatch(consent.html, /<img|<script/);
  });

  it('serves its stylesheet from its own origin', async () => {
    const response = await fetch(`${h.url}/sandbox-assets/sandbox.css`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(await response.text(), /min-height: 44px/);
  });

  it('switches to English and keeps the interaction', async () => {
    const { browser, consent } = await openConsent();
    assert.match(consent.html, /<a class="language-switch" href="\?lang=en" lang="en" hreflang="en">English<\/a>/);
    const english = page(await browser.open(new URL('?lang=en', consent.url)));
    assert.match(english.html, /<html lang="en">/);
    assert.match(english.html, /<h1>Consent to share your information<\/h1>/);
    assert.match(english.html, /<dd>Information as of 1 June 2025<\/dd>/);
    assert.match(english.html, /Salary revenue<\/span> <span class="item-source">\(Local tax\)/);
    const card = page(await browser.submit(english, '/consent', { agree: 'yes' }));
    assert.match(card.html, /<h1>Identity check \(My Number card\)<\/h1>/);
  });

  it('stays on the consent screen with an error tied to the checkbox when it is not ticked', async () => {
    const { browser, consent } = await openConsent();
    const again = page(await browser.submit(consent, '/consent', {}));
    assert.equal(again.status, 400);
    assertScreenBasics(again, 'http://127.0.0.1:9');
    assert.match(again.html, /<title>エラー: 情報提供への同意/);
    assert.match(again.html, /<div class="error-summary" role="alert">.*<a href="#agree">/s);
    assert.match(again.html, /<p id="agree-error" class="field-error">情報を提供するには「同意する」にチェックを入れてください。<\/p>/);
    assert.match(again.html, /id="agree" name="agree" value="yes" aria-invalid="true" aria-describedby="agree-error"/);
    const card = page(await browser.submit(again, '/consent', { agree: 'yes' }));
    assert.match(card.html, /<h1>本人確認（マイナンバーカード）<\/h1>/);
  });

  it('does not reach the card step by posting to it directly', async () => {
    const { browser, consent } = await openConsent();
    const back = page(await browser.submit({ ...consent, html: consent.html.replace('/consent"', '/card"') }, '/card', { persona: 'yamada-taro', pin: '1234' }));
    assert.match(back.html, /<h1>情報提供への同意<\/h1>/);
  });

  it('sends access_denied back when the person cancels on the consent screen', async () => {
    const { browser, consent, state } = await openConsent();
    assertAccessDenied(callback(await browser.submit(consent, '/cancel')), 'cancelled_at_consent', state, h.url);
  });

  it('sends access_denied back when the person cancels on the card screen', async () => {
    const { browser, card, state } = await openCard();
    assertScreenBasics(card, 'http://127.0.0.1:9');
    assertAccessDenied(callback(await browser.submit(card, '/cancel')), 'cancelled_at_card', state, h.url);
  });

  it('asks for a card and a 4-digit PIN, without counting malformed entries', async () => {
    const { browser, card } = await openCard();
    const noCard = page(await browser.submit(card, '/card', { pin: '1234' }));
    assert.equal(noCard.status, 400);
    assert.match(noCard.html, /<fieldset class="cards" aria-describedby="card-error">/);
    assert.match(noCard.html, /<p id="card-error" class="field-error">テスト用カードを選んでください。<\/p>/);
    const badPin = page(await browser.submit(noCard, '/card', { persona: 'yamada-hanako', pin: '12a4' }));
    assert.match(badPin.html, /<p id="pin-error" class="field-error">暗証番号は数字4桁で入力してください。<\/p>/);
    assert.match(badPin.html, /id="card-yamada-hanako" name="persona" value="yamada-hanako" aria-describedby="card-yamada-hanako-description" checked>/);
    const wrong = page(await browser.submit(badPin, '/card', { persona: 'yamada-hanako', pin: '0000' }));
    assert.match(wrong.html, /あと2回間違えると/, 'the malformed PIN did not count');
  });

  it('locks a test card after three wrong PINs and ends the flow with card_locked', async () => {
    const { browser, card, state } = await openCard();
    const first = page(await browser.submit(card, '/card', { persona: 'sato-ken', pin: '0000' }));
    assert.equal(first.status, 400);
    assert.match(first.html, /<p id="pin-error" class="field-error">暗証番号が違います。あと2回間違えると、このカードはロックされます。<\/p>/);
    assert.match(first.html, /aria-describedby="pin-hint pin-error" aria-invalid="true"/);
    const second = page(await browser.submit(first, '/card', { persona: 'sato-ken', pin: '1111' }));
    assert.match(second.html, /あと1回間違えると/);
    assertAccessDenied(callback(await browser.submit(second, '/card', { persona: 'sato-ken', pin: '2222' })), 'card_locked', state, h.url);

    // The lock outlives the flow: even the right PIN is refused now.
    const next = await openCard();
    assert.match(next.card.html, /佐藤 健（ロック中）/);
    assertAccessDenied(callback(await next.browser.submit(next.card, '/card', { persona: 'sato-ken', pin: '3456' })), 'card_locked', next.state, h.url);
  });

  it('resets the wrong-PIN count after the right PIN', async () => {
    const { browser, card } = await openCard();
    const wrong = page(await browser.submit(card, '/card', { persona: 'suzuki-ichiro', pin: '0000' }));
    const twice = page(await browser.submit(wrong, '/card', { persona: 'suzuki-ichiro', pin: '0000' }));
    assert.match(twice.html, /あと1回間違えると/);
    assert.ok(callback(await browser.submit(twice, '/card', { persona: 'suzuki-ichiro', pin: '4567' })).searchParams.get('code'));
    const next = await openCard();
    const fresh = page(await next.browser.submit(next.card, '/card', { persona: 'suzuki-ichiro', pin: '0000' }));
    assert.match(fresh.html, /あと2回間違えると/);
  });

  it('refuses a screen whose interaction cookie is missing', async () => {
    const { consent } = await openConsent();
    const stranger = page(await new Browser(h.url).open(consent.url));
    assert.equal(stranger.status, 400);
    assert.match(stranger.html, /操作の有効期限が切れたか/);
  });
});

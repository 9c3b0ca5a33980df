import type { SelfinfoQuery } from '../authorization-details.js';

export type Lang = 'ja' | 'en';

export const LANGS: readonly Lang[] = ['ja', 'en'];

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function formatDate(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return lang === 'ja' ? `${year}年${month}月${day}日` : `${day} ${MONTHS_EN[(month ?? 1) - 1]} ${year}`;
}

const ja = {
  siteName: 'マイナポータル（サンドボックス）',
  sandboxNotice: 'これは開発用のサンドボックスです。本物のマイナポータルではなく、表示される情報はすべて架空のものです。',
  switchLanguage: 'English',
  errorTitlePrefix: 'エラー: ',
  errorSummaryHeading: '入力内容を確認してください',
  cancel: 'キャンセル',
  consentTitle: '情報提供への同意',
  consentLead: (service: string) => `「${service}」が、マイナポータルを通じて、行政機関等が保有するあなたの次の情報の提供を求めています。`,
  recipient: '提供先',
  purpose: '利用目的',
  period: '対象の時期',
  items: '提供する情報',
  itemsIncluded: (count: number) => `含まれる項目（${count}件）`,
  consentNote: '提供された情報は、提供先で上記の利用目的にのみ使われます。提供したくない場合は「キャンセル」を押してください。途中でいつでもやめられます。',
  agree: '同意する',
  agreeRequired: '情報を提供するには「同意する」にチェックを入れてください。',
  next: '次へ（本人確認）',
  query: (query: SelfinfoQuery) => {
    switch (query.method) {
      case 'latest':
        return '最新の情報';
      case 'at':
        return `${formatDate(query.at, 'ja')}時点の情報`;
      case 'range':
        return `${formatDate(query.from, 'ja')}から${formatDate(query.to, 'ja')}までの情報`;
    }
  },
  cardTitle: '本人確認（マイナンバーカード）',
  cardLead: '実際のカードの読み取りの代わりに、テスト用カードを選び、そのカードの利用者証明用電子証明書の暗証番号（数字4桁）を入力してください。',
  cardChoice: 'テスト用カード',
  cardLocked: '（ロック中）',
  cardRequired: 'テスト用カードを選んでください。',
  pin: '暗証番号（数字4桁）',
  pinHint: 'テスト用カードの暗証番号は開発者向け資料（docs/sandbox.md）に載っています。3回続けて間違えるとカードがロックされます。',
  pinFormat: '暗証番号は数字4桁で入力してください。',
  pinWrong: (remaining: number) => `暗証番号が違います。あと${remaining}回間違えると、このカードはロックされます。`,
  authenticate: '認証して情報を提供する',
  failureTitle: '処理を続けられません',
  failureLead: 'もう一度、提供先のサービスからやり直してください。',
  sessionExpired: '操作の有効期限が切れたか、別の画面で手続きが進みました。',
};

type Messages = typeof ja;

const en: Messages = {
  siteName: 'Mynaportal (sandbox)',
  sandboxNotice: 'This is a development sandbox, not the real Mynaportal. All information shown is fictitious.',
  switchLanguage: '日本語',
  errorTitlePrefix: 'Error: ',
  errorSummaryHeading: 'Please check your entry',
  cancel: 'Cancel',
  consentTitle: 'Consent to share your information',
  consentLead: (service: string) =>
    `“${service}” asks, through Mynaportal, for the following information that public bodies hold about you.`,
  recipient: 'Shared with',
  purpose: 'Purpose',
  period: 'Period',
  items: 'Information to share',
  itemsIncluded: (count: number) => `Items included (${count})`,
  consentNote:
    'The recipient may use this information only for the purpose above. If you do not want to share it, choose “Cancel”. You can stop at any time.',
  agree: 'I agree',
  agreeRequired: 'To share your information, tick “I agree”.',
  next: 'Next (identity check)',
  query: (query: SelfinfoQuery) => {
    switch (query.method) {
      case 'latest':
        return 'The latest information';
      case 'at':
        return `Information as of ${formatDate(query.at, 'en')}`;
      case 'range':
        return `Information from ${formatDate(query.from, 'en')} to ${formatDate(query.to, 'en')}`;
    }
  },
  cardTitle: 'Identity check (My Number card)',
  cardLead:
    'Instead of reading a real card, choose a test card and enter the 4-digit PIN of its user certificate (利用者証明用電子証明書).',
  cardChoice: 'Test card',
  cardLocked: ' (locked)',
  cardRequired: 'Choose a test card.',
  pin: 'PIN (4 digits)',
  pinHint: 'The test cards’ PINs are listed in the developer notes (docs/sandbox.md). Three wrong PINs in a row lock the card.',
  pinFormat: 'Enter the PIN as 4 digits.',
  pinWrong: (remaining: number) =>
    `Wrong PIN. ${remaining === 1 ? 'One more wrong PIN locks' : `${remaining} more wrong PINs lock`} this card.`,
  authenticate: 'Authenticate and share',
  failureTitle: 'This cannot continue',
  failureLead: 'Please start again from the service that sent you here.',
  sessionExpired: 'This step has expired, or the request went on in another window.',
};

export const MESSAGES: Record<Lang, Messages> = { ja, en };

export function parseLang(value: string | null | undefined): Lang | undefined {
  return LANGS.find((lang) => lang === value);
}

import type { MailLanguage } from '../store/types.js';
import { escapeHtml, htmlPage } from '../../domain/text.js';

type Reason = 'invalid' | 'expired' | 'used' | 'gone';

const MESSAGES: Record<Reason, { ja: [string, string]; en: [string, string] }> = {
  used: {
    ja: ['このリンクはすでに使われています', 'リンクは1回だけ使えます。お申し込みの画面を開いている場合は、そちらで続けてください。'],
    en: ['This link was already used', 'The link works only once. If your application is open, please continue there.'],
  },
  expired: {
    ja: ['このリンクの有効期限が切れています', 'お手数ですが、お申し込みの画面からもう一度お手続きください。'],
    en: ['This link has expired', 'Please start again from the application form.'],
  },
  gone: {
    ja: ['このリンクは無効になりました', '登録の保存期間が終わったため、登録内容は削除されました。お申し込みの画面からもう一度お手続きください。'],
    en: ['This link is no longer valid', 'The registration was deleted at the end of its retention period. Please start again from the application form.'],
  },
  invalid: {
    ja: ['このリンクは無効です', 'メールに記載されたリンクを、途中で切れないように開いてください。'],
    en: ['This link is not valid', 'Please open the link exactly as it appears in the mail.'],
  },
};

/** The page a refused resume link shows: both languages, the mail's first. No script, no style. */
export function resumeRefusedPage(reason: Reason, lang: MailLanguage): string {
  const other: MailLanguage = lang === 'ja' ? 'en' : 'ja';
  const section = (language: MailLanguage) => {
    const [title, text] = MESSAGES[reason][language];
    return `<section lang="${language}">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
</section>`;
  };
  return htmlPage({
    lang,
    title: MESSAGES[reason][lang][0],
    head: '<meta name="robots" content="noindex">\n',
    body: `<main>
${section(lang)}
${section(other)}
</main>`,
  });
}

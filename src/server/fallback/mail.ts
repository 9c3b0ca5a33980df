import { escapeHtml } from '../../domain/text.js';
import { catalogEntry } from '../../domain/catalog/index.js';
import { japanFields } from '../../domain/japan-time.js';
import type { MailLanguage } from '../store/types.js';

export interface FallbackMailInput {
  lang: MailLanguage;
  serviceName: string;
  items: readonly string[];
  link: string;
  linkExpiresAt: number;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * The notice of guideline figure 6-3: the data can now be fetched from Mynaportal, and a link
 * back to the form. Nothing personal: no address, no values — only the item names and the link.
 */
export function composeFallbackMail(input: FallbackMailInput): MailContent {
  const labels = input.items.map((key) => {
    const entry = catalogEntry(key);
    return entry === undefined ? key : input.lang === 'ja' ? entry.labelJa : entry.labelEn;
  });
  const until = formatDeadline(input.linkExpiresAt, input.lang);
  const m = input.lang === 'ja' ? japanese(input.serviceName, until) : english(input.serviceName, until);

  const text = [
    m.greeting,
    '',
    m.intro,
    '',
    m.itemsHeading,
    ...labels.map((label) => `  - ${label}`),
    '',
    m.action,
    input.link,
    '',
    m.validity,
    m.ignore,
    '',
    `-- `,
    input.serviceName,
  ].join('\n');

  const paragraph = (content: string) => `<p>${escapeHtml(content)}</p>`;
  const html = `<!doctype html>
<html lang="${input.lang}">
<head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>
<body>
${paragraph(m.greeting)}
${paragraph(m.intro)}
<p>${escapeHtml(m.itemsHeading)}</p>
<ul>
${labels.map((label) => `<li>${escapeHtml(label)}</li>`).join('\n')}
</ul>
${paragraph(m.action)}
<p><a href="${escapeHtml(input.link)}">${escapeHtml(m.linkText)}</a></p>
${paragraph(m.validity)}
${paragraph(m.ignore)}
<p>${escapeHtml(input.serviceName)}</p>
</body>
</html>
`;
  return { subject: m.subject, text, html };
}

interface Messages {
  subject: string;
  greeting: string;
  intro: string;
  itemsHeading: string;
  action: string;
  linkText: string;
  validity: string;
  ignore: string;
}

function japanese(service: string, until: string): Messages {
  return {
    subject: `【${service}】マイナポータルから情報を取得できるようになりました`,
    greeting: `${service}をご利用いただきありがとうございます。`,
    intro:
      'お申し込みの際にマイナポータルから情報を取得できなかったため、ご登録いただいたメールアドレスにお知らせしています。次の情報を、ただいまマイナポータルから取得できます。',
    itemsHeading: '取得できる情報:',
    action: '下のリンクからお申し込みの画面に戻り、あらためて「マイナポータルから取得」を押してください。',
    linkText: 'お申し込みの画面に戻る',
    validity: `このリンクは1回だけ、${until}まで使えます。`,
    ignore: 'お心当たりがない場合は、このメールを破棄してください。このメールには返信できません。',
  };
}

function english(service: string, until: string): Messages {
  return {
    subject: `[${service}] Your information can now be fetched from Mynaportal`,
    greeting: `Thank you for using ${service}.`,
    intro:
      'Your information could not be fetched from Mynaportal when you applied, so we are writing to the address you registered. The following can now be fetched from Mynaportal:',
    itemsHeading: 'Information:',
    action: 'Follow the link below to return to your application, and press "Fetch from Mynaportal" again.',
    linkText: 'Return to your application',
    validity: `The link works once, until ${until}.`,
    ignore: 'If you did not ask for this, please delete this mail. Replies to this address are not read.',
  };
}

/** Japan time, as the user reads it: 2026年11月30日 10:00 / 30 Nov 2026, 10:00 (Japan time). */
function formatDeadline(epochMs: number, lang: MailLanguage): string {
  const { year, month, day, hours, minutes } = japanFields(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = `${pad(hours)}:${pad(minutes)}`;
  if (lang === 'ja') return `${year}年${month}月${day}日 ${time}`;
  const monthName = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1];
  return `${day} ${monthName} ${year}, ${time} (Japan time)`;
}

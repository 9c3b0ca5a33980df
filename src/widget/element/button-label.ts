import { fill, type MessageKey, type Messages } from '../i18n/index.js';

/** The words for what is fetched, by the catalog key's first segment; others get the generic label. */
const WHAT: Record<string, MessageKey> = {
  localTax: 'whatLocalTax',
  household: 'whatHousehold',
  publicFundAccount: 'whatPublicFundAccount',
};

/** 「マイナポータルから所得情報を取得する」 (guideline figure 2.3-2) from the requested items. */
export function buttonLabel(messages: Messages, itemKeys: readonly string[]): string {
  const kinds = [...new Set(itemKeys.map((key) => key.split('.')[0]!))];
  const words = kinds.map((kind) => WHAT[kind]);
  if (words.length === 0 || words.some((word) => word === undefined)) return messages.buttonLabel;
  return fill(messages.buttonLabelFor, { what: words.map((word) => messages[word!]).join(messages.whatJoiner) });
}

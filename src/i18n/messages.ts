/** Every user-visible string of the widget, Japanese first. Hosts may override any key. */
export const messagesJa = {
  buttonLabel: 'マイナポータルから取得',
  configMissingRelay: '設定エラー: relay 属性（中継サーバの URL）が指定されていません。',
  configMissingItems: '設定エラー: items 属性（取得する情報）が指定されていません。',
} as const;

export type MessageKey = keyof typeof messagesJa;
export type Messages = Record<MessageKey, string>;

export const messagesEn: Messages = {
  buttonLabel: 'Fetch from Mynaportal',
  configMissingRelay: 'Configuration error: the relay attribute (the relay server URL) is missing.',
  configMissingItems: 'Configuration error: the items attribute (what to fetch) is missing.',
};

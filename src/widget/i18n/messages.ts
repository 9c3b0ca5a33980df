/**
 * Every user-visible string of the widget, by key: [Japanese, English]. Japanese comes first and is
 * the fallback for any other language. Hosts may override any key.
 */
export const messageTable = {
  buttonLabel: ['マイナポータルから取得する', 'Fetch from Mynaportal'],
  buttonLabelFor: ['マイナポータルから{what}を取得する', 'Fetch {what} from Mynaportal'],
  whatLocalTax: ['所得情報', 'income information'],
  whatHousehold: ['世帯情報', 'household information'],
  whatPublicFundAccount: ['口座情報', 'account information'],
  whatJoiner: ['・', ' and '],
  starting: ['マイナポータルに接続しています…', 'Connecting to Mynaportal…'],
  consenting: [
    'マイナポータルの画面で、内容を確認して同意し、マイナンバーカードで本人確認をしてください。',
    'In the Mynaportal window, check what is requested, consent, and confirm your identity with your My Number card.',
  ],
  waiting: ['マイナポータルから情報を取得しています…', 'Fetching your information from Mynaportal…'],
  waitingElapsed: ['経過時間 {seconds} 秒', '{seconds} s elapsed'],
  timeoutNotice: [
    'マイナポータルからの情報取得に時間を要しております。ご自身にてご確認の上で直接入力していただくか、後日お送りするメールより再度お申し込みください。',
    'Fetching from Mynaportal is taking a long time. Please check and enter the information yourself, or apply again later from the email we will send you.',
  ],
  review: [
    '取得した情報を確認してください。「フォームに入力する」を押すと、次の欄に入力されます。',
    'Check the information fetched. “Fill in the form” writes it into the fields shown.',
  ],
  reviewTarget: ['入力先: {field}', 'Goes into: {field}'],
  reviewNoTarget: ['入力先なし', 'Not used by this form'],
  noRecord: ['記録なし', 'No record'],
  fill: ['フォームに入力する', 'Fill in the form'],
  discard: ['入力しない', 'Discard'],
  cancel: ['中止する', 'Cancel'],
  retry: ['もう一度試す', 'Try again'],
  done: ['マイナポータルから取得した情報を入力しました。内容をご確認ください。', 'The information from Mynaportal has been filled in. Please check it.'],
  discarded: ['取得した情報は入力せずに破棄しました。', 'The fetched information was discarded; nothing was filled in.'],
  cancelled: ['取得を中止しました。フォームは変更されていません。', 'Fetching was cancelled. Your form has not been changed.'],
  cardLocked: ['マイナンバーカードの暗証番号の誤りが続いたため、取得を中止しました。', 'Fetching stopped after repeated wrong My Number card PINs.'],
  unavailable: ['現在、マイナポータルから情報を取得できません。', 'Your information cannot be fetched from Mynaportal right now.'],
  unavailableServers: ['停止中: {servers}', 'Not running: {servers}'],
  stopHours: ['運用時間外', 'outside its hours'],
  stopPlanned: ['計画停止', 'planned stop'],
  stopMaintenance: ['メンテナンス', 'maintenance'],
  stopYearEnd: ['年末年始の停止', 'year-end stop'],
  unavailableUntil: ['{time} 以降に取得できます。', 'It can be fetched from {time} (Japan time).'],
  waysOn: [
    'お手数ですが、直接入力していただくか、時間をおいて再度お試しください。取得できるようになったらメールでお知らせすることもできます。',
    'Please enter it yourself, or try again later. We can also email you when it can be fetched.',
  ],
  enterManually: ['直接入力する', 'Enter it myself'],
  comeBackLater: ['あとで試す', 'Try again later'],
  emailMe: ['メールで知らせてもらう', 'Email me'],
  keepWaiting: ['このまま待つ', 'Keep waiting'],
  fallbackTitle: ['メールでのお知らせ', 'Email notice'],
  fallbackIntro: [
    'マイナポータルから情報を取得できるようになりましたら、ご連絡させていただきます。お手数をおかけしますが、ご連絡先のメールアドレスをご入力いただき、登録ボタンを押してください。',
    'We will contact you when your information can be fetched from Mynaportal. Please enter your email address and press Register.',
  ],
  fallbackEmail: ['登録するメールアドレス', 'Email address'],
  fallbackConfirmation: ['登録するメールアドレス再入力', 'Email address again'],
  fallbackSubmit: ['登録', 'Register'],
  fallbackSubmitting: ['登録しています…', 'Registering…'],
  fallbackEmailRequired: ['メールアドレスを入力してください。', 'Enter your email address.'],
  fallbackEmailInvalid: [
    'メールアドレスの形式が正しくありません（例: taro@example.jp）。',
    'This is not a valid email address (example: taro@example.jp).',
  ],
  fallbackEmailTooLong: ['メールアドレスが長すぎます（254 文字以内）。', 'This email address is too long (at most 254 characters).'],
  fallbackMismatch: ['上の欄と同じメールアドレスを入力してください。', 'Enter the same email address as above.'],
  fallbackErrors: ['入力内容を確認してください。', 'Please check what you entered.'],
  fallbackRegistered: [
    'メールアドレスを登録しました。取得できるようになりましたら、メールでお知らせします。',
    'Your email address is registered. We will email you when your information can be fetched.',
  ],
  resumed: [
    'メールのリンクからお戻りいただきました。「{button}」を押して取得してください。',
    'Welcome back from the email link. Press “{button}” to fetch your information.',
  ],
  disclosureTitle: ['マイナポータルから情報を取得します', 'Fetching your information from Mynaportal'],
  disclosureIntro: [
    '{service}は、あなたの同意を得て、マイナポータル（デジタル庁）から次の情報を取得します。',
    '{service} will, with your consent, fetch the following information from Mynaportal (Digital Agency).',
  ],
  disclosureItems: ['取得する情報', 'Information fetched'],
  disclosurePeriod: ['対象の時点: {period}', 'Point in time: {period}'],
  periodLatest: ['最新の情報', 'the latest information'],
  periodAt: ['{at} 時点', 'as of {at}'],
  periodRange: ['{from} から {to} まで', 'from {from} to {to}'],
  disclosurePurpose: ['利用目的: {purpose}', 'Purpose: {purpose}'],
  disclosureRetention: ['保存期間: 取得から {days} 日間。その後は削除します。', 'Kept for {days} days after it is fetched, then deleted.'],
  disclosureAuth: [
    'このあとマイナポータルの画面で内容を確認して同意し、マイナンバーカードと暗証番号（4桁）で本人確認をします。途中でいつでも中止できます。',
    'Next, on Mynaportal, you check what is requested, consent, and confirm your identity with your My Number card and its 4-digit PIN. You can stop at any point.',
  ],
  disclosureLoading: ['取得する情報を確認しています…', 'Checking what will be fetched…'],
  continue: ['マイナポータルへ進む', 'Continue to Mynaportal'],
  continueHere: ['この画面のままマイナポータルへ進む', 'Continue to Mynaportal in this window'],
  configMissingRelay: [
    '設定エラー: relay 属性（中継サーバの URL）が指定されていません。',
    'Configuration error: the relay attribute (the relay server URL) is missing.',
  ],
  configMissingItems: [
    '設定エラー: items 属性（取得する情報）が指定されていません。',
    'Configuration error: the items attribute (what to fetch) is missing.',
  ],
  configInvalid: [
    '設定エラー: {attribute} 属性が正しくありません（{reason}）。',
    'Configuration error: the {attribute} attribute is invalid ({reason}).',
  ],
  popupBlocked: [
    'マイナポータルの画面を別ウィンドウで開けませんでした（ポップアップがブロックされました）。この画面のまま進むこともできます。入力中の内容は保持されます。',
    'The Mynaportal window could not be opened (a pop-up blocker stopped it). You can continue in this window instead; what you have entered is kept.',
  ],
  relayUnreachable: [
    '中継サーバに接続できませんでした。通信状況をご確認のうえ、もう一度お試しください。',
    'The relay server could not be reached. Check your connection and try again.',
  ],
  relayRejected: ['中継サーバが要求を受け付けませんでした（{code}）。', 'The relay server refused the request ({code}).'],
  portalError: ['マイナポータルでエラーが発生しました。時間をおいてもう一度お試しください。', 'Mynaportal reported an error. Please try again later.'],
  expired: ['手続きの有効期限が切れました。最初からやり直してください。', 'This request has expired. Please start again.'],
} as const satisfies Record<string, readonly [ja: string, en: string]>;

export type MessageKey = keyof typeof messageTable;
export type Messages = Record<MessageKey, string>;

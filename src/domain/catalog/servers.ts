/** The systems every retrieval passes through (tables 2.5-1 .. 2.5-3 of guideline v2.2). */
export type SystemId = 'mynaportal' | 'joho-teikyo-nw' | 'juki-net';

/** The intermediate servers that hold self-information (table 2.5-4 of v2.2, in its row order). */
export type IntermediateServerId =
  | 'jichitai'
  | 'chiho-komuin-saigai'
  | 'hellowork'
  | 'iryo-hoken'
  | 'chikyosai'
  | 'kokkyosai'
  | 'shigaku-kyosai'
  | 'rodo-kijun'
  | 'nenkin'
  | 'koukin-koza';

export type ServerId = SystemId | IntermediateServerId;

export interface ServerInfo {
  id: ServerId;
  kind: 'system' | 'intermediate';
  labelJa: string;
  labelEn: string;
}

export const SYSTEM_IDS: readonly SystemId[] = ['mynaportal', 'joho-teikyo-nw', 'juki-net'];

export const INTERMEDIATE_SERVER_IDS: readonly IntermediateServerId[] = [
  'jichitai',
  'chiho-komuin-saigai',
  'hellowork',
  'iryo-hoken',
  'chikyosai',
  'kokkyosai',
  'shigaku-kyosai',
  'rodo-kijun',
  'nenkin',
  'koukin-koza',
];

// labelJa as printed in v2.2 (tables 2.5-1 .. 2.5-4), line breaks of the PDF removed.
export const SERVERS: readonly ServerInfo[] = [
  { id: 'mynaportal', kind: 'system', labelJa: 'マイナポータル', labelEn: 'Mynaportal' },
  {
    id: 'joho-teikyo-nw',
    kind: 'system',
    labelJa: '情報提供ネットワークシステム',
    labelEn: 'Information-sharing network system',
  },
  {
    id: 'juki-net',
    kind: 'system',
    labelJa: '住民基本台帳ネットワークシステム',
    labelEn: 'Basic resident registry network system',
  },
  {
    id: 'jichitai',
    kind: 'intermediate',
    labelJa: '自治体中間サーバ',
    labelEn: 'Local government intermediate server',
  },
  {
    id: 'chiho-komuin-saigai',
    kind: 'intermediate',
    labelJa: '地方公務員災害補償基金中間サーバ',
    labelEn: "Local Public Officers' Accident Compensation Fund intermediate server",
  },
  {
    id: 'hellowork',
    kind: 'intermediate',
    labelJa: '職業安定局（ハローワーク）中間サーバ',
    labelEn: 'Employment Security Bureau (Hello Work) intermediate server',
  },
  {
    id: 'iryo-hoken',
    kind: 'intermediate',
    labelJa: '医療保険者等向け中間サーバ',
    labelEn: 'Intermediate server for medical insurers',
  },
  {
    id: 'chikyosai',
    kind: 'intermediate',
    labelJa: '地共済（長期）中間サーバ',
    labelEn: "Local public officers' mutual aid (long-term) intermediate server",
  },
  {
    id: 'kokkyosai',
    kind: 'intermediate',
    labelJa: '国共済（長期）中間サーバ',
    labelEn: "National public officers' mutual aid (long-term) intermediate server",
  },
  {
    id: 'shigaku-kyosai',
    kind: 'intermediate',
    labelJa: '日本私立学校振興・共済事業団（長期）中間サーバ',
    labelEn: 'Promotion and Mutual Aid Corporation for Private Schools of Japan (long-term) intermediate server',
  },
  {
    id: 'rodo-kijun',
    kind: 'intermediate',
    labelJa: '労働基準局中間サーバ',
    labelEn: 'Labour Standards Bureau intermediate server',
  },
  {
    id: 'nenkin',
    kind: 'intermediate',
    labelJa: '日本年金機構中間サーバ',
    labelEn: 'Japan Pension Service intermediate server',
  },
  {
    id: 'koukin-koza',
    kind: 'intermediate',
    labelJa: '口座情報登録・連携システム中間サーバ',
    labelEn: 'Account information registration and linkage system intermediate server',
  },
];

import type { IntermediateServerId } from '../servers.js';

/**
 * Table 2.5-5 of v2.2: the intermediate servers that hold each 分野詳細名, in the table's row
 * order. A 分野詳細名 spread over several rows lists several servers.
 */
export const HOLDING_SERVERS = {
  世帯: ['jichitai'],
  地方税: ['jichitai'],
  公金受取口座: ['koukin-koza'],
  医療保険: ['iryo-hoken', 'jichitai'],
  予防接種: ['jichitai'],
  '健康・医療その他': ['iryo-hoken', 'jichitai', 'chiho-komuin-saigai'],
  '子ども・子育て支援': ['jichitai'],
  母子家庭等関係: ['jichitai'],
  母子保健: ['jichitai'],
  '教育・就学支援': ['jichitai'],
  // Printed 「子ども・子育て その他」 in table 2.5-5 (a line-wrap space); 2.4-1 has no space.
  '子ども・子育てその他': ['jichitai'],
  障害保健福祉: ['jichitai'],
  '生活保護・福祉一般': ['jichitai', 'nenkin'],
  中国残留邦人等支援: ['jichitai'],
  '介護・高齢者福祉': ['jichitai'],
  雇用: ['hellowork'],
  労災補償: ['rodo-kijun', 'chiho-komuin-saigai'],
  '年金・日本年金機構関係': ['nenkin', 'jichitai', 'chiho-komuin-saigai', 'chikyosai', 'kokkyosai', 'shigaku-kyosai'],
} as const satisfies Record<string, readonly IntermediateServerId[]>;

export type DetailNameJa = keyof typeof HOLDING_SERVERS;

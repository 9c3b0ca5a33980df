import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CATALOG,
  INTERMEDIATE_SERVER_IDS,
  SERVERS,
  SYSTEM_IDS,
  catalogEntry,
  entryByInfoNumber,
} from '../../../src/domain/catalog/index.js';

describe('servers', () => {
  it('lists the systems and intermediate servers with the guideline labels', () => {
    assert.deepEqual(SYSTEM_IDS, ['mynaportal', 'joho-teikyo-nw', 'juki-net']);
    assert.deepEqual(
      SERVERS.map((server) => [server.id, server.kind, server.labelJa]),
      [
        ['mynaportal', 'system', 'マイナポータル'],
        ['joho-teikyo-nw', 'system', '情報提供ネットワークシステム'],
        ['juki-net', 'system', '住民基本台帳ネットワークシステム'],
        ['jichitai', 'intermediate', '自治体中間サーバ'],
        ['chiho-komuin-saigai', 'intermediate', '地方公務員災害補償基金中間サーバ'],
        ['hellowork', 'intermediate', '職業安定局（ハローワーク）中間サーバ'],
        ['iryo-hoken', 'intermediate', '医療保険者等向け中間サーバ'],
        ['chikyosai', 'intermediate', '地共済（長期）中間サーバ'],
        ['kokkyosai', 'intermediate', '国共済（長期）中間サーバ'],
        ['shigaku-kyosai', 'intermediate', '日本私立学校振興・共済事業団（長期）中間サーバ'],
        ['rodo-kijun', 'intermediate', '労働基準局中間サーバ'],
        ['nenkin', 'intermediate', '日本年金機構中間サーバ'],
        ['koukin-koza', 'intermediate', '口座情報登録・連携システム中間サーバ'],
      ],
    );
    assert.deepEqual(
      SERVERS.filter((server) => server.kind === 'intermediate').map((server) => server.id),
      INTERMEDIATE_SERVER_IDS,
    );
    for (const server of SERVERS) assert.notEqual(server.labelEn.trim(), '');
  });
});

describe('table 2.5-5 (which server holds what)', () => {
  it('maps every 分野詳細名 to the servers of its rows', () => {
    const serversByDetailName = CATALOG.filter((entry) => entry.parent === null).map((entry) => [
      entry.labelJa,
      entry.server,
    ]);
    assert.deepEqual(serversByDetailName, [
      ['世帯', ['jichitai']],
      ['地方税', ['jichitai']],
      ['公金受取口座', ['koukin-koza']],
      ['医療保険', ['iryo-hoken', 'jichitai']],
      ['予防接種', ['jichitai']],
      ['健康・医療その他', ['iryo-hoken', 'jichitai', 'chiho-komuin-saigai']],
      ['子ども・子育て支援', ['jichitai']],
      ['母子家庭等関係', ['jichitai']],
      ['母子保健', ['jichitai']],
      ['教育・就学支援', ['jichitai']],
      ['子ども・子育てその他', ['jichitai']],
      ['障害保健福祉', ['jichitai']],
      ['生活保護・福祉一般', ['jichitai', 'nenkin']],
      ['中国残留邦人等支援', ['jichitai']],
      ['介護・高齢者福祉', ['jichitai']],
      ['雇用', ['hellowork']],
      ['労災補償', ['rodo-kijun', 'chiho-komuin-saigai']],
      ['年金・日本年金機構関係', ['nenkin', 'jichitai', 'chiho-komuin-saigai', 'chikyosai', 'kokkyosai', 'shigaku-kyosai']],
    ]);
  });

  it('gives info numbers the servers of their 分野詳細名', () => {
    assert.deepEqual(entryByInfoNumber('6-1')?.server, ['hellowork']);
    assert.deepEqual(entryByInfoNumber('5-10')?.server, ['jichitai', 'nenkin']);
    assert.deepEqual(entryByInfoNumber('3-4')?.server, ['jichitai']);
    assert.deepEqual(entryByInfoNumber('6-6')?.server, ['rodo-kijun', 'chiho-komuin-saigai']);
    assert.deepEqual(catalogEntry('publicFundAccount')?.server, ['koukin-koza']);
  });

  it('lets every entry inherit the servers of its parent', () => {
    for (const entry of CATALOG) {
      if (entry.parent === null) continue;
      assert.deepEqual(entry.server, catalogEntry(entry.parent)?.server, entry.key);
    }
    assert.deepEqual(catalogEntry('localTax.salaryRevenue')?.server, ['jichitai']);
  });
});

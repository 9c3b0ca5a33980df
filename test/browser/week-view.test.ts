import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AvailabilityWeek, MynaAvailabilityWeek, WeekRequest } from '../../src/widget/week-view/index.js';
import { defineMynaAvailabilityWeek } from '../../src/widget/week-view/index.js';
import { SAMPLE_WEEK, SAMPLE_WEEK_WITH_MAINTENANCE } from '../../src/widget/week-view/sample-week.js';

const shadow = (el: MynaAvailabilityWeek) => el.shadowRoot!;
const cellsOf = (row: Element) => [...row.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());

/** The visually hidden table as text: header row, then one row per server. */
function tableOf(el: MynaAvailabilityWeek): string[][] {
  const table = shadow(el).querySelector('table')!;
  return [...table.querySelectorAll('tr')].map(cellsOf);
}

/** A scripted source: answers `week` and records every request; nothing leaves the page. */
function scripted(week: AvailabilityWeek | Error) {
  const requests: Omit<WeekRequest, 'signal'>[] = [];
  const fetchWeek = async ({ relay, items, from }: WeekRequest): Promise<AvailabilityWeek> => {
    requests.push({ relay, items, from });
    if (week instanceof Error) throw week;
    return week;
  };
  return { requests, fetchWeek };
}

async function weekView(lang: string, source = scripted(SAMPLE_WEEK)) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div lang=${lang}>
      <myna-availability-week relay="http://relay.invalid" items="localTax" from="2026-11-21T00:00:00+09:00" .fetchWeek=${source.fetchWeek}></myna-availability-week>
    </div>
  `);
  const el = wrapper.querySelector('myna-availability-week')!;
  await waitUntil(() => shadow(el).querySelector('table'), 'the week is drawn');
  return { el, ...source };
}

describe('<myna-availability-week>', () => {
  it('registers once; a second define is harmless', () => {
    defineMynaAvailabilityWeek();
    expect(customElements.get('myna-availability-week')).to.exist;
  });

  it('asks its source for the items and the week start, and tells the known week in a table (ja)', async () => {
    const { el, requests } = await weekView('ja');
    expect(requests).to.deep.equal([{ relay: 'http://relay.invalid', items: ['localTax'], from: '2026-11-21T00:00:00+09:00' }]);
    const caption = shadow(el).querySelector('caption')!.textContent!;
    expect(caption).to.equal('必要なサーバの稼働予定（日本時間、11月21日（土）〜11月27日（金））。現在 11月21日（土） 23:00');
    const [head, ...rows] = tableOf(el);
    expect(head).to.deep.equal([
      'サーバ',
      '11月21日（土）',
      '11月22日（日）',
      '11月23日（月） 祝日: 勤労感謝の日',
      '11月24日（火）',
      '11月25日（水）',
      '11月26日（木）',
      '11月27日（金）',
    ]);
    expect(rows.map((row) => row[0])).to.deep.equal(['マイナポータル', '情報提供ネットワークシステム', '住民基本台帳ネットワークシステム', '自治体中間サーバ']);
    expect(rows[0]!.slice(1)).to.deep.equal(Array(7).fill('終日稼働'));
    expect(rows[2]!.slice(1, 4)).to.deep.equal(['00:00〜22:00 稼働、22:00〜24:00 停止（計画停止）', '00:00〜08:00 停止（計画停止）、08:00〜24:00 稼働', '終日稼働']);
    expect(rows[3]!.slice(1, 4)).to.deep.equal(['終日停止（計画停止）', '終日停止（計画停止）', '終日稼働']);
    const headers = shadow(el).querySelectorAll('th');
    expect([...headers].every((th) => th.getAttribute('scope') === 'col' || th.getAttribute('scope') === 'row')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('draws bars per stretch, patterned by reason, the now line and the holiday under its day', async () => {
    const { el } = await weekView('ja');
    const chart = shadow(el).querySelector('[part="chart"]')!;
    expect(chart.getAttribute('aria-hidden')).to.equal('true');
    const jukiNet = shadow(el).querySelectorAll('.track')[2]!;
    const bars = [...jukiNet.querySelectorAll<HTMLElement>('[part~="bar"]')];
    expect(bars.map((bar) => bar.className)).to.deep.equal(['up', 'down planned-stop', 'up']);
    // 22:00 Saturday is 22/168 of the week.
    expect(Number.parseFloat(bars[1]!.style.getPropertyValue('--start'))).to.be.closeTo((22 / 168) * 100, 0.01);
    expect(getComputedStyle(bars[1]!).backgroundImage).to.contain('repeating-linear-gradient');
    const now = jukiNet.querySelector<HTMLElement>('[part="now"]')!;
    expect(Number.parseFloat(now.style.getPropertyValue('--at'))).to.be.closeTo((23 / 168) * 100, 0.01);
    expect(el.getAttribute('style')).to.equal(null);
    const monday = shadow(el).querySelectorAll('[part~="day"]')[2]!;
    expect(monday.textContent).to.contain('勤労感謝の日');
    expect(monday.getAttribute('part')).to.contain('off');
    const legend = shadow(el).querySelector('[part="legend"]')!.textContent!;
    for (const word of ['稼働', '計画停止', 'メンテナンス', '年末年始の休止', '運用時間外', '現在', '祝日']) expect(legend).to.contain(word);
  });

  it('in English by lang', async () => {
    const { el } = await weekView('en');
    const [head, ...rows] = tableOf(el);
    expect(head![0]).to.equal('Server');
    expect(head![3]).to.equal('Mon 11/23 Holiday: Labor Thanksgiving Day');
    expect(rows[2]).to.deep.equal([
      'Basic resident registry network system',
      '00:00–22:00 Up, 22:00–24:00 Down (planned stop)',
      '00:00–08:00 Down (planned stop), 08:00–24:00 Up',
      'Up all day',
      'Up all day',
      'Up all day',
      'Up all day',
      'Up all day',
    ]);
    expect(shadow(el).querySelector('caption')!.textContent).to.contain('Now Sat 11/21 23:00');
    await expect(el).to.be.accessible();
  });

  it('names a maintenance window and its announcement', async () => {
    const { el } = await weekView('ja', scripted(SAMPLE_WEEK_WITH_MAINTENANCE));
    const rows = tableOf(el);
    expect(rows[4]![5]).to.equal('00:00〜01:00 稼働、01:00〜05:00 停止（メンテナンス: Database upgrade）、05:00〜24:00 稼働');
    expect(shadow(el).querySelector('.maintenance')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('draws a static week without asking anyone', async () => {
    const el = await fixture<MynaAvailabilityWeek>(html`<myna-availability-week .week=${SAMPLE_WEEK}></myna-availability-week>`);
    expect(tableOf(el)).to.have.length(5);
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.equal('');
  });

  it('says when the week cannot be loaded, and refresh() asks again', async () => {
    const failing = scripted(new Error('offline'));
    const el = await fixture<MynaAvailabilityWeek>(html`<myna-availability-week relay="http://relay.invalid" items="localTax" .fetchWeek=${failing.fetchWeek}></myna-availability-week>`);
    await waitUntil(() => shadow(el).querySelector('[part="status"]')!.textContent === '稼働予定を取得できませんでした。');
    await expect(el).to.be.accessible();
    const working = scripted(SAMPLE_WEEK);
    el.fetchWeek = working.fetchWeek;
    await waitUntil(() => shadow(el).querySelector('table'));
    await el.refresh();
    expect(working.requests).to.have.length(2);
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.equal('');
  });
});

// 发现台账: how often each warning rule is right (GET /api/v1/discovery/ledger) — per rule over the
// caller's area, with a meter of the share of visited households found in need, and per rule and
// township below. A county reads it to tune assets/discovery/rules.json.
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { closeReasonNames, ruleNames, label } from '../labels.js';
import { chinaToday } from '../format.js';

const columns = [
  ['flagged', '预警户数'], ['visited', '已走访'], ['confirmed', '确认困难'], ['applied', '已申请'],
  ['approved', '已批准'], ['closed_not_eligible', '不符合条件'], ['closed_declined', '本人不愿申请'],
  ['closed_followed_up', '跟进办结'],
  ['visits_no_need', '走访认为无需救助'],
];

// console: items closed with a reason code, one column per code (closed_by_reason).
const reasonColumns = Object.entries(closeReasonNames);

function days(v) {
  return v === null || v === undefined ? '—' : String(v);
}

function hitRate(r) {
  if (!r.visited) return h('span', {}, '—');
  const pct = Math.round((100 * r.confirmed) / r.visited);
  return h('span', { class: 'rate' },
    h('meter', { min: 0, max: 100, value: pct, 'aria-label': `${label(ruleNames, r.rule)} 命中率` }), ` ${pct}%`);
}

// console: how the items each rule flagged were closed, by reason code, and the false alarms.
function reasonTable(id, rows) {
  return h('table', { class: 'list ledger', id },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '预警规则'),
      reasonColumns.map(([, t]) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, '误报合计'))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-rule': r.rule },
      h('th', { scope: 'row' }, label(ruleNames, r.rule)),
      reasonColumns.map(([k]) => h('td', { 'data-col': `closed_by_reason.${k}` }, String(r.closed_by_reason?.[k] ?? 0))),
      h('td', { 'data-col': 'false_alarms' }, String(r.false_alarms ?? 0))))));
}

function table(id, rows, withTownship) {
  return h('table', { class: 'list ledger', id },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, '预警规则'), withTownship ? h('th', { scope: 'col' }, '乡镇') : null,
      columns.map(([, t]) => h('th', { scope: 'col' }, t)),
      h('th', { scope: 'col' }, '预警→走访（工作日，中位数）'), h('th', { scope: 'col' }, '预警→办结（工作日，中位数）'),
      h('th', { scope: 'col' }, '命中率（确认困难/已走访）'),
      // county: how old the feed data was when the rule fired.
      h('th', { scope: 'col' }, '预警时数据已有几天（中位数 / 最久）'))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-rule': r.rule, 'data-township': r.township ?? null },
      h('th', { scope: 'row' }, label(ruleNames, r.rule)),
      withTownship ? h('td', {}, r.township) : null,
      columns.map(([k]) => h('td', { 'data-col': k }, String(r[k] ?? 0))),
      h('td', {}, days(r.median_working_days_flag_to_visit)),
      h('td', {}, days(r.median_working_days_flag_to_close)),
      h('td', {}, hitRate(r)),
      h('td', { 'data-col': 'feed_age' }, r.median_feed_age_days === null || r.median_feed_age_days === undefined
        ? '—' : `${r.median_feed_age_days} / ${r.max_feed_age_days}`)))));
}

export async function ledgerPage(root) {
  document.title = '发现台账 · 救助工作人员控制台';
  const today = chinaToday();
  const from = h('input', { type: 'date', id: 'ledger-from', value: `${today.slice(0, 4)}-01-01`, max: today });
  const to = h('input', { type: 'date', id: 'ledger-to', value: today, max: today });
  const form = h('form', { class: 'filters', 'aria-label': '统计期间' },
    h('label', { for: 'ledger-from' }, '从'), from, h('label', { for: 'ledger-to' }, '到'), to,
    h('button', { type: 'submit' }, '统计'));
  const status = h('p', { role: 'status', class: 'status-line' });
  const out = h('div', { class: 'table-wrap' });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });

  async function load() {
    replace(status, '正在统计…');
    try {
      const r = await get(`/api/v1/discovery/ledger?${new URLSearchParams({ from: from.value, to: to.value })}`);
      replace(status, `${r.from} 至 ${r.to}：${r.rules.length} 条规则发出过预警。`);
      replace(out,
        h('h2', {}, '按预警规则'), table('ledger-rules', r.rules, false),
        h('h2', {}, '结案原因（按预警规则）'), reasonTable('ledger-reasons', r.rules),
        h('details', {}, h('summary', {}, '按规则和乡镇'), table('ledger-rows', r.rows, true)));
    } catch (e) {
      replace(status, messageOf(e));
    }
  }

  replace(root, h('h1', {}, '发现台账'),
    h('p', {}, '每条预警规则在所选期间发现了多少户、走访了多少、确认困难多少、最终批准多少。命中率低的规则，可以调整 assets/discovery/rules.json 中的阈值后再比对。'),
    form, status, out);
  await load();
}

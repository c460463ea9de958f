// 主动发现: the township's discovery queue (the county's for county staff), highest score first,
// filtered and paginated by the server (GET /api/v1/discovery/queue).
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { changeNames, itemStateNames, keyCategoryNames, ruleNames, label } from '../labels.js';
import { chinaToday } from '../format.js';

const PAGE = 20;

export async function discoveryPage(root) {
  document.title = '主动发现 · 救助工作人员控制台';
  const state = { status: 'open', change: '', mine: false };
  const cursors = [null];
  let page = 0;

  const status = h('select', { id: 'dq-status' },
    h('option', { value: 'open' }, '待办（未办结）'), h('option', { value: 'closed' }, '已办结'),
    h('option', { value: 'all' }, '全部'));
  const change = h('select', { id: 'dq-change' }, h('option', { value: '' }, '全部'),
    Object.entries(changeNames).map(([v, t]) => h('option', { value: v }, t)));
  const mine = h('input', { type: 'checkbox', id: 'dq-mine' });
  const filter = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选预警' },
    h('label', { for: 'dq-status' }, '状态'), status,
    h('label', { for: 'dq-change' }, '与上次比对'), change,
    h('span', { class: 'choice' }, mine, h('label', { for: 'dq-mine' }, '只看我负责的')),
    h('button', { type: 'submit' }, '筛选'));
  const message = h('p', { role: 'status', class: 'status-line' });
  const table = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': '翻页' });

  filter.addEventListener('submit', (ev) => {
    ev.preventDefault();
    Object.assign(state, { status: status.value, change: change.value, mine: mine.checked });
    cursors.length = 1;
    page = 0;
    load();
  });

  async function load() {
    replace(message, '正在加载…');
    const p = new URLSearchParams({ limit: String(PAGE), status: state.status });
    if (state.change) p.set('change', state.change);
    if (state.mine) p.set('assigned_to', 'me');
    if (cursors[page]) p.set('cursor', cursors[page]);
    try {
      const r = await get(`/api/v1/discovery/queue?${p}`);
      cursors[page + 1] = r.next_cursor;
      render(r.items ?? []);
      replace(message, r.items?.length ? `第 ${page + 1} 页，共 ${r.items.length} 户` : '没有符合条件的预警。');
    } catch (e) {
      replace(message, messageOf(e));
    }
  }

  function render(items) {
    const today = chinaToday();
    replace(table, h('table', { class: 'list', id: 'discovery-table' },
      h('caption', { class: 'sr-only' }, '预警户列表：按风险分从高到低'),
      h('thead', {}, h('tr', {},
        ['风险分', '户', '预警原因', '重点人群', '与上次比对', '状态', '应走访日期', '负责人'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map((it) => {
        const late = it.visit_due && it.visit_due < today && it.state === 'lead';
        return h('tr', { class: late ? 'overdue' : null },
          h('td', {}, String(it.score)),
          h('td', {}, h('a', { href: `#/discovery-item/${it.id}` },
            it.source === 'lead' ? `线索 ${it.id_number || it.lead_id || it.id}` : `${it.id_number || it.household_id}`)),
          h('td', {}, (it.flags ?? []).map((f) => label(ruleNames, f)).join('、')),
          h('td', {}, it.key_category ? label(keyCategoryNames, it.key_category) : ''),
          h('td', {}, label(changeNames, it.change ?? '')),
          h('td', {}, label(itemStateNames, it.state)),
          h('td', { class: 'deadline' }, it.visit_due ? `${it.visit_due}${late ? '（已逾期）' : ''}` : ''),
          h('td', {}, it.assigned_to || '未指派'));
      }))));
    replace(pager,
      h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; load(); } }, '上一页'),
      h('button', { type: 'button', disabled: !cursors[page + 1], onclick: () => { page += 1; load(); } }, '下一页'));
  }

  replace(root, h('h1', {}, '主动发现'),
    h('p', {}, '系统比对各部门数据后发现的可能困难户。请按应走访日期入户核实，记录走访结果。'),
    filter, message, table, pager);
  await load();
}

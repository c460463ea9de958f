// 全县总览: the county's counts per township (applications by status, overdue cases, discovery
// queue open/closed, home visits due) and per program (GET /api/v1/county/overview, aggregated by
// the server), and the overdue cases — statutory due date passed — longest overdue first, filtered
// by township and paginated by the server (GET /api/v1/county/overdue).
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { statusNames, label } from '../labels.js';
import { chinaTime, programNames, statusBadge } from '../format.js';

const PAGE = 20;
const STATUSES = Object.keys(statusNames);

function townName(t) {
  return t.township_name ? `${t.township_name}（${t.township}）` : t.township;
}

function n(v) {
  return String(v ?? 0);
}

function townshipTable(r) {
  const head = ['乡镇', ...STATUSES.map((s) => label(statusNames, s)), '申请合计', '已超期', '预警待办', '预警已办结',
    '应走访', '走访已逾期'];
  const row = (t, name, isTotal) => h('tr', { 'data-township': t.township ?? 'total', class: isTotal ? 'total' : null },
    h('th', { scope: 'row' }, name),
    STATUSES.map((s) => h('td', { 'data-col': s }, n(t.applications[s]))),
    h('td', { 'data-col': 'total' }, n(t.applications.total)),
    h('td', { 'data-col': 'overdue', class: t.overdue ? 'overdue-text' : null }, t.overdue ? `${t.overdue}（超期）` : '0'),
    h('td', { 'data-col': 'discovery_open' }, n(t.discovery_open)),
    h('td', { 'data-col': 'discovery_closed' }, n(t.discovery_closed)),
    h('td', { 'data-col': 'visits_due' }, n(t.visits_due)),
    h('td', { 'data-col': 'visits_overdue', class: t.visits_overdue ? 'overdue-text' : null }, n(t.visits_overdue)));
  return h('table', { class: 'list', id: 'county-townships' },
    h('caption', { class: 'sr-only' }, '各乡镇的申请、超期、主动发现和走访数'),
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, r.townships.map((t) => row(t, townName(t), false))),
    h('tfoot', {}, row(r.total, '全县合计', true)));
}

function programTable(r, names) {
  return h('table', { class: 'list', id: 'county-programs' },
    h('caption', { class: 'sr-only' }, '各救助项目在各乡镇的申请数'),
    h('thead', {}, h('tr', {}, ['救助项目', '乡镇', ...STATUSES.map((s) => label(statusNames, s)), '合计']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, r.programs.map((p) => h('tr', { 'data-program': p.program, 'data-township': p.township },
      h('th', { scope: 'row' }, names[p.program] ?? p.program),
      h('td', {}, townName(p)),
      STATUSES.map((s) => h('td', { 'data-col': s }, n(p.applications[s]))),
      h('td', { 'data-col': 'total' }, n(p.applications.total))))));
}

export async function countyPage(root) {
  document.title = '全县总览 · 救助工作人员控制台';
  const names = await programNames();
  const status = h('p', { role: 'status', class: 'status-line' }, '正在统计…');
  const counts = h('div', { class: 'table-wrap' });
  const programs = h('div', { class: 'table-wrap' });
  const town = h('select', { id: 'overdue-township' }, h('option', { value: '' }, '全部乡镇'));
  const filter = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选超期案件' },
    h('label', { for: 'overdue-township' }, '乡镇'), town, h('button', { type: 'submit' }, '筛选'));
  const overdueStatus = h('p', { role: 'status', class: 'status-line' });
  const overdue = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': '超期案件翻页' });
  const cursors = [null];
  let page = 0;

  replace(root, h('h1', {}, '全县总览'), status,
    h('section', { class: 'card', 'aria-labelledby': 'c-towns' }, h('h2', { id: 'c-towns' }, '各乡镇'), counts),
    h('section', { class: 'card', 'aria-labelledby': 'c-programs' },
      h('h2', { id: 'c-programs' }, '各救助项目'), programs),
    h('section', { class: 'card', 'aria-labelledby': 'c-overdue' },
      h('h2', { id: 'c-overdue' }, '超期案件（已过法定办结期限）'), filter, overdueStatus, overdue, pager));

  filter.addEventListener('submit', (ev) => {
    ev.preventDefault();
    cursors.length = 1;
    page = 0;
    loadOverdue();
  });

  async function loadOverdue() {
    replace(overdueStatus, '正在加载…');
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (town.value) params.set('township', town.value);
    if (cursors[page]) params.set('cursor', cursors[page]);
    try {
      const r = await get(`/api/v1/county/overdue?${params}`);
      cursors[page + 1] = r.next_cursor;
      replace(overdueStatus, r.items.length ? `第 ${page + 1} 页，共 ${r.items.length} 件超期案件` : '没有超期案件。');
      replace(overdue, r.items.length ? h('table', { class: 'list', id: 'overdue-table' },
        h('caption', { class: 'sr-only' }, '超期案件，超期最久的在前'),
        h('thead', {}, h('tr', {}, ['申请编号', '乡镇', '申请项目', '状态', '受理时间', '办结期限', '超期', '经办人']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.items.map((it) => h('tr', { class: 'overdue', 'data-no': it.application_no },
          h('td', {}, h('a', { href: `#/case/${encodeURIComponent(it.application_no)}` }, it.application_no)),
          h('td', {}, townName(it)),
          h('td', {}, (it.programs ?? []).map((p) => names[p] ?? p).join('、')),
          h('td', {}, statusBadge(it.status)),
          h('td', {}, chinaTime(it.received_at)),
          h('td', {}, it.due_date),
          h('td', { class: 'deadline', 'data-col': 'days_overdue' },
            `已超期 ${it.days_overdue} 天${it.working_days_overdue === null ? '' : `（${it.working_days_overdue} 个工作日）`}`),
          h('td', {}, it.assigned_to || '未指派'))))) : null);
      replace(pager,
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; loadOverdue(); } }, '上一页'),
        h('button', { type: 'button', disabled: !cursors[page + 1], onclick: () => { page += 1; loadOverdue(); } },
          '下一页'));
    } catch (e) {
      replace(overdueStatus, messageOf(e));
    }
  }

  try {
    const r = await get('/api/v1/county/overview');
    replace(status, `${r.today}：全县共 ${r.total.applications.total} 件申请，其中 ${r.total.overdue} 件已超期；`
      + `主动发现待办 ${r.total.discovery_open} 户，应走访 ${r.total.visits_due} 户。`);
    replace(counts, townshipTable(r));
    replace(programs, r.programs.length ? programTable(r, names) : h('p', {}, '还没有申请。'));
    replace(town, h('option', { value: '' }, '全部乡镇'),
      r.townships.map((t) => h('option', { value: t.township }, townName(t))));
  } catch (e) {
    replace(status, messageOf(e));
  }
  await loadOverdue();
}

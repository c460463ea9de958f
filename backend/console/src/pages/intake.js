// 受理台账: the applications of the caseworker's township (the county for county staff), 先行救助
// first, then newest; filtered by status and paginated by the server (GET /api/v1/intake).
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { statusNames } from '../labels.js';
import { chinaTime, deadlineText, programList, programNames, statusBadge } from '../format.js';

const PAGE = 20;

export async function intakePage(root) {
  document.title = '受理台账 · 救助工作人员控制台';
  const names = await programNames();
  let status = '';
  const cursors = [null];  // cursors[i] fetches page i
  let page = 0;

  const select = h('select', { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, '全部状态'),
    Object.entries(statusNames).map(([code, text]) => h('option', { value: code }, text)));
  const filter = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选申请' },
    h('label', { for: 'status-filter' }, '办理状态'), select,
    h('button', { type: 'submit' }, '筛选'));
  const table = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': '翻页' });
  const message = h('p', { role: 'status', class: 'status-line' });

  filter.addEventListener('submit', (ev) => {
    ev.preventDefault();
    status = select.value;
    cursors.length = 1;
    page = 0;
    load();
  });

  async function load() {
    replace(message, '正在加载…');
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (status) params.set('status', status);
    if (cursors[page]) params.set('cursor', cursors[page]);
    try {
      const r = await get(`/api/v1/intake?${params}`);
      cursors[page + 1] = r.next_cursor;
      render(r.items);
      replace(message, r.items.length ? `第 ${page + 1} 页，共 ${r.items.length} 件` : '没有符合条件的申请。');
    } catch (e) {
      replace(message, messageOf(e));
    }
  }

  function render(items) {
    replace(table, h('table', { class: 'list', id: 'intake-table' },
      h('caption', { class: 'sr-only' }, '申请列表：先行救助在前，其余按受理时间从新到旧'),
      h('thead', {}, h('tr', {},
        ['申请编号', '申请人', '申请项目', '状态', '受理时间', '办结期限', '距期限'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map((it) => h('tr', { class: it.overdue ? 'overdue' : null },
        h('td', {},
          it.first_aid ? h('span', { class: 'badge first-aid' }, '先行救助') : null,
          h('a', { href: `#/case/${encodeURIComponent(it.application_no)}` }, it.application_no)),
        h('td', {}, `${it.applicant?.name ?? ''} ${it.applicant?.id_number ?? ''}`),
        h('td', {}, programList(it.programs, names)),
        h('td', {}, statusBadge(it.status)),
        h('td', {}, chinaTime(it.received_at)),
        h('td', {}, it.due_date),
        h('td', { class: 'deadline' }, deadlineText(it)))))));
    replace(pager,
      h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; load(); } }, '上一页'),
      h('button', { type: 'button', disabled: !cursors[page + 1], onclick: () => { page += 1; load(); } }, '下一页'));
  }

  replace(root, h('h1', {}, '受理台账'), filter, message, table, pager);
  await load();
}

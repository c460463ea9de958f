// 今日受理: what the township's kiosks and window accepted today (China time), for hall staff.
// GET /api/v1/intake (newest first within priority) read until the rows are older than today.
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { chinaTime, chinaToday, programList, programNames, statusBadge } from '../format.js';

const MAX_PAGES = 10;

export async function todayPage(root) {
  document.title = '今日受理 · 救助工作人员控制台';
  const names = await programNames();
  const today = chinaToday();
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  const table = h('div', { class: 'table-wrap' });
  replace(root, h('h1', {}, `今日受理（${today}）`), status, table);
  const rows = [];
  try {
    let cursor = null;
    for (let page = 0; page < MAX_PAGES; ++page) {
      const params = new URLSearchParams({ limit: '200' });
      if (cursor) params.set('cursor', cursor);
      const r = await get(`/api/v1/intake?${params}`);
      const ofToday = r.items.filter((it) => chinaTime(it.received_at).startsWith(today));
      rows.push(...ofToday);
      // 先行救助 rows come first whatever their age, so only an old ordinary row ends the scan.
      const older = r.items.some((it) => !it.first_aid && !chinaTime(it.received_at).startsWith(today));
      if (older || !r.next_cursor) break;
      cursor = r.next_cursor;
    }
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  replace(status, rows.length ? `今天共受理 ${rows.length} 件。` : '今天还没有受理申请。');
  replace(table, h('table', { class: 'list', id: 'today-table' },
    h('caption', { class: 'sr-only' }, '今天受理的申请'),
    h('thead', {}, h('tr', {}, ['申请编号', '申请人', '申请项目', '状态', '受理时间', '办结期限', '回执'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((it) => h('tr', {},
      h('td', {}, it.first_aid ? h('span', { class: 'badge first-aid' }, '先行救助') : null, it.application_no),
      h('td', {}, `${it.applicant?.name ?? ''} ${it.applicant?.id_number ?? ''}`),
      h('td', {}, programList(it.programs, names)),
      h('td', {}, statusBadge(it.status)),
      h('td', {}, chinaTime(it.received_at)),
      h('td', {}, it.due_date),
      h('td', {}, h('a', { href: `#/receipt/${encodeURIComponent(it.application_no)}`, class: 'receipt-link' },
        '补打回执', h('span', { class: 'sr-only' }, ` ${it.application_no}`))))))));
}

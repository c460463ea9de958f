// 审计日志: who read or changed which record in the county, newest first, filtered by the server
// (GET /api/v1/audit?order=desc&actor=&action=&record_id=&from=&to=&before=) and paginated.
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { auditActionNames, auditRecordNames, label } from '../labels.js';
import { chinaTime, chinaToday } from '../format.js';

const PAGE = 50;

export async function auditPage(root) {
  document.title = '审计日志 · 救助工作人员控制台';
  const field = (id, text, input) => h('div', { class: 'field' }, h('label', { for: id }, text), input);
  const actor = h('input', { id: 'audit-actor', maxlength: 100, placeholder: '如 caseworker' });
  const action = h('select', { id: 'audit-action' }, h('option', { value: '' }, '全部操作'),
    Object.entries(auditActionNames).map(([code, text]) => h('option', { value: code }, `${text}（${code}）`)));
  const record = h('input', { id: 'audit-record', maxlength: 100 });
  const from = h('input', { id: 'audit-from', type: 'date', max: chinaToday() });
  const to = h('input', { id: 'audit-to', type: 'date', max: chinaToday() });
  const form = h('form', { class: 'filters audit-filters', role: 'search', 'aria-label': '筛选审计日志' },
    field('audit-actor', '操作人（登录名）', actor), field('audit-action', '操作', action),
    field('audit-record', '记录编号（申请编号等）', record), field('audit-from', '从', from), field('audit-to', '到', to),
    h('button', { type: 'submit' }, '查询'));
  const status = h('p', { role: 'status', class: 'status-line' });
  const list = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': '审计日志翻页' });
  const cursors = [null];
  let page = 0;

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    cursors.length = 1;
    page = 0;
    load();
  });

  async function load() {
    replace(status, '正在查询…');
    const params = new URLSearchParams({ order: 'desc', limit: String(PAGE) });
    const who = actor.value.trim();
    if (who) params.set('actor', who.includes(':') ? who : `user:${who}`);
    if (action.value) params.set('action', action.value);
    if (record.value.trim()) params.set('record_id', record.value.trim());
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    if (cursors[page]) params.set('before', String(cursors[page]));
    try {
      const r = await get(`/api/v1/audit?${params}`);
      cursors[page + 1] = r.next_cursor;
      replace(status, r.items.length ? `第 ${page + 1} 页，${r.items.length} 条记录（最新的在前）` : '没有符合条件的记录。');
      replace(list, r.items.length ? h('table', { class: 'list', id: 'audit-table' },
        h('caption', { class: 'sr-only' }, '审计日志'),
        h('thead', {}, h('tr', {}, ['序号', '时间', '操作人', '操作', '记录', '乡镇', '说明']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.items.map((a) => h('tr', { 'data-seq': a.seq },
          h('td', {}, String(a.seq)),
          h('td', {}, chinaTime(a.at)),
          h('td', {}, a.actor),
          h('td', { 'data-col': 'action' }, label(auditActionNames, a.action)),
          h('td', { 'data-col': 'record' }, `${label(auditRecordNames, a.record_type)} ${a.record_id}`),
          h('td', {}, a.township),
          h('td', { class: 'detail' }, a.detail))))) : null);
      replace(pager,
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; load(); } }, '上一页'),
        h('button', { type: 'button', disabled: !cursors[page + 1], onclick: () => { page += 1; load(); } }, '下一页'));
    } catch (e) {
      replace(status, e.status === 400 ? `查询条件有误：${e.field ?? ''}` : messageOf(e));
    }
  }

  replace(root, h('h1', {}, '审计日志'),
    h('p', {}, '本县工作人员和自助机对每条记录的查看和改动，按时间倒序。日志只增不改，每条带前一条的哈希。'),
    form, status, list, pager);
  await load();
}

// 工作日历: the working-day calendar of a year (GET /api/v1/calendar/{year}) — which data is in
// force (the State Council notice entered here, the shipped data, or weekends only: provisional),
// its days off and make-up working days, every notice entered — and the form to enter the
// year's notice (PUT /api/v1/calendar/{year}): its number, title, date and each day. Due dates of
// open cases that run through the year are computed again at once and stop being 暂定.
import { h, replace } from '../dom.js';
import { api, get, messageOf } from '../api.js';
import { chinaTime, chinaToday } from '../format.js';

const sourceNames = {
  notice: '已录入国务院办公厅通知（正式）',
  shipped: '系统自带数据',
  weekends_only: '尚无数据：只按周末计算（暂定）',
  none: '不在日历范围内',
};

// "2027-01-01 元旦" lines → [{date, name}]; errors name the line.
function parseDays(text, what) {
  const out = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const m = line.match(/^(\d{4}-\d{2}-\d{2})\s*(.*)$/);
    if (!m) throw new Error(`${what}第 ${i + 1} 行应为“日期 名称”，如 2027-01-01 元旦`);
    out.push({ date: m[1], name: m[2].slice(0, 50) });
  }
  return out;
}

export async function calendarPage(root, yearArg) {
  document.title = '工作日历 · 救助工作人员控制台';
  const thisYear = Number(chinaToday().slice(0, 4));
  const year = Number(yearArg) || thisYear + 1;
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  const pick = h('nav', { class: 'pager', 'aria-label': '选择年份' },
    [thisYear - 1, thisYear, thisYear + 1].map((y) => h('a', { href: `#/calendar/${y}`, class: 'btn-link',
      'aria-current': y === year ? 'page' : null }, `${y} 年`)));
  replace(root, h('h1', {}, `工作日历 · ${year} 年`), pick, status);
  let r;
  try {
    r = await get(`/api/v1/calendar/${year}`);
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  const f = r.in_force;
  replace(status, f.provisional
    ? `${year} 年的节假日安排尚未录入：在这一年到期的法定办结期限都是暂定的，回执上也注明“预计”。`
    : `${year} 年的工作日已确定。`);
  const days = r.days.length ? h('table', { class: 'list', id: 'calendar-days' },
    h('caption', { class: 'sr-only' }, `${year} 年放假和调休上班日`),
    h('thead', {}, h('tr', {}, ['日期', '类别', '名称'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, r.days.map((d) => h('tr', { 'data-date': d.date },
      h('td', {}, d.date), h('td', {}, d.kind === 'workday' ? '调休上班' : '放假'), h('td', {}, d.name ?? '')))))
    : h('p', {}, '没有节假日数据。');
  const versions = r.versions.length
    ? h('ol', { id: 'calendar-versions' }, r.versions.map((v) => h('li', {},
      `第 ${v.version} 版：${v.title}（${v.document_number}，${v.published_on}），${v.created_by.replace(/^user:/, '')} 录入于 ${chinaTime(v.created_at)}`)))
    : h('p', {}, '本年度还没有录入过通知。');
  root.append(
    h('section', { class: 'card', 'aria-labelledby': 'cal-now' },
      h('h2', { id: 'cal-now' }, '现行数据'),
      h('dl', { class: 'facts' },
        h('dt', {}, '来源'), h('dd', { id: 'calendar-source' }, sourceNames[f.source] ?? f.source),
        h('dt', {}, '状态'), h('dd', { id: 'calendar-state' }, f.provisional ? '暂定' : '正式'),
        f.source === 'notice' ? [h('dt', {}, '通知'), h('dd', {}, `${f.title}（${f.document_number}，${f.published_on}）`)] : null),
      days),
    h('section', { class: 'card', 'aria-labelledby': 'cal-ver' }, h('h2', { id: 'cal-ver' }, '历次录入'), versions),
    entryForm(year, () => calendarPage(root, String(year))));
}

function entryForm(year, reload) {
  const field = (id, text, input, help) => h('div', { class: 'field' }, h('label', { for: id }, text), input,
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null);
  const docno = h('input', { id: 'cal-docno', maxlength: 100, required: true });
  const title = h('input', { id: 'cal-title', maxlength: 300, required: true, value: `国务院办公厅关于${year}年部分节假日安排的通知` });
  const date = h('input', { id: 'cal-date', type: 'date', required: true });
  const off = h('textarea', { id: 'cal-holidays', rows: 8, 'aria-describedby': 'cal-holidays-help' });
  const worked = h('textarea', { id: 'cal-workdays', rows: 4, 'aria-describedby': 'cal-workdays-help' });
  const error = h('p', { class: 'error', role: 'alert', id: 'cal-error' });
  const result = h('p', { role: 'status', id: 'cal-result' });
  const form = h('form', { class: 'card', id: 'calendar-form', 'aria-labelledby': 'cal-new', novalidate: true },
    h('h2', { id: 'cal-new' }, `录入 ${year} 年节假日安排通知`),
    h('p', { class: 'help' }, '每年 11 月前后国务院办公厅发布下一年的节假日安排。录入后立即生效，旧版本保留；该年到期的在办案件会重新计算办结期限。'),
    field('cal-docno', '文号', docno), field('cal-title', '通知标题', title), field('cal-date', '发布日期', date),
    field('cal-holidays', '放假日期（每行一天：日期 名称）', off, '如：2027-01-01 元旦；春节放假的每一天各占一行'),
    field('cal-workdays', '调休上班日期（每行一天：日期 名称，只能是周六或周日）', worked, '如：2027-02-20 春节调休'),
    h('button', { type: 'submit', class: 'primary' }, '保存为新版本'), error, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(error);
    const missing = [[docno, '文号'], [title, '通知标题'], [date, '发布日期'], [off, '放假日期']].find(([el]) => !el.value.trim());
    if (missing) {
      replace(error, `请填写${missing[1]}。`);
      missing[0].focus();
      return;
    }
    let body;
    try {
      body = { document_number: docno.value.trim(), title: title.value.trim(), published_on: date.value,
        holidays: parseDays(off.value, '放假日期'), workdays: parseDays(worked.value, '调休上班日期') };
    } catch (e) {
      replace(error, e.message);
      return;
    }
    try {
      const r = await api('PUT', `/api/v1/calendar/${year}`, body);
      await reload();
      const out = document.getElementById('cal-result');
      if (out) replace(out, `已保存第 ${r.version} 版；${r.open_cases} 件在办案件中 ${r.due_dates_changed} 件的办结期限已重新计算。`);
    } catch (e) {
      replace(error, e.status === 400 ? `没有保存：${e.message}${e.field ? `（${e.field}）` : ''}` : messageOf(e));
    }
  });
  return form;
}

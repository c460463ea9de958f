// 重点人群: the key-group rosters (分类造册) of the caller's area from the county's latest discovery
// run, per category and township (GET /api/v1/registry?category=&township=), with masked ID
// numbers and names; 导出 CSV and 打印 PDF fetch the same roster as a file (format=csv|pdf — the
// PDF is the roster document of printing/roster.h) with the session's token and hand it to the
// browser as a download. Every read is audited by the server.
import { h, replace } from '../dom.js';
import { download, get, messageOf } from '../api.js';
import * as session from '../session.js';

const SHOWN = 50;

export async function rostersPage(root) {
  document.title = '重点人群 · 救助工作人员控制台';
  const s = session.current();
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  const category = h('select', { id: 'roster-category' }, h('option', { value: '' }, '全部类别'));
  const town = h('select', { id: 'roster-township' }, h('option', { value: '' }, '全部乡镇'));
  const county = s?.role === 'county_admin';
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选重点人群' },
    h('label', { for: 'roster-category' }, '类别'), category,
    county ? [h('label', { for: 'roster-township' }, '乡镇'), town] : null,
    h('button', { type: 'submit' }, '查询'));
  const message = h('div', { id: 'roster-message' });
  const files = h('div', { class: 'filters' },
    h('button', { type: 'button', id: 'roster-csv', onclick: () => save('csv') }, '导出 CSV'),
    h('button', { type: 'button', id: 'roster-pdf', onclick: () => save('pdf') }, '打印 PDF'));
  const list = h('div', { class: 'table-wrap' });
  replace(root, h('h1', {}, '重点人群'),
    h('p', {}, '按最近一次主动发现运行的部门数据分类造册。身份证号和姓名已遮挡；导出和打印都会记入审计日志。'),
    form, files, message, status, list);

  const params = (format) => {
    const p = new URLSearchParams({ limit: String(SHOWN) });
    if (category.value) p.set('category', category.value);
    if (county && town.value) p.set('township', town.value);
    if (format) p.set('format', format);
    return p;
  };

  async function save(format) {
    replace(message);
    try {
      const area = (county && town.value) || 'area';
      await download(`/api/v1/registry?${params(format)}`, `roster_${area}_${category.value || 'all'}.${format}`);
      replace(message, h('p', { role: 'status', id: 'roster-saved' }, format === 'pdf'
        ? '已生成 PDF 名册，请在下载的文件中打印。' : '已导出 CSV 名册。'));
    } catch (e) {
      replace(message, h('p', { class: 'error', role: 'alert' }, e.code === 'too_many_rows'
        ? '名册太长，请先选择乡镇或类别再打印。' : messageOf(e)));
    }
  }

  async function load(first) {
    replace(status, '正在加载…');
    try {
      const r = await get(`/api/v1/registry?${params()}`);
      if (first) {
        replace(category, h('option', { value: '' }, '全部类别'),
          r.groups.map((g) => h('option', { value: g.id }, g.title)));
      }
      replace(status, r.as_of
        ? `数据截至 ${r.as_of}：共 ${r.roster_total} 人${r.roster_total > r.roster.length ? `，显示前 ${r.roster.length} 人（完整名册请导出）` : ''}。`
        : '本县还没有运行过主动发现，暂无名册。');
      replace(list, r.roster.length ? h('table', { class: 'list', id: 'roster-table' },
        h('caption', { class: 'sr-only' }, '重点人群名册'),
        h('thead', {}, h('tr', {}, ['类别', '乡镇', '户编号', '身份证号', '姓名', '年龄', '与户主关系', '说明']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.roster.map((p) => h('tr', { 'data-category': p.category },
          h('td', {}, p.category_name || p.category), h('td', {}, p.township), h('td', {}, p.household_id),
          h('td', { class: 'id-number' }, p.id_number), h('td', {}, p.name), h('td', {}, String(p.age)),
          h('td', {}, p.relation), h('td', {}, p.detail))))) : null);
    } catch (e) {
      replace(status, messageOf(e));
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load(false);
  });
  if (county) {
    try {
      const o = await get('/api/v1/county/overview');
      replace(town, h('option', { value: '' }, '全部乡镇'), o.townships.map((t) =>
        h('option', { value: t.township }, t.township_name ? `${t.township_name}（${t.township}）` : t.township)));
    } catch {
      // The roster works without the township names.
    }
  }
  await load(true);
}

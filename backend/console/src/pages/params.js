// 县级参数: the county's eligibility parameters in force (GET /api/v1/params/{county}) with the
// source of each number — 已核实 with its citation, or 未核实 — every version entered, and a form
// to enter a new number with its citation and effective date (PUT /api/v1/params/{county} with
// the whole document: the same strict loader checks it as the shipped file).
import { h, replace } from '../dom.js';
import { api, get, messageOf } from '../api.js';
import { chinaTime, chinaToday } from '../format.js';

// Dotted names of the numbers in a parameters document ("dibao_standard_monthly.rural" …).
function numbers(doc, prefix = '') {
  const out = [];
  for (const [k, v] of Object.entries(doc)) {
    if (['county', 'year', 'sources'].includes(k) && !prefix) continue;
    if (typeof v === 'number') out.push([prefix + k, v]);
    else if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...numbers(v, `${prefix}${k}.`));
  }
  return out;
}

// The source entry that covers `name`: its own, or that of its nearest dotted prefix.
function sourceOf(doc, name) {
  const parts = name.split('.');
  for (let n = parts.length; n > 0; --n) {
    const s = doc.sources?.[parts.slice(0, n).join('.')];
    if (s) return s;
  }
  return null;
}

function setNumber(doc, name, value) {
  const parts = name.split('.');
  let o = doc;
  for (const p of parts.slice(0, -1)) o = o[p];
  o[parts.at(-1)] = value;
}

export async function paramsPage(root) {
  document.title = '县级参数 · 救助工作人员控制台';
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  replace(root, h('h1', {}, '县级参数'), status);
  let county;
  let data;
  try {
    county = (await get('/api/v1/me')).county;
    data = await get(`/api/v1/params/${county}`);
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  const doc = data.in_force.params;
  const labels = (await get('/api/v1/policies').catch(() => ({}))).parameters ?? {};
  const unverified = new Set(data.in_force.unverified);
  replace(status, data.in_force.source === 'county'
    ? `现行参数：本县录入的第 ${data.in_force.version} 版，${data.in_force.effective_from} 起执行。`
    : '现行参数：系统自带的示例数字（尚未由本县录入）。标“未核实”的数字请对照现行文件录入。');
  const rows = numbers(doc).map(([name, value]) => {
    const src = sourceOf(doc, name);
    const ok = !unverified.has(name);
    return h('tr', { 'data-param': name },
      h('th', { scope: 'row' }, labels[name] ?? name, h('div', { class: 'help' }, name)),
      h('td', { 'data-col': 'value' }, String(value)),
      h('td', {}, h('span', { class: `badge ${ok ? 'status-approved' : 'status-rejected'}` }, ok ? '已核实' : '未核实')),
      h('td', {}, src?.verified
        ? [`${src.issuer}《${src.title}》${src.document_number ? `（${src.document_number}）` : ''}，${src.date}`,
          h('blockquote', {}, src.quote)]
        : (src?.source ?? '')));
  });
  const versions = data.versions.length
    ? h('ol', { id: 'param-versions' }, data.versions.map((v) => h('li', {},
      `第 ${v.version} 版：${v.effective_from} 起执行（录入于 ${chinaTime(v.created_at)}）`)))
    : h('p', {}, '本县还没有录入过参数。');
  root.append(
    h('section', { class: 'card', 'aria-labelledby': 'p-now' },
      h('h2', { id: 'p-now' }, `${doc.county_name ?? county} 现行参数`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'params-table' },
        h('thead', {}, h('tr', {}, ['参数', '数值', '核实', '出处'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)))),
    h('section', { class: 'card', 'aria-labelledby': 'p-ver' }, h('h2', { id: 'p-ver' }, '历次版本'), versions),
    entryForm(county, doc, labels, () => paramsPage(root)));
}

function entryForm(county, doc, labels, reload) {
  const field = (id, text, input) => h('div', { class: 'field' }, h('label', { for: id }, text), input);
  const name = h('select', { id: 'p-name' }, numbers(doc).map(([n]) => h('option', { value: n }, labels[n] ?? n)));
  const value = h('input', { id: 'p-value', type: 'number', step: 'any', min: 0, required: true });
  const from = h('input', { id: 'p-from', type: 'date', value: chinaToday(), required: true });
  const issuer = h('input', { id: 'p-issuer', required: true, maxlength: 200 });
  const number = h('input', { id: 'p-docno', maxlength: 100 });
  const title = h('input', { id: 'p-title', required: true, maxlength: 300 });
  const date = h('input', { id: 'p-date', type: 'date', required: true });
  const url = h('input', { id: 'p-url', type: 'url', required: true, maxlength: 500 });
  const quote = h('textarea', { id: 'p-quote', rows: 3, required: true, maxlength: 2000 });
  const error = h('p', { class: 'error', role: 'alert', id: 'p-error' });
  const form = h('form', { class: 'card', id: 'params-form', 'aria-labelledby': 'p-new', novalidate: true },
    h('h2', { id: 'p-new' }, '录入新的数字（附出处）'),
    h('p', { class: 'help' }, '每录入一次就保存为新的一版，旧版本保留；判断时按执行日期使用当时有效的版本。'),
    field('p-name', '参数', name), field('p-value', '新的数值', value), field('p-from', '执行日期', from),
    field('p-issuer', '发文机关', issuer), field('p-docno', '文号（如有）', number), field('p-title', '文件标题', title),
    field('p-date', '发文日期', date), field('p-url', '网址', url), field('p-quote', '原文（给出该数字的原句）', quote),
    h('button', { type: 'submit', class: 'primary' }, '保存新版本'), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const missing = [[value, '新的数值'], [from, '执行日期'], [issuer, '发文机关'], [title, '文件标题'], [date, '发文日期'],
      [url, '网址'], [quote, '原文']].find(([el]) => !el.value.trim());
    if (missing) {
      replace(error, `请填写${missing[1]}。`);
      missing[0].focus();
      return;
    }
    const next = structuredClone(doc);
    setNumber(next, name.value, Number(value.value));
    next.year = Number(from.value.slice(0, 4));
    next.sources = { ...next.sources };
    next.sources[name.value] = {
      source: `${issuer.value.trim()}《${title.value.trim()}》`, verified: true, issuer: issuer.value.trim(),
      document_number: number.value.trim(), title: title.value.trim(), date: date.value, url: url.value.trim(),
      quote: quote.value.trim(),
    };
    try {
      await api('PUT', `/api/v1/params/${county}`, { effective_from: from.value, params: next });
      await reload();
    } catch (e) {
      replace(error, e.status === 400 ? `参数没有保存：${e.message}（${e.field ?? ''}）` : messageOf(e));
    }
  });
  return form;
}

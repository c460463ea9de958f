// 窗口信息: the county administrator enters each township's service hall — 窗口名称, 地址, 咨询电话 —
// which the server prints on receipts and forms (GET/PUT /api/v1/halls/{township}, audited).
// A township without an entry prints “（未登记）” on paper, and its staff are told to ask here.
import { h, replace } from '../dom.js';
import { api, get, messageOf } from '../api.js';
import { chinaTime } from '../format.js';

const FIELDS = [
  ['name', '窗口名称', 40, '例如：罗锦镇社会救助服务窗口'],
  ['address', '地址', 100, '例如：罗锦镇人民政府一楼'],
  ['phone', '咨询电话', 20, '例如：0773-8000000'],
];

export async function hallsPage(root) {
  document.title = '窗口信息 · 救助工作人员控制台';
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  replace(root, h('h1', {}, '窗口信息'),
    h('p', {}, '各乡镇社会救助窗口的名称、地址和咨询电话，印在补打的回执和案件表格上。未登记的乡镇，纸上显示“（未登记）”。'),
    status);
  let townships;
  try {
    townships = (await get('/api/v1/county/overview')).townships ?? [];
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  const halls = await Promise.all(townships.map((t) =>
    get(`/api/v1/halls/${encodeURIComponent(t.township)}`).catch(() => null)));
  const nameOf = (t) => (t.township_name ? `${t.township_name}（${t.township}）` : t.township);
  const missing = halls.filter((x) => x && !x.registered).length;
  replace(status, townships.length
    ? `共 ${townships.length} 个乡镇，${missing ? `${missing} 个尚未登记` : '都已登记'}。`
    : '本县还没有乡镇的数据。');

  const table = h('table', { class: 'list', id: 'halls-table' },
    h('caption', { class: 'sr-only' }, '各乡镇窗口信息'),
    h('thead', {}, h('tr', {}, ['乡镇', '窗口名称', '地址', '咨询电话', '最后修改'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, townships.map((t, i) => {
      const x = halls[i];
      return h('tr', { 'data-township': t.township },
        h('th', { scope: 'row' }, nameOf(t)),
        x?.registered ? [h('td', {}, x.name), h('td', {}, x.address), h('td', {}, x.phone),
          h('td', {}, `${chinaTime(x.updated_at)}（${x.updated_by}）`)]
          : h('td', { colspan: 4 }, h('span', { class: 'badge provisional' }, '未登记')));
    })));

  const select = h('select', { id: 'hall-township', name: 'township' },
    townships.map((t) => h('option', { value: t.township }, nameOf(t))));
  const inputs = Object.fromEntries(FIELDS.map(([key, , max, example]) => [key,
    h('input', { id: `hall-${key}`, name: key, maxlength: max, required: true, 'aria-describedby': `hall-${key}-help`, placeholder: example })]));
  const error = h('div', { id: 'hall-message' });
  const fill = () => {
    const x = halls[townships.findIndex((t) => t.township === select.value)];
    for (const [key] of FIELDS) inputs[key].value = x?.registered ? x[key] : '';
  };
  select.addEventListener('change', fill);
  const form = h('form', { class: 'card', id: 'hall-form', 'aria-labelledby': 'hall-h', novalidate: true },
    h('h2', { id: 'hall-h' }, '登记或修改'),
    h('div', { class: 'field' }, h('label', { for: 'hall-township' }, '乡镇'), select),
    FIELDS.map(([key, text, max]) => h('div', { class: 'field' },
      h('label', { for: `hall-${key}` }, text),
      h('p', { class: 'help', id: `hall-${key}-help` }, `最多 ${max} 个字`),
      inputs[key])),
    h('button', { type: 'submit', class: 'primary' }, '保存'),
    error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const [key, text] of FIELDS) {
      if (!inputs[key].value.trim()) {
        replace(error, h('p', { class: 'error', role: 'alert' }, `请填写${text}。`));
        inputs[key].focus();
        return;
      }
    }
    const body = Object.fromEntries(FIELDS.map(([key]) => [key, inputs[key].value.trim()]));
    try {
      await api('PUT', `/api/v1/halls/${encodeURIComponent(select.value)}`, body);
    } catch (e) {
      replace(error, h('p', { class: 'error', role: 'alert' }, messageOf(e)));
      return;
    }
    const chosen = select.value;
    await hallsPage(root);
    const again = document.getElementById('hall-township');
    again.value = chosen;
    again.dispatchEvent(new Event('change'));
    replace(document.getElementById('hall-message'),
      h('p', { role: 'status', id: 'hall-saved' }, '已保存。之后打印的回执和表格都用新的窗口信息。'));
  });
  if (townships.length) fill();
  root.append(h('div', { class: 'table-wrap' }, table), townships.length ? form : null);
}

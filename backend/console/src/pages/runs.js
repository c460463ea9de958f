// 发现运行记录: the county's discovery runs, newest first (GET /api/v1/discovery/runs) — when, who
// started it, as of which date, households and flags found, new / changed / resolved, and per
// feed file the rows kept, dropped (errors) and kept with a warning, and which county parameters
// (the version in force on the run's date) its pre-screen used; and a form to start a run
// (POST /api/v1/discovery/runs) over a feeds directory on the server or over uploaded CSV files.
import { h, replace } from '../dom.js';
import { api, get, messageOf } from '../api.js';
import { feedNames, label } from '../labels.js';
import { chinaTime, chinaToday } from '../format.js';

const PAGE = 20;

function filesList(files) {
  const entries = Object.entries(files ?? {});
  if (!entries.length) return '—';
  return h('ul', { class: 'plain' }, entries.map(([file, c]) => h('li', { 'data-file': file },
    `${label(feedNames, file)}：${c.rows} 行`, c.errors ? `，${c.errors} 行无法使用` : '',
    c.warnings ? `，${c.warnings} 行有警告` : '')));
}

// Which county parameters the run's eligibility pre-screen used (the version in force on its date).
export function paramsText(r) {
  const p = r.params;
  if (r.prescreen === false) return '未预审（只按预警规则建议）';
  if (!p) return '—';
  if (p.source === 'county') {
    return `县级录入第 ${p.version} 版（${p.effective_from} 起执行）${p.citation ? `，${p.citation}` : ''}`;
  }
  if (p.source === 'shipped') return p.note ? '系统自带示例数值（未核实）' : '系统自带数值';
  return '本县没有参数，只按预警规则建议';
}

function runsTable(items) {
  return h('table', { class: 'list', id: 'runs-table' },
    h('caption', { class: 'sr-only' }, '发现运行记录，最新的在前'),
    h('thead', {}, h('tr', {}, ['编号', '运行时间', '数据截至', '发起人', '结果', '户数', '预警户', '新发现', '有变化', '已解除',
      '无法使用的行', '有警告的行', '各数据文件', '资格预审参数'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((r) => h('tr', { 'data-run': r.run_id },
      h('th', { scope: 'row' }, String(r.run_id)),
      h('td', {}, chinaTime(r.created_at)),
      h('td', {}, r.as_of),
      h('td', {}, String(r.created_by ?? '').replace(/^user:/, '')),
      h('td', {}, r.result === 'stored' ? '已完成' : r.result),
      ['households', 'flagged', 'new', 'changed', 'resolved', 'row_errors', 'row_warnings']
        .map((k) => h('td', { 'data-col': k }, String(r[k] ?? '—'))),
      h('td', {}, filesList(r.files)),
      h('td', { 'data-col': 'params' }, paramsText(r))))));
}

export async function runsPage(root) {
  document.title = '发现运行记录 · 救助工作人员控制台';
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  const list = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': '运行记录翻页' });
  const cursors = [null];
  let page = 0;

  async function load() {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (cursors[page]) params.set('before', String(cursors[page]));
    try {
      const r = await get(`/api/v1/discovery/runs?${params}`);
      cursors[page + 1] = r.next_before;
      replace(status, r.items.length ? `第 ${page + 1} 页，${r.items.length} 次运行` : '本县还没有运行过主动发现。');
      replace(list, r.items.length ? runsTable(r.items) : null);
      replace(pager,
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; load(); } }, '上一页'),
        h('button', { type: 'button', disabled: !cursors[page + 1], onclick: () => { page += 1; load(); } }, '下一页'));
    } catch (e) {
      replace(status, messageOf(e));
    }
  }

  replace(root, h('h1', {}, '发现运行记录'),
    h('p', {}, '每次运行把各部门数据与规则比对，生成或更新各乡镇的主动发现名单。'),
    startForm(async () => {
      cursors.length = 1;
      page = 0;
      await load();
    }),
    h('section', { class: 'card', 'aria-labelledby': 'r-list' }, h('h2', { id: 'r-list' }, '历次运行'), status, list, pager));
  await load();
}

function startForm(reload) {
  const field = (id, text, input, help) => h('div', { class: 'field' }, h('label', { for: id }, text), input,
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null);
  const dir = h('input', { id: 'run-dir', maxlength: 100, 'aria-describedby': 'run-dir-help' });
  const files = h('input', { id: 'run-files', type: 'file', multiple: true, accept: '.csv,text/csv', 'aria-describedby': 'run-files-help' });
  const asOf = h('input', { id: 'run-as-of', type: 'date', value: chinaToday(), max: chinaToday() });
  const result = h('p', { role: 'status', id: 'run-result', class: 'status-line' });
  const error = h('p', { role: 'alert', class: 'error', id: 'run-error' });
  const button = h('button', { type: 'submit', class: 'primary' }, '开始运行');
  const form = h('form', { class: 'card', id: 'run-form', 'aria-labelledby': 'r-start', novalidate: true },
    h('h2', { id: 'r-start' }, '开始一次运行'),
    field('run-dir', '服务器上的数据目录', dir, '数据交换目录下的子目录名，例如 2026-12（二选一）'),
    field('run-files', '或上传数据文件', files, '各部门导出的 CSV 文件，文件名按数据规范（population.csv 等）'),
    field('run-as-of', '数据截至日期', asOf), button, result, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(error);
    const body = { as_of: asOf.value };
    if (files.files.length) {
      body.feeds = {};
      for (const f of files.files) body.feeds[f.name] = await f.text();
    } else if (dir.value.trim()) {
      body.feeds_dir = dir.value.trim();
    } else {
      replace(error, '请填写数据目录，或选择要上传的数据文件。');
      dir.focus();
      return;
    }
    button.disabled = true;
    replace(result, '正在运行，数据量大时需要几分钟…');
    try {
      const r = await api('POST', '/api/v1/discovery/runs', body);
      replace(result, `第 ${r.run_id} 次运行完成：${r.households} 户中 ${r.flagged} 户预警，新发现 ${r.new} 户，`
        + `有变化 ${r.changed} 户，已解除 ${r.resolved} 户；${r.row_errors} 行无法使用，${r.row_warnings} 行有警告。`
        + `资格预审参数：${paramsText(r)}。`);
      await reload();
    } catch (e) {
      replace(result);
      replace(error, e.status === 400 ? `没有运行：${e.message}${e.field ? `（${e.field}）` : ''}` : messageOf(e));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

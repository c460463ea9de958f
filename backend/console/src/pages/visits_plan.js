// 探访计划: the visits due and overdue for key households (重点对象, weekly or monthly cadence,
// assets/discovery/visit_cadence.json) — GET /api/v1/visits/due?by=DATE — per caseworker, oldest
// due first, overdue ones said in words; a visit is recorded from the list (POST /api/v1/visits),
// and each household's page (帮助申请, 结案) is one link away. A caseworker sees their own and the
// township's unassigned visits; county staff see the county's, or one caseworker's.
import { h, replace } from '../dom.js';
import { get, post, messageOf } from '../api.js';
import * as session from '../session.js';
import { keyCategoryNames, visitOutcomeNames, label } from '../labels.js';
import { chinaToday } from '../format.js';

const cadenceNames = { weekly: '每周', monthly: '每月' };

function plusDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dueText(it) {
  if (it.overdue) return `已逾期 ${it.days_overdue} 天`;
  return it.visit_due === chinaToday() ? '今天到期' : '待走访';
}

export async function visitsPlanPage(root) {
  document.title = '探访计划 · 救助工作人员控制台';
  const county = session.current()?.role === 'county_admin';
  const by = h('input', { type: 'date', id: 'plan-by', value: plusDays(chinaToday(), 7) });
  const who = h('input', { id: 'plan-caseworker', maxlength: 64, autocomplete: 'off' });
  const form = h('form', { class: 'filters', 'aria-label': '筛选' },
    h('label', { for: 'plan-by' }, '截至'), by,
    county ? [h('label', { for: 'plan-caseworker' }, '经办人（可空）'), who] : null,
    h('button', { type: 'submit' }, '查询'));
  const status = h('p', { role: 'status', class: 'status-line' });
  const out = h('div', {});
  const recorder = h('div', { id: 'plan-record' });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });

  async function load() {
    replace(status, '正在加载…');
    replace(recorder);
    const params = new URLSearchParams({ by: by.value || chinaToday() });
    if (county && who.value.trim()) params.set('caseworker', who.value.trim());
    let r;
    try {
      r = await get(`/api/v1/visits/due?${params}`);
    } catch (e) {
      replace(status, messageOf(e));
      return;
    }
    const overdue = r.items.filter((it) => it.overdue).length;
    replace(status, `截至 ${r.by}：应走访 ${r.items.length} 户，其中已逾期 ${overdue} 户。`);
    replace(out,
      h('h2', {}, '按经办人'),
      h('table', { class: 'list', id: 'plan-caseworkers' },
        h('thead', {}, h('tr', {}, ['经办人', '应走访', '已逾期'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.caseworkers.map((c) => h('tr', { 'data-caseworker': c.caseworker },
          h('th', { scope: 'row' }, c.caseworker || '未指派'), h('td', {}, String(c.due)),
          h('td', { class: c.overdue ? 'overdue-text' : null }, String(c.overdue)))))),
      h('h2', {}, '应走访的户'),
      r.items.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'plan-table' },
        h('thead', {}, h('tr', {}, ['应走访日期', '情况', '户（身份证号）', '重点人群', '频次', '负责人', '操作']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, r.items.map((it) => h('tr', { class: it.overdue ? 'overdue' : null, 'data-id': it.id },
          h('td', {}, it.visit_due),
          h('td', {}, dueText(it)),
          h('td', {}, h('a', { href: `#/discovery-item/${it.id}` }, it.id_number || `预警 ${it.id}`)),
          h('td', {}, it.key_category ? label(keyCategoryNames, it.key_category) : '—'),
          h('td', {}, label(cadenceNames, it.cadence ?? '') || '—'),
          h('td', {}, it.assigned_to || '未指派'),
          h('td', {}, session.current()?.role === 'caseworker'
            ? h('button', { type: 'button', class: 'small', id: `plan-visit-${it.id}`, onclick: () => showRecorder(it) },
              '记录走访', h('span', { class: 'sr-only' }, ` 预警 ${it.id}`))
            : null)))))) : h('p', {}, '没有到期的走访。'));
  }

  function showRecorder(it) {
    const error = h('p', { class: 'error', role: 'alert', id: 'plan-error' });
    const on = h('input', { type: 'date', id: 'plan-on', value: chinaToday(), max: chinaToday() });
    const outcome = h('select', { id: 'plan-outcome' },
      Object.entries(visitOutcomeNames).map(([v, t]) => h('option', { value: v }, t)));
    const findings = h('textarea', { id: 'plan-findings', rows: 3, maxlength: 4000 });
    const button = h('button', { type: 'submit', class: 'primary' }, '保存走访记录');
    const f = h('form', { class: 'card', id: 'plan-form', 'aria-labelledby': 'pf-h', novalidate: true },
      h('h2', { id: 'pf-h', tabindex: '-1' }, `记录走访：预警 ${it.id}（${it.id_number ?? ''}）`),
      h('div', { class: 'field' }, h('label', { for: 'plan-on' }, '走访日期'), on),
      h('div', { class: 'field' }, h('label', { for: 'plan-outcome' }, '走访结果'), outcome),
      h('div', { class: 'field' }, h('label', { for: 'plan-findings' }, '看到的情况'), findings),
      button, ' ', h('a', { href: `#/discovery-item/${it.id}` }, '打开这一户（帮助申请、结案）'), error);
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!findings.value.trim()) {
        replace(error, '请写明看到的情况。');
        findings.focus();
        return;
      }
      button.disabled = true;
      try {
        const v = await post('/api/v1/visits', {
          queue_id: it.id, visited_on: on.value, outcome: outcome.value, findings: findings.value.trim(),
        });
        await load();
        replace(status, `已记录走访 ${v.visit_id}${v.next_visit_due ? `，下次走访 ${v.next_visit_due}` : ''}。`);
      } catch (e) {
        replace(error, messageOf(e));
        button.disabled = false;
      }
    });
    replace(recorder, f);
    f.querySelector('h2').focus();
  }

  replace(root, h('h1', {}, '探访计划'),
    h('p', {}, '重点对象按频次（每周或每月）走访。逾期的户排在前面；记录走访后自动排出下次走访日期。'),
    form, status, out, recorder);
  await load();
}

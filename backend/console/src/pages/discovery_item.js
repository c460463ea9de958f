// 一户预警: one discovery queue item — why it was flagged, in words (each rule with the facts a
// department's data showed), the visits so far, and what the caseworker does next: record a home
// visit (POST /api/v1/visits), move the item on (POST …/transitions; 不符合条件 and 救助自愿 need a
// written reason), or — county staff — assign it (POST …/assignment).
import { add, h, replace } from '../dom.js';
import { get, post, messageOf } from '../api.js';
import * as session from '../session.js';
import {
  changeNames, closeReasonNames, factNames, factValueNames, feedNames, itemStateNames, keyCategoryNames, ruleNames, visitOutcomeNames, label,
} from '../labels.js';
import { conditionWords } from '../condition.js';
import { chinaToday, maskId, programList, programNames } from '../format.js';
import { applyForm } from './apply_for_household.js';

const stepNames = {
  visited: '标记为已走访', applied: '已帮助申请', not_eligible: '核实后不符合条件',
  declined: '本人不愿申请（救助自愿）', followed_up: '跟进办结',
};

function factValue(key, v, source) {
  if (v === true) return '是';
  if (v === false) return '否';
  if (key === 'id_number') return maskId(v);
  if (key === 'threshold') return conditionWords(v, label(feedNames, source)) ?? `${v}（规则原文）`;
  return label(factValueNames, String(v));
}

function evidenceList(evidence) {
  if (!evidence?.length) return h('p', {}, '（线索上报，无数据比对依据）');
  return h('ul', { class: 'evidence' }, evidence.map((flag) => h('li', {},
    h('strong', {}, label(ruleNames, flag.rule)), `（权重 ${flag.weight}）`,
    (flag.evidence ?? []).map((row) => h('div', { class: 'evidence-row' },
      h('p', {}, `来源：${label(feedNames, row.source)}`, row.id_number ? `，涉及人员 ${maskId(row.id_number)}` : ''),
      h('dl', { class: 'facts' }, Object.entries(row.facts ?? {}).flatMap(([k, v]) =>
        [h('dt', {}, label(factNames, k)), h('dd', {}, factValue(k, v, row.source))])))))));
}

export async function discoveryItemPage(root, id) {
  document.title = `预警 ${id} · 救助工作人员控制台`;
  const role = session.current()?.role;
  const names = await programNames();
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  replace(root, h('p', {}, h('a', { href: '#/discovery' }, '← 返回主动发现')), h('h1', {}, `预警户 ${id}`), status);
  let it;
  try {
    it = await get(`/api/v1/discovery/queue/${encodeURIComponent(id)}`);
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  replace(status);
  const reload = () => discoveryItemPage(root, id);
  add(root,
    h('section', { class: 'card', 'aria-labelledby': 'dq-sum' },
      h('h2', { id: 'dq-sum' }, '概况'),
      h('dl', { class: 'facts' },
        h('dt', {}, '身份证号'), h('dd', {}, maskId(it.id_number) || '（未知）'),
        h('dt', {}, '风险分'), h('dd', {}, String(it.score)),
        h('dt', {}, '状态'), h('dd', { id: 'dq-state' }, label(itemStateNames, it.state)),
        h('dt', {}, '与上次比对'), h('dd', {}, label(changeNames, it.change ?? '')),
        h('dt', {}, '重点人群'), h('dd', {}, it.key_category ? label(keyCategoryNames, it.key_category) : '否'),
        h('dt', {}, '可能符合'), h('dd', {}, programList(it.suggested_programs, names)),
        h('dt', {}, '应走访日期'), h('dd', {}, it.visit_due || '无'),
        h('dt', {}, '负责人'), h('dd', { id: 'dq-assignee' }, it.assigned_to || '未指派'),
        it.reason ? [h('dt', {}, '说明'), h('dd', {}, it.reason)] : null,
        it.application_no ? [h('dt', {}, '已帮助申请'), h('dd', { id: 'dq-application' },
          h('a', { href: `#/case/${encodeURIComponent(it.application_no)}` }, `受理编号 ${it.application_no}（查看案件）`))] : null,
        it.close_code ? [h('dt', {}, '结案原因'), h('dd', { id: 'dq-close-code' }, label(closeReasonNames, it.close_code)),
          h('dt', {}, '结案说明'), h('dd', {}, it.close_note), h('dt', {}, '结案时间'), h('dd', {}, it.closed_at.slice(0, 10))]
          : null)),
    h('section', { class: 'card', 'aria-labelledby': 'dq-why' },
      h('h2', { id: 'dq-why' }, '为什么预警'),
      evidenceList(it.evidence)),
    h('section', { class: 'card', 'aria-labelledby': 'dq-visits' },
      h('h2', { id: 'dq-visits' }, '走访记录'),
      (it.visits ?? []).length
        ? h('ol', { class: 'timeline', id: 'visits' }, it.visits.map((v) => h('li', {},
          h('span', { class: 'when' }, v.visited_on), ` ${v.caseworker}：${label(visitOutcomeNames, v.outcome ?? '')}`,
          v.findings ? `；发现：${v.findings}` : '', v.next_step ? `；下一步：${v.next_step}` : '',
          v.next_visit_due ? `；下次走访 ${v.next_visit_due}` : '')))
        : h('p', {}, '还没有走访记录。')),
    role === 'caseworker' && it.status !== 'closed' ? visitForm(it, reload) : null,
    role === 'caseworker' && !it.application_no && ['lead', 'visited'].includes(it.state)
      ? await applyForm(it, reload) : null,
    transitionForm(it, reload),
    it.status !== 'closed' ? closeForm(it, reload) : null,
    role === 'county_admin' ? assignForm(it, reload) : null,
  );
}

function visitForm(it, reload) {
  const error = h('p', { class: 'error', role: 'alert', id: 'visit-error' });
  const on = h('input', { type: 'date', id: 'visit-on', required: true, value: chinaToday(), max: chinaToday() });
  const outcome = h('select', { id: 'visit-outcome' },
    Object.entries(visitOutcomeNames).map(([v, t]) => h('option', { value: v }, t)));
  const findings = h('textarea', { id: 'visit-findings', rows: 3, maxlength: 4000 });
  const next = h('input', { id: 'visit-next', maxlength: 400 });
  const button = h('button', { type: 'submit', class: 'primary' }, '保存走访记录');
  const form = h('form', { class: 'card', id: 'visit-form', 'aria-labelledby': 'vf-h', novalidate: true },
    h('h2', { id: 'vf-h' }, '记录入户走访'),
    h('div', { class: 'field' }, h('label', { for: 'visit-on' }, '走访日期'), on),
    h('div', { class: 'field' }, h('label', { for: 'visit-outcome' }, '走访结果'), outcome),
    h('div', { class: 'field' }, h('label', { for: 'visit-findings' }, '看到的情况'), findings),
    h('div', { class: 'field' }, h('label', { for: 'visit-next' }, '下一步'), next),
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!on.value) {
      replace(error, '请填写走访日期。');
      on.focus();
      return;
    }
    button.disabled = true;
    try {
      await post('/api/v1/visits', {
        queue_id: it.id, visited_on: on.value, outcome: outcome.value,
        findings: findings.value.trim(), next_step: next.value.trim(),
      });
      await reload();
    } catch (e) {
      replace(error, messageOf(e));
      button.disabled = false;
    }
  });
  return form;
}

function transitionForm(it, reload) {
  const allowed = it.allowed_transitions ?? [];
  if (!allowed.length) return h('section', { class: 'card' }, h('h2', {}, '办理'), h('p', {}, '此预警已办结。'));
  const error = h('p', { class: 'error', role: 'alert', id: 'dq-error' });
  const reason = h('textarea', { id: 'dq-reason', rows: 3, maxlength: 4000, 'aria-describedby': 'dq-reason-help' });
  const appNo = h('input', { id: 'dq-appno', maxlength: 40 });
  const button = h('button', { type: 'submit', class: 'primary' }, '确认');
  const form = h('form', { class: 'card', id: 'dq-form', 'aria-labelledby': 'dq-tr', novalidate: true },
    h('h2', { id: 'dq-tr' }, '办理'),
    h('fieldset', {}, h('legend', {}, '下一步'), allowed.map((to, i) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: 'dq-to', id: `dq-to-${to}`, value: to, checked: i === 0 }),
      h('label', { for: `dq-to-${to}` }, label(stepNames, to))))),
    h('div', { class: 'field' }, h('label', { for: 'dq-reason' }, '说明'),
      h('p', { id: 'dq-reason-help', class: 'help' }, '“不符合条件”和“本人不愿申请”必须写明理由。'), reason),
    allowed.includes('applied')
      ? h('div', { class: 'field' }, h('label', { for: 'dq-appno' }, '申请编号（帮助申请时填写）'), appNo) : null,
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const to = form.querySelector('input[name=dq-to]:checked')?.value;
    if ((to === 'not_eligible' || to === 'declined') && !reason.value.trim()) {
      replace(error, '请写明理由。');
      reason.focus();
      return;
    }
    const body = { to };
    if (reason.value.trim()) body.reason = reason.value.trim();
    if (to === 'applied' && appNo.value.trim()) body.application_no = appNo.value.trim();
    button.disabled = true;
    try {
      await post(`/api/v1/discovery/queue/${it.id}/transitions`, body);
      await reload();
    } catch (e) {
      replace(error, messageOf(e));
      button.disabled = false;
    }
  });
  return form;
}

function assignForm(it, reload) {
  const error = h('p', { class: 'error', role: 'alert', id: 'assign-error' });
  const who = h('input', { id: 'assign-login', maxlength: 100, value: it.assigned_to ?? '', autocomplete: 'off' });
  const form = h('form', { class: 'card', id: 'assign-form', 'aria-labelledby': 'as-h', novalidate: true },
    h('h2', { id: 'as-h' }, '指派经办人'),
    h('div', { class: 'field' }, h('label', { for: 'assign-login' }, '经办人用户名（本乡镇的经办人员）'), who),
    h('button', { type: 'submit' }, '指派'), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post(`/api/v1/discovery/queue/${it.id}/assignment`, { caseworker: who.value.trim() });
      await reload();
    } catch (e) {
      replace(error, e.code === 'bad_caseworker' ? '没有这位本乡镇的经办人员。' : messageOf(e));
    }
  });
  return form;
}

// 结案: close the item with a reason code (POST …/close) and a note; 确认困难，已申请 needs the
// application number unless the item already has one.
function closeForm(it, reload) {
  const error = h('p', { class: 'error', role: 'alert', id: 'close-error' });
  const code = h('select', { id: 'close-code', required: true },
    h('option', { value: '' }, '请选择'),
    Object.entries(closeReasonNames).map(([v, t]) => h('option', { value: v }, t)));
  const note = h('textarea', { id: 'close-note', rows: 3, maxlength: 4000, required: true });
  const appNo = h('input', { id: 'close-appno', maxlength: 40, value: it.application_no ?? '' });
  const button = h('button', { type: 'submit' }, '结案');
  const form = h('form', { class: 'card', id: 'close-form', 'aria-labelledby': 'cl-h', novalidate: true },
    h('h2', { id: 'cl-h' }, '结案'),
    h('div', { class: 'field' }, h('label', { for: 'close-code' }, '结案原因'), code),
    h('div', { class: 'field' }, h('label', { for: 'close-note' }, '结案说明（必填）'), note),
    h('div', { class: 'field' }, h('label', { for: 'close-appno' }, '申请编号（“已申请救助”时填写）'), appNo),
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!code.value) {
      replace(error, '请选择结案原因。');
      code.focus();
      return;
    }
    if (!note.value.trim()) {
      replace(error, '请写明结案说明。');
      note.focus();
      return;
    }
    const body = { reason_code: code.value, note: note.value.trim() };
    if (code.value === 'confirmed_applied' && appNo.value.trim() && appNo.value.trim() !== it.application_no) {
      body.application_no = appNo.value.trim();
    }
    button.disabled = true;
    try {
      await post(`/api/v1/discovery/queue/${it.id}/close`, body);
      await reload();
    } catch (e) {
      replace(error, e.code === 'application_required' ? '“已申请救助”请填写申请编号。'
        : e.code === 'note_required' ? '请写明结案说明。' : messageOf(e));
      button.disabled = false;
    }
  });
  return form;
}

// 转相关部门: the caseworker refers a case's special-assistance need to a department
// (POST /api/v1/cases/{no}/referrals {"department", "reason", "note"}). The reason and the steps
// the department takes appear on the case's timeline.
import { h, replace } from '../dom.js';
import { post, messageOf } from '../api.js';
import { departmentNames } from '../labels.js';

export function referralForm(no, reload) {
  const error = h('p', { class: 'error', role: 'alert', id: 'referral-error' });
  const dept = h('select', { id: 'referral-department' }, h('option', { value: '' }, '请选择'),
    Object.entries(departmentNames).map(([v, t]) => h('option', { value: v }, t)));
  const reason = h('input', { id: 'referral-reason', maxlength: 400, autocomplete: 'off' });
  const note = h('textarea', { id: 'referral-note', rows: 3, maxlength: 4000 });
  const button = h('button', { type: 'submit' }, '转办');
  const form = h('form', { class: 'card', id: 'referral-form', 'aria-labelledby': 'rf-h', novalidate: true },
    h('h2', { id: 'rf-h' }, '转相关部门（专项救助）'),
    h('div', { class: 'field' }, h('label', { for: 'referral-department' }, '部门'), dept),
    h('div', { class: 'field' }, h('label', { for: 'referral-reason' }, '转办原因（必填）'), reason),
    h('div', { class: 'field' }, h('label', { for: 'referral-note' }, '情况说明'), note),
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!dept.value) {
      replace(error, '请选择部门。');
      dept.focus();
      return;
    }
    if (!reason.value.trim()) {
      replace(error, '请写明转办原因。');
      reason.focus();
      return;
    }
    button.disabled = true;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(no)}/referrals`,
        { department: dept.value, reason: reason.value.trim(), note: note.value.trim() });
      await reload();
    } catch (e) {
      replace(error, messageOf(e));
      button.disabled = false;
    }
  });
  return form;
}

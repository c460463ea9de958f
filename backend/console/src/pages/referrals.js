// 转办事项: the referrals sent to the department staff member's department (GET /api/v1/referrals),
// each with its steps (the township's reason, what the department did) and what can be done now:
// 接收 (accept), 办结 with what was done, 退回 with the reason (POST /api/v1/referrals/{id}/…).
// Every step goes onto the case's timeline on the server.
import { h, replace } from '../dom.js';
import { get, post, messageOf } from '../api.js';
import { chinaTime } from '../format.js';
import { referralStatusNames, referralStepNames, label } from '../labels.js';

function actions(x, reload) {
  if (x.status === 'done' || x.status === 'returned') return h('p', {}, '已处理完毕。');
  const id = x.referral_id;
  const error = h('p', { class: 'error', role: 'alert', id: `ref-error-${id}` });
  const text = h('textarea', { id: `ref-text-${id}`, rows: 2, maxlength: 4000 });
  const run = async (step, body, button) => {
    button.disabled = true;
    try {
      await post(`/api/v1/referrals/${encodeURIComponent(id)}/${step}`, body);
      await reload();
    } catch (e) {
      replace(error, messageOf(e));
      button.disabled = false;
    }
  };
  const buttons = [];
  if (x.status === 'sent') {
    const b = h('button', { type: 'button', class: 'primary', id: `ref-accept-${id}` }, '接收');
    b.addEventListener('click', () => run('accept', text.value.trim() ? { note: text.value.trim() } : {}, b));
    buttons.push(b);
  }
  if (x.status === 'accepted') {
    const b = h('button', { type: 'button', class: 'primary', id: `ref-done-${id}` }, '办结');
    b.addEventListener('click', () => {
      if (!text.value.trim()) {
        replace(error, '请写明为这户做了什么。');
        text.focus();
        return;
      }
      run('done', { note: text.value.trim() }, b);
    });
    buttons.push(b);
  }
  const back = h('button', { type: 'button', id: `ref-return-${id}` }, '退回乡镇');
  back.addEventListener('click', () => {
    if (!text.value.trim()) {
      replace(error, '退回必须写明理由。');
      text.focus();
      return;
    }
    run('return', { reason: text.value.trim() }, back);
  });
  buttons.push(back);
  return h('div', { class: 'referral-actions' },
    h('label', { for: `ref-text-${id}` }, x.status === 'sent' ? '说明（退回时必填理由）' : '办理情况（办结时写明做了什么；退回时写明理由）'),
    text, h('div', { class: 'buttons' }, buttons), error);
}

export async function referralsPage(root) {
  document.title = '转办事项 · 救助工作人员控制台';
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  replace(root, h('h1', {}, '转办事项'), status);
  const reload = () => referralsPage(root);
  try {
    const r = await get('/api/v1/referrals');
    const items = r.items ?? [];
    const open = items.filter((x) => x.status === 'sent' || x.status === 'accepted').length;
    replace(status, items.length ? `共 ${items.length} 件，待办 ${open} 件。` : '目前没有转给本部门的事项。');
    root.append(h('ul', { class: 'referral-list', id: 'referral-list' }, items.map((x) => h('li', {
      class: 'card', id: `referral-${x.referral_id}`, 'data-status': x.status,
    },
    h('h2', {}, `转办 ${x.referral_id}`),
    h('dl', { class: 'facts' },
      h('dt', {}, '申请编号'), h('dd', {}, x.application_no),
      h('dt', {}, '乡镇'), h('dd', {}, x.township),
      h('dt', {}, '状态'), h('dd', { class: 'referral-status' }, label(referralStatusNames, x.status)),
      h('dt', {}, '转办时间'), h('dd', {}, chinaTime(x.created_at)),
      h('dt', {}, '情况说明'), h('dd', {}, x.note || '（无）')),
    h('ol', { class: 'timeline' }, (x.steps ?? []).map((s) => h('li', {},
      h('span', { class: 'when' }, chinaTime(s.at)), ` ${label(referralStepNames, s.step)}（${s.actor}）`,
      s.note ? `：${s.note}` : ''))),
    actions(x, reload)))));
  } catch (e) {
    replace(status, messageOf(e));
  }
}

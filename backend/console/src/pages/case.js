// 一户一档 · one case: the application, the household (ID numbers masked; showing one in full is a
// deliberate, audited request), the documents, the timeline and the transitions the workflow
// allows (GET /api/v1/cases/{no}, POST …/transitions, POST …/reveal-id).
import { add, h, replace } from '../dom.js';
import { get, post, messageOf } from '../api.js';
import {
  departmentNames, referralStatusNames, relationNames, referralStepNames, statusNames, transitionNames, label,
} from '../labels.js';
import { referralForm } from './referral_form.js';
import { chinaTime, deadlineText, programList, programNames, statusBadge } from '../format.js';
import { documentsSection } from './case_documents.js';
import { formsSection, hallNotice } from './print_forms.js';
import * as session from '../session.js';

// console: how the application came in (core/model application channel).
const channelNames = { kiosk: '自助机', hall: '窗口', online: '网上', visit: '入户代为申请' };

// The first line of the timeline: who received it, and the discovery item it came from.
function receivedEntry(c, app) {
  const by = String(c.submitted_by ?? '');
  const who = by.startsWith('staff:') ? `经办人 ${by.slice(6)} 代为申请` : by ? `自助机 ${by}` : '';
  return h('li', { id: 'timeline-received' },
    h('span', { class: 'when' }, chinaTime(c.received_at)), ' ',
    `受理（${label(channelNames, app.channel ?? '')}${who ? `，${who}` : ''}）`,
    c.discovery_item ? ['，来自主动发现 ',
      h('a', { href: `#/discovery-item/${c.discovery_item}` }, `预警 ${c.discovery_item}`)] : null);
}


export async function casePage(root, no) {
  document.title = `案件 ${no} · 救助工作人员控制台`;
  const names = await programNames();
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  replace(root, h('p', {}, h('a', { href: '#/intake' }, '← 返回受理台账')), h('h1', {}, `案件 ${no}`), status);
  let c;
  try {
    c = await get(`/api/v1/cases/${encodeURIComponent(no)}`);
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  replace(status);
  const app = c.application ?? {};
  const members = app.household?.members ?? [];
  // console (#16 forms): 打印表格 (and 补打回执) as the server's PDFs (pages/print_forms.js).
  const notice = await hallNotice(app.township);
  add(root,
    h('section', { 'aria-labelledby': 'sum-h', class: 'card' },
      h('h2', { id: 'sum-h' }, '办理情况'),
      h('dl', { class: 'facts' },
        h('dt', {}, '状态'), h('dd', { id: 'case-status' }, statusBadge(c.status)),
        h('dt', {}, '申请项目'), h('dd', {}, programList(c.programs, names)),
        h('dt', {}, '受理时间'), h('dd', {}, chinaTime(c.received_at)),
        h('dt', {}, '法定办结期限'), h('dd', { class: c.overdue ? 'overdue-text' : null },
          `${c.due_date}（${deadlineText(c)}${c.deadlines?.working_days_left !== undefined && !c.overdue
            ? `，剩 ${c.deadlines.working_days_left} 个工作日` : ''}）`,
          // county: a due date in a year whose holiday notice is not entered yet (工作日历).
          c.deadlines?.provisional
            ? h('span', { class: 'badge provisional', id: 'due-provisional' }, '暂定：该年节假日安排尚未录入，期限可能调整')
            : null),
        h('dt', {}, '先行救助'), h('dd', {}, c.first_aid ? '是' : '否'),
        h('dt', {}, '经办人'), h('dd', {}, c.assigned_to || '未指派'),
        h('dt', {}, '受理渠道'), h('dd', { id: 'case-channel' }, label(channelNames, app.channel ?? '')))),
    h('section', { 'aria-labelledby': 'app-h', class: 'card' },
      h('h2', { id: 'app-h' }, '申请人'),
      h('dl', { class: 'facts' },
        h('dt', {}, '姓名'), h('dd', {}, app.applicant?.name ?? ''),
        h('dt', {}, '身份证号'), h('dd', {}, idCell(no, 'applicant', app.applicant?.id_number, '申请人')),
        h('dt', {}, '电话'), h('dd', {}, app.applicant?.phone ?? ''),
        h('dt', {}, '住址'), h('dd', {}, app.applicant?.address ?? ''),
        app.proxy ? [h('dt', {}, '代办人'), h('dd', {}, `${app.proxy.name ?? ''}（${app.proxy.relation ?? ''}）`),
          h('dt', {}, '代办人身份证号'), h('dd', {}, idCell(no, 'proxy', app.proxy.id_number, '代办人'))] : null),
      h('h3', {}, '申请人自述'),
      h('p', { class: 'statement' }, app.statement || '（无）')),
    h('section', { 'aria-labelledby': 'hh-h', class: 'card' },
      h('h2', { id: 'hh-h' }, `家庭成员（${members.length} 人）`),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, ['姓名', '关系', '身份证号', '月收入（元）', '共同生活'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, members.map((m, i) => h('tr', {},
          h('td', {}, m.name ?? ''),
          h('td', {}, label(relationNames, m.relation ?? '')),
          h('td', {}, idCell(no, `member:${i}`, m.id_number, m.name ?? `成员${i + 1}`)),
          h('td', {}, m.monthly_income ?? ''),
          h('td', {}, m.lives_together === false ? '否' : '是')))))),
    documentsSection(no, c.documents),
    formsSection(no, app, notice),
    h('section', { 'aria-labelledby': 'hist-h', class: 'card' },
      h('h2', { id: 'hist-h' }, '办理记录'),
      h('ol', { class: 'timeline', id: 'timeline' }, receivedEntry(c, app), timelineEntries(c).map(([, li]) => li))),
    (c.referrals ?? []).length ? h('section', { 'aria-labelledby': 'ref-h', class: 'card' },
      h('h2', { id: 'ref-h' }, '转办情况'),
      h('ul', { id: 'referrals' }, c.referrals.map((x) => h('li', {},
        `${x.referral_id} → ${label(departmentNames, x.department)}：`, h('strong', {}, label(referralStatusNames, x.status)))))) : null,
    session.current()?.role === 'caseworker' && !['approved', 'rejected', 'withdrawn'].includes(c.status)
      ? referralForm(no, () => casePage(document.getElementById('main'), no)) : null,
    transitionForm(no, c),
  );
}

// The case's transitions and its referrals' steps, in time order, as [at, <li>].
function timelineEntries(c) {
  const transitions = (c.history ?? []).map((e) => [e.at, h('li', {},
    h('span', { class: 'when' }, chinaTime(e.at)), ' ',
    e.from ? `${label(statusNames, e.from)} → ${label(statusNames, e.to)}` : label(statusNames, e.to),
    `（${e.actor}）`, e.note ? h('span', { class: 'note' }, `：${e.note}`) : null)]);
  const steps = (c.referral_steps ?? []).map((x) => [x.at, h('li', { class: 'referral-step' },
    h('span', { class: 'when' }, chinaTime(x.at)), ' ',
    `${label(referralStepNames, x.step)}：${label(departmentNames, x.department)}（${x.actor}）`,
    x.note ? h('span', { class: 'note' }, `：${x.note}`) : null)]);
  return [...transitions, ...steps].sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
}

// A masked ID number with the button that shows it in full (audited on the server).
function idCell(no, person, masked, who) {
  if (!masked) return '';
  const text = h('span', { class: 'id-number' }, masked);
  let armed = false;
  // The person is named for screen readers inside the button (its visible text stays short).
  const whom = () => h('span', { class: 'sr-only' }, `（${who}）`);
  const button = h('button', { type: 'button', class: 'small' }, '显示完整号码', whom());
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      replace(button, '确认显示（将记入审计日志）', whom());
      return;
    }
    button.disabled = true;
    try {
      const r = await post(`/api/v1/cases/${encodeURIComponent(no)}/reveal-id`, { person });
      replace(text, r.id_number);
      button.remove();
    } catch (e) {
      replace(button, messageOf(e));
    }
  });
  return h('span', {}, text, ' ', button);
}

function transitionForm(no, c) {
  const allowed = c.allowed_transitions ?? [];
  if (!allowed.length) return h('section', { class: 'card' }, h('h2', {}, '办理'), h('p', {}, '此案件已办结。'));
  const error = h('p', { class: 'error', role: 'alert', id: 'transition-error' });
  const note = h('textarea', { id: 'transition-note', name: 'note', rows: 4, maxlength: 4000, required: true,
    'aria-describedby': 'note-help' });
  const choices = h('fieldset', {}, h('legend', {}, '下一步'),
    allowed.map((to, i) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: 'to', id: `to-${to}`, value: to, required: true, checked: i === 0 }),
      h('label', { for: `to-${to}` }, label(transitionNames, to)))));
  const button = h('button', { type: 'submit', class: 'primary' }, '确认办理');
  // novalidate: the form says what is missing itself, in words tied to the field.
  const form = h('form', { class: 'card', id: 'transition-form', 'aria-labelledby': 'tr-h', novalidate: true },
    h('h2', { id: 'tr-h' }, '办理'),
    choices,
    h('div', { class: 'field' },
      h('label', { for: 'transition-note' }, '办理说明'),
      h('p', { id: 'note-help', class: 'help' }, '每一步都要写明说明；不予批准时必须写明理由，理由会告知申请人。'),
      note),
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const to = form.querySelector('input[name=to]:checked')?.value;
    if (!note.value.trim()) {
      replace(error, to === 'rejected' ? '不予批准必须写明理由。' : '请填写办理说明。');
      note.focus();
      return;
    }
    button.disabled = true;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(no)}/transitions`, { to, note: note.value.trim() });
      const root = document.getElementById('main');
      await casePage(root, no);
      document.getElementById('case-status')?.setAttribute('tabindex', '-1');
      document.getElementById('case-status')?.focus();
    } catch (e) {
      replace(error, messageOf(e));
      button.disabled = false;
    }
  });
  return form;
}

// 帮助申请: a caseworker submits an application on a household's behalf from a discovery item
// (POST /api/v1/discovery/queue/{id}/applications, channel "visit"). The application is the
// contract's shape; its client_id is made once per form, so pressing 提交 twice (or a retry after
// a lost answer) gives one application. The applicant is the household's first member; the
// caseworker adds the others (household_members.js), prefilled from the item's evidence.
import { h, replace } from '../dom.js';
import { post, messageOf } from '../api.js';
import { programNames } from '../format.js';
import { evidencePersons, memberEditor, memberFacts } from './household_members.js';

const ID_PATTERN = /^\d{17}[\dXx]$/;

const applyMessages = {
  bad_id_number: '身份证号不正确，请核对后重新输入。',
  consent_required: '请确认申请人已签字授权核对家庭经济状况并承诺所填属实。',
  township_mismatch: '申请只能提交到本户所在乡镇。',
  illegal_transition: '这户已经申请过，或当前状态不能申请。',
  client_id_in_use: '这份申请已经提交过，请刷新页面。',
};

function num(el) {
  const v = Number(el.value || 0);
  return Number.isFinite(v) && v >= 0 ? v : 0;
}

export async function applyForm(it, reload) {
  const names = await programNames();
  const clientId = crypto.randomUUID();
  const error = h('p', { class: 'error', role: 'alert', id: 'apply-error' });
  const field = (id, text, el, help) => h('div', { class: 'field' }, h('label', { for: id }, text),
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null, el);
  // A lead names the person to visit; the item's audited read shows the name in full.
  const name = h('input', { id: 'apply-name', maxlength: 50, autocomplete: 'off', value: it.lead?.subject?.name ?? undefined });
  const others = memberEditor(evidencePersons(it));
  const idNo = h('input', { id: 'apply-id', maxlength: 18, autocomplete: 'off', inputmode: 'text', 'aria-describedby': 'apply-id-help' });
  const phone = h('input', { id: 'apply-phone', maxlength: 20, inputmode: 'tel', autocomplete: 'off' });
  const address = h('input', { id: 'apply-address', maxlength: 200, autocomplete: 'off' });
  const hukou = h('select', { id: 'apply-hukou' }, h('option', { value: 'rural' }, '农村户籍'), h('option', { value: 'urban' }, '城镇户籍'));
  const income = h('input', { id: 'apply-income', type: 'number', min: 0, step: '0.01', value: '0' });
  const pension = h('input', { id: 'apply-pension', type: 'number', min: 0, step: '0.01', value: '0' });
  const ill = h('input', { type: 'checkbox', id: 'apply-ill' });
  // The applicant's other facts (disability, employment, schooling), as each member's.
  const facts = memberFacts('apply', ['together', 'pension', 'ill', 'prison']);
  const statement = h('textarea', { id: 'apply-statement', rows: 3, maxlength: 4000 });
  const consentA = h('input', { type: 'checkbox', id: 'apply-consent-a' });
  const consentB = h('input', { type: 'checkbox', id: 'apply-consent-b' });
  const suggested = new Set(it.suggested_programs ?? []);
  const programs = Object.entries(names).map(([id, text]) => h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: `apply-p-${id}`, value: id, name: 'apply-program', checked: suggested.has(id) }),
    h('label', { for: `apply-p-${id}` }, text)));
  const button = h('button', { type: 'submit', class: 'primary' }, '提交申请');
  const form = h('form', { class: 'card', id: 'apply-form', 'aria-labelledby': 'ap-h', novalidate: true },
    h('h2', { id: 'ap-h' }, '帮助申请（入户代为申请）'),
    h('p', {}, '按申请人本人的意愿代为填写。提交后生成受理编号，本预警转为“已帮助申请”。'),
    h('fieldset', {}, h('legend', {}, '申请的救助项目'), programs),
    field('apply-name', '申请人姓名', name),
    field('apply-id', '申请人身份证号', idNo, '核对居民身份证后输入 18 位号码。'),
    field('apply-phone', '联系电话', phone),
    field('apply-address', '住址', address),
    field('apply-hukou', '户籍', hukou),
    field('apply-income', '本人月收入（元）', income),
    field('apply-pension', '本人每月养老金（元）', pension),
    h('div', { class: 'choice' }, ill, h('label', { for: 'apply-ill' }, '患有重病')),
    ...facts.fields,
    others.element,
    field('apply-statement', '申请人自述（按本人的话记录）', statement),
    h('fieldset', {}, h('legend', {}, '申请人的授权和承诺'),
      h('div', { class: 'choice' }, consentA, h('label', { for: 'apply-consent-a' }, '申请人已签字授权核对家庭经济状况')),
      h('div', { class: 'choice' }, consentB, h('label', { for: 'apply-consent-b' }, '申请人已承诺所填情况属实'))),
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const chosen = [...form.querySelectorAll('input[name=apply-program]:checked')].map((x) => x.value);
    const id = idNo.value.trim().toUpperCase();
    let problem = !chosen.length ? ['请至少选择一个救助项目。', form.querySelector('input[name=apply-program]')]
      : !name.value.trim() ? ['请填写申请人姓名。', name]
        : !ID_PATTERN.test(id) ? ['身份证号应为 18 位。', idNo]
          : !(consentA.checked && consentB.checked) ? [applyMessages.consent_required, consentA] : null;
    const household = problem ? null : others.read();
    if (household?.problem) problem = household.problem;
    if (problem) {
      replace(error, problem[0]);
      problem[1]?.focus();
      return;
    }
    const now = new Date().toISOString();
    const member = {
      id_number: id, name: name.value.trim(), relation: 'self', lives_together: true, monthly_income: num(income),
      pension_monthly: num(pension), serious_illness: ill.checked, in_prison: false, ...facts.read(),
    };
    const body = {
      client_id: clientId, township: it.township, channel: 'visit', programs: chosen,
      applicant: { id_number: id, name: name.value.trim(), phone: phone.value.trim(), address: address.value.trim(), card_read: false },
      proxy: null,
      household: { hukou: hukou.value, members: [member, ...household.members], assets: { deposits: 0, vehicles: 0, extra_housing: 0 },
        has_able_supporter: false, receiving: [] },
      statement: statement.value.trim(), documents: [],
      consent: { verification_authorized: true, truthfulness_promised: true, signed_at: now },
      submitted_at: now,
    };
    button.disabled = true;
    try {
      const r = await post(`/api/v1/discovery/queue/${it.id}/applications`, body);
      await reload(r.application_no);
    } catch (e) {
      // members[0] is the applicant; members[k] is the k-th row of 其他家庭成员.
      const k = Number(/members\[(\d+)\]/.exec(e.field ?? '')?.[1] ?? 0);
      if (k > 0 && others.showError(k - 1, e.code === 'invalid_id_number' ? applyMessages.bad_id_number : messageOf(e))) {
        replace(error, `家庭成员 ${k}：${e.code === 'invalid_id_number' ? applyMessages.bad_id_number : messageOf(e)}`);
        button.disabled = false;
        return;
      }
      replace(error, applyMessages[e.code] ?? (e.field?.includes('id_number') ? applyMessages.bad_id_number : messageOf(e)));
      button.disabled = false;
    }
  });
  return form;
}

// 其他家庭成员 in the 帮助申请 form: one row per member other than the applicant — relation (the
// contract's relations), name, full ID number, monthly income. The ID number is checked by the
// server (core/id_number: length, date of birth, check digit) and its error is shown on the row
// it names. Rows are prefilled from what the discovery item shows: each other person in the
// flags' evidence (as a masked ID to check against the card — a masked ID cannot be submitted,
// so the caseworker types the full number) with the relation when the feed gave one.
import { h, replace } from '../dom.js';
import { maskId } from '../format.js';
import { relationNames } from '../labels.js';

const RELATIONS = Object.keys(relationNames).filter((r) => r !== 'self');

// The other persons an item's evidence names: [{masked, relation}], the subject left out.
export function evidencePersons(it) {
  const seen = new Set([it.id_number ?? '']);
  const out = [];
  for (const flag of it.evidence ?? []) {
    for (const row of flag.evidence ?? []) {
      const id = row.id_number ?? '';
      if (!id || seen.has(id)) continue;
      seen.add(id);
      const rel = row.facts?.relation;
      out.push({ masked: maskId(id), relation: RELATIONS.includes(rel) ? rel : '' });
    }
  }
  return out;
}

// Returns {element, read(), showError(index, text)}: read() gives {members} or {problem: [text, el]}.
export function memberEditor(prefill) {
  const list = h('div', { id: 'apply-members' });
  const rows = [];
  let serial = 0;
  const renumber = () => rows.forEach((r, i) => replace(r.legend, `家庭成员 ${i + 1}`, r.hint ? `（${r.hint}）` : ''));
  const addRow = (p = {}) => {
    const n = ++serial;
    const id = (k) => `member-${n}-${k}`;
    const relation = h('select', { id: id('relation') }, h('option', { value: '' }, '请选择'),
      RELATIONS.map((r) => h('option', { value: r, selected: r === p.relation }, relationNames[r])));
    const name = h('input', { id: id('name'), maxlength: 50, autocomplete: 'off' });
    const idNo = h('input', { id: id('id'), maxlength: 18, autocomplete: 'off', 'aria-describedby': id('id-help') });
    const income = h('input', { id: id('income'), type: 'number', min: 0, step: '0.01', value: '0' });
    const error = h('p', { class: 'error', role: 'alert', id: id('error') });
    const legend = h('legend', {});
    const field = (key, text, el, help) => h('div', { class: 'field' }, h('label', { for: id(key) }, text),
      help ? h('p', { class: 'help', id: id(`${key}-help`) }, help) : null, el);
    const row = { legend, relation, name, idNo, income, error, hint: p.masked ? `预警涉及人员 ${p.masked}` : '' };
    const remove = h('button', { type: 'button', class: 'secondary' }, '删除这位成员');
    row.element = h('fieldset', { class: 'member-row' }, legend,
      field('relation', '与申请人关系', relation), field('name', '姓名', name),
      field('id', '身份证号', idNo, p.masked ? `核对居民身份证或户口簿后输入 18 位号码（预警中为 ${p.masked}）。` : '核对居民身份证或户口簿后输入 18 位号码。'),
      field('income', '月收入（元）', income), remove, error);
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      row.element.remove();
      renumber();
      addButton.focus();
    });
    rows.push(row);
    list.append(row.element);
    renumber();
    return row;
  };
  const addButton = h('button', { type: 'button', class: 'secondary', id: 'apply-add-member' }, '添加家庭成员');
  addButton.addEventListener('click', () => addRow().relation.focus());
  for (const p of prefill) addRow(p);
  const element = h('fieldset', { id: 'apply-members-set' }, h('legend', {}, '其他家庭成员（共同生活的）'),
    h('p', { class: 'help' }, prefill.length ? '已按预警涉及的人员列出，请核对证件补全；不在本户的请删除。' : '申请人以外的家庭成员逐一添加。'),
    list, addButton);
  const read = () => {
    rows.forEach((r) => replace(r.error));
    const members = [];
    for (const [i, r] of rows.entries()) {
      const id = r.idNo.value.trim().toUpperCase();
      const problem = !r.relation.value ? ['请选择与申请人的关系。', r.relation]
        : !r.name.value.trim() ? ['请填写姓名。', r.name]
          : id.length !== 18 ? ['身份证号应为 18 位；不在本户的成员请删除这一行。', r.idNo] : null;
      if (problem) {
        replace(r.error, problem[0]);
        return { problem: [`家庭成员 ${i + 1}：${problem[0]}`, problem[1]] };
      }
      const v = Number(r.income.value || 0);
      members.push({
        id_number: id, name: r.name.value.trim(), relation: r.relation.value, lives_together: true,
        monthly_income: Number.isFinite(v) && v >= 0 ? v : 0, pension_monthly: 0, disability: null,
        serious_illness: false, employment: 'none', student: null, in_prison: false,
      });
    }
    return { members };
  };
  // index: the member's place among the others (0 = the first row).
  const showError = (index, text) => {
    const r = rows[index];
    if (!r) return false;
    replace(r.error, text);
    r.idNo.focus();
    return true;
  };
  return { element, read, showError };
}

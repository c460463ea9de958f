// 其他家庭成员 in the 帮助申请 form: one row per member other than the applicant — relation (the
// contract's relations), name, full ID number, and what the application contract lets the kiosk
// ask of a member (contracts/eligibility.md "Household"; memberFacts): lives together, monthly
// income and pension, disability (kind and grade), serious illness, employment, schooling, in
// prison. 不清楚 leaves a fact unknown (null), so the eligibility engine asks instead of
// assuming, as the kiosk's 不知道 does. The ID number is checked by the
// server (core/id_number: length, date of birth, check digit) and its error is shown on the row
// it names. Rows are prefilled from what the discovery item shows: each other person in the
// flags' evidence (as a masked ID to check against the card — a masked ID cannot be submitted,
// so the caseworker types the full number) with the relation when the feed gave one.
import { h, replace } from '../dom.js';
import { maskId } from '../format.js';
import { relationNames } from '../labels.js';

const RELATIONS = Object.keys(relationNames).filter((r) => r !== 'self');

// The contract's member facts (contracts/eligibility.md), in the words of the kiosk and the forms.
export const disabilityKindNames = {
  physical: '肢体残疾', visual: '视力残疾', hearing: '听力残疾', speech: '言语残疾', intellectual: '智力残疾',
  mental: '精神残疾', multiple: '多重残疾',
};
export const employmentNames = { employed: '在业', unemployed: '登记失业', retired: '退休', none: '无业' };
export const studentLevelNames = {
  primary: '小学', junior: '初中', senior: '高中', vocational: '中职、技工学校', college: '大专', bachelor: '本科',
  postgraduate: '研究生',
};

const UNKNOWN = '';
const option = (value, text, selected) => h('option', { value, selected: selected ? true : undefined }, text);
const numberOrNull = (el) => {
  if (el.value.trim() === '') return null;
  const v = Number(el.value);
  return Number.isFinite(v) && v >= 0 ? v : null;
};
const yesNo = (v) => (v === 'yes' ? true : v === 'no' ? false : null);

// The member facts of the contract besides income, as labelled fields with ids `${prefix}-KEY`:
// {fields: [element], read() → {lives_together, pension_monthly, disability, serious_illness,
// employment, student, in_prison}}. `skip` leaves out keys another field already asks.
export function memberFacts(prefix, skip = []) {
  const id = (k) => `${prefix}-${k}`;
  const field = (key, text, el) => h('div', { class: 'field' }, h('label', { for: id(key) }, text), el);
  const tri = (key, yesText, noText, initial) => h('select', { id: id(key) },
    option('yes', yesText, initial === 'yes'), option('no', noText, initial === 'no'), option(UNKNOWN, '不清楚', initial === UNKNOWN));
  const together = tri('together', '共同生活', '不在一起生活', 'yes');
  const pension = h('input', { id: id('pension'), type: 'number', min: 0, step: '0.01', value: '0' });
  const disability = h('select', { id: id('disability') }, option('none', '无残疾', true),
    Object.entries(disabilityKindNames).map(([k, t]) => option(k, t)), option(UNKNOWN, '不清楚'));
  const grade = h('select', { id: id('grade') }, [1, 2, 3, 4].map((g) => option(String(g), `${['一', '二', '三', '四'][g - 1]}级`)));
  const ill = tri('ill', '患有重病', '没有重病', 'no');
  const employment = h('select', { id: id('employment') },
    Object.entries(employmentNames).map(([k, t]) => option(k, t, k === 'none')), option(UNKNOWN, '不清楚'));
  const student = h('select', { id: id('student') }, option('none', '不在校', true),
    Object.entries(studentLevelNames).map(([k, t]) => option(k, `在读${t}`)), option(UNKNOWN, '不清楚'));
  const prison = tri('prison', '正在服刑', '没有服刑', 'no');
  const all = {
    together: field('together', '是否共同生活', together),
    pension: field('pension', '每月养老金（元）', pension),
    disability: field('disability', '残疾情况', disability),
    grade: field('grade', '残疾等级（有残疾证时）', grade),
    ill: field('ill', '重病', ill),
    employment: field('employment', '就业情况', employment),
    student: field('student', '上学情况', student),
    prison: field('prison', '服刑', prison),
  };
  const showGrade = () => { all.grade.hidden = !(disability.value in disabilityKindNames); };
  disability.addEventListener('change', showGrade);
  showGrade();
  const fields = Object.entries(all).filter(([k]) => !skip.includes(k)).map(([, el]) => el);
  const read = () => {
    const out = {
      lives_together: yesNo(together.value),
      pension_monthly: numberOrNull(pension),
      disability: disability.value === 'none' ? null
        : disability.value in disabilityKindNames ? { kind: disability.value, grade: Number(grade.value) } : undefined,
      serious_illness: yesNo(ill.value),
      employment: employment.value === UNKNOWN ? null : employment.value,
      student: student.value === 'none' ? null : student.value in studentLevelNames ? { level: student.value } : undefined,
      in_prison: yesNo(prison.value),
    };
    for (const k of skip) delete out[{ together: 'lives_together', pension: 'pension_monthly', ill: 'serious_illness', prison: 'in_prison' }[k] ?? k];
    return out;
  };
  return { fields, read };
}

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
    const facts = memberFacts(`member-${n}`);
    const error = h('p', { class: 'error', role: 'alert', id: id('error') });
    const legend = h('legend', {});
    const field = (key, text, el, help) => h('div', { class: 'field' }, h('label', { for: id(key) }, text),
      help ? h('p', { class: 'help', id: id(`${key}-help`) }, help) : null, el);
    const row = { legend, relation, name, idNo, income, facts, error, hint: p.masked ? `预警涉及人员 ${p.masked}` : '' };
    const remove = h('button', { type: 'button', class: 'secondary' }, '删除这位成员');
    row.element = h('fieldset', { class: 'member-row' }, legend,
      field('relation', '与申请人关系', relation), field('name', '姓名', name),
      field('id', '身份证号', idNo, p.masked ? `核对居民身份证或户口簿后输入 18 位号码（预警中为 ${p.masked}）。` : '核对居民身份证或户口簿后输入 18 位号码。'),
      field('income', '月收入（元）', income), ...facts.fields, remove, error);
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
      members.push({
        id_number: id, name: r.name.value.trim(), relation: r.relation.value,
        monthly_income: numberOrNull(r.income), ...r.facts.read(),
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

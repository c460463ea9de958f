// A warning rule's condition in Chinese, from the "threshold" text the discovery engine writes in
// each piece of evidence (backend/discovery/rule_kinds.cpp; the numbers come from the county's
// rules file, so they are read from the text, not assumed). The engine writes it for machines and
// auditors ("household_out_of_pocket >= 0.5 x household_annual_income"); a township caseworker
// reads "家庭医疗自付 ≥ 家庭年收入 × 0.5".
//
// conditionWords(text, source) → the Chinese sentence (`source`: the department the evidence came
// from, for a rule that fires on any row of its list), or null when any part of the text is not
// understood (a custom rule's column or phrase this file does not know): the page then shows the
// engine's own text, marked as such, rather than a half-translated one.

import { factValueNames } from './labels.js';

// Columns a rule may test (contracts/feeds.md), as a caseworker says them.
const columnNames = {
  household_out_of_pocket: '家庭医疗自付',
  household_annual_income: '家庭年收入',
  out_of_pocket: '本人医疗自付',
  total_cost: '医疗总费用',
  annual_income: '年收入',
  pension_monthly: '每月养老金',
  loss: '损失',
  living_members: '共同生活人数',
  age: '年龄',
  grade: '残疾等级',
  kind: '残疾类别',
  status: '状态',
  level: '学段',
  event: '事件',
  category: '类别',
  program: '救助项目',
  serious: '重特大疾病',
  inpatient: '住院',
  year: '年份',
  // date columns, in "… within N months"
  date: '日期',
  settled_date: '结算日期',
  since: '起始日期',
  until: '截止日期',
  issued: '发证日期',
  deceased_date: '死亡日期',
};

// Columns measured in yuan: their numbers are followed by 元.
const yuanColumns = new Set(['household_out_of_pocket', 'household_annual_income', 'out_of_pocket', 'total_cost',
  'annual_income', 'pension_monthly', 'loss']);

const operators = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const number = String.raw`-?\d+(?:\.\d+)?`;

function amount(column, n) {
  return yuanColumns.has(column) ? `${n} 元` : n;
}

// One clause ("age >= 60", "kind in intellectual|mental", "date within 12 months", …) → words, or null.
function clauseWords(clause, source) {
  let m;
  if (clause === 'listed') return `列在${source || '来源部门'}的名单中`;
  if (clause === 'no pension') return '没有养老金';
  if ((m = clause.match(new RegExp(`^no living member aged (\\d+)-(\\d+)$`)))) {
    return `家中没有 ${m[1]}–${m[2]} 岁的成员`;
  }
  if ((m = clause.match(new RegExp(`^(\\w+) within (\\d+) months$`))) && columnNames[m[1]]) {
    return `${columnNames[m[1]]}在近 ${m[2]} 个月内`;
  }
  if ((m = clause.match(new RegExp(`^(\\w+) (>=|<=|>|<|=) (${number}) x (\\w+)$`)))) {
    if (!columnNames[m[1]] || !columnNames[m[4]]) return null;
    return `${columnNames[m[1]]} ${operators[m[2]]} ${columnNames[m[4]]} × ${m[3]}`;
  }
  if ((m = clause.match(new RegExp(`^(\\w+) (>=|<=|>|<|=) (${number})$`))) && columnNames[m[1]]) {
    return `${columnNames[m[1]]} ${operators[m[2]]} ${amount(m[1], m[3])}`;
  }
  if ((m = clause.match(/^(\w+) in ([\w|]+)$/)) && columnNames[m[1]]) {
    const values = m[2].split('|');
    if (m[1] === 'serious' && m[2] === 'true') return '确诊重特大疾病';
    if (m[1] === 'inpatient' && m[2] === 'true') return '住院';
    if (!values.every((v) => factValueNames[v])) return null;
    return `${columnNames[m[1]]}为${values.map((v) => factValueNames[v]).join('或')}`;
  }
  return null;
}

export function conditionWords(text, source = '') {
  if (typeof text !== 'string' || text === '') return null;
  let m;
  // The two rules written as one sentence (rule_kinds.cpp EarnerDied, UnemployedWithDependents).
  if ((m = text.match(/^died within (\d+) months aged (\d+)-(\d+) with a member under (\d+) or aged >= (\d+)$/))) {
    return `近 ${m[1]} 个月内去世，去世时 ${m[2]}–${m[3]} 岁，家中有不满 ${m[4]} 岁或 ${m[5]} 岁以上的成员`;
  }
  if ((m = text.match(/^registered unemployed, no employed member, a member under (\d+) or aged >= (\d+)$/))) {
    return `登记失业，家中无人就业，有不满 ${m[1]} 岁或 ${m[2]} 岁以上的成员`;
  }
  const parts = text.split(' and ').map((c) => clauseWords(c, source));
  return parts.every((p) => p !== null) ? parts.join('，且') : null;
}

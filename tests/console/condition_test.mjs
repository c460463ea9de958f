// The console's Chinese wording of a warning rule's condition (backend/console/src/condition.js)
// against the texts the real discovery engine writes: a synthetic county is generated and run
// through `jiuzhu-server discover` with the shipped rules, and every distinct "threshold" in the
// queue must read as Chinese (no identifier left) — the texts come from the engine, not from this
// test. Then fixed cases, and texts the console must not pretend to understand.
//
//   node tests/console/condition_test.mjs --server build/bin/jiuzhu-server
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { conditionWords } from '../../backend/console/src/condition.js';

const server = process.argv[process.argv.indexOf('--server') + 1];
assert.ok(server && !server.startsWith('--'), 'usage: condition_test.mjs --server PATH');

const dir = mkdtempSync(join(tmpdir(), 'jz-condition-'));
try {
  const feeds = join(dir, 'feeds');
  const out = join(dir, 'queue.json');
  execFileSync(server, ['synth', '--county', '450326', '--residents', '60000', '--seed', '11', '--as-of', '2026-11-24',
    '--out', feeds], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(server, ['discover', '--feeds', feeds, '--county', '450326', '--as-of', '2026-11-24', '--out', out],
    { stdio: ['ignore', 'ignore', 'ignore'] });
  const queue = JSON.parse(readFileSync(out, 'utf8'));
  const seen = new Map();  // threshold → rule
  for (const hh of queue.households) {
    for (const flag of hh.flags) {
      for (const row of flag.evidence) {
        if (typeof row.facts?.threshold === 'string') seen.set(row.facts.threshold, flag.rule);
      }
    }
  }
  const firing = new Set(seen.values());
  assert.ok(firing.size >= 10, `the synthetic county fires ${firing.size} rules with a condition; expected ≥ 10`);
  for (const [text, rule] of seen) {
    const words = conditionWords(text, '残联');
    assert.ok(words !== null, `${rule}: "${text}" not understood`);
    assert.doesNotMatch(words, /[A-Za-z_]/, `${rule}: "${text}" → "${words}"`);
    console.log(`${rule}: ${text} → ${words}`);
  }

  // Held out of writing condition.js: a county's own rules file — every number changed, and two
  // rules the shipped file does not have (another column, another operator). The engine writes
  // their conditions; each must read as Chinese and carry the county's numbers, not the defaults.
  const rules = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../assets/discovery/rules.json'), 'utf8'));
  const params = Object.fromEntries(rules.rules.map((r) => [r.id, r.params]));
  Object.assign(params.medical_burden, { window_months: 9, min_amount: 7500, min_income_share: 0.4 });
  params.severe_disability.any_of = [{ at_most: { grade: 1 } }, { in: { kind: ['intellectual', 'mental', 'multiple'] }, at_most: { grade: 4 } }];
  params.serious_illness.window_months = 18;
  Object.assign(params.elderly_alone, { min_age: 65, max_members: 2 });
  Object.assign(params.unemployed_with_dependents, { child_under: 14, elder_from: 70 });
  params.disaster.window_months = 4;
  Object.assign(params.earner_died, { min_age: 20, max_age: 64, window_months: 24, child_under: 14, elder_from: 70 });
  Object.assign(params.orphaned_child, { child_under: 16, adult_min: 20, adult_max: 64 });
  rules.rules.push(
    { ...rules.rules.find((r) => r.id === 'disaster'), id: 'heavy_loss', params: { source: 'emergency.csv', any_of: [{ at_least: { loss: 20000 } }], facts: ['event', 'loss'] } },
    { ...rules.rules.find((r) => r.id === 'dropout'), id: 'school_dropout', params: { source: 'education.csv', any_of: [{ in: { level: ['junior', 'senior'], status: ['dropped_out'] } }], facts: ['level', 'status'] } });
  const custom = join(dir, 'county_rules.json');
  writeFileSync(custom, JSON.stringify(rules));
  const out2 = join(dir, 'queue2.json');
  execFileSync(server, ['discover', '--feeds', feeds, '--county', '450326', '--as-of', '2026-11-24', '--params', custom,
    '--out', out2], { stdio: ['ignore', 'ignore', 'ignore'] });
  const seen2 = new Map();
  for (const hh of JSON.parse(readFileSync(out2, 'utf8')).households) {
    for (const flag of hh.flags) {
      for (const row of flag.evidence) {
        if (typeof row.facts?.threshold === 'string') seen2.set(row.facts.threshold, flag.rule);
      }
    }
  }
  assert.ok(new Set(seen2.values()).size >= 13, `the county's rules fire ${new Set(seen2.values()).size} rules with a condition`);
  for (const [text, rule] of seen2) {
    assert.ok(!seen.has(text) || rule === 'relapse_risk' || rule === 'housing_hardship' || rule === 'dropout',
      `${rule}: "${text}" is the shipped rules' condition; the county's numbers were not used`);
    const words = conditionWords(text, '残联');
    assert.ok(words !== null, `county rule ${rule}: "${text}" not understood`);
    assert.doesNotMatch(words, /[A-Za-z_]/, `county rule ${rule}: "${text}" → "${words}"`);
    for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) assert.ok(words.includes(n), `${rule}: ${n} lost in "${words}"`);
    console.log(`county ${rule}: ${text} → ${words}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Fixed cases: numbers are the text's (a county may change them), units where the column has one.
assert.equal(conditionWords('household_out_of_pocket >= 0.5 x household_annual_income'), '家庭医疗自付 ≥ 家庭年收入 × 0.5');
assert.equal(conditionWords('household_out_of_pocket >= 8000'), '家庭医疗自付 ≥ 8000 元');
assert.equal(conditionWords('grade <= 3 and kind in intellectual|mental'), '残疾等级 ≤ 3，且残疾类别为智力或精神');
assert.equal(conditionWords('loss > 0 and date within 3 months'), '损失 > 0 元，且日期在近 3 个月内');
assert.equal(conditionWords('listed', '乡村振兴'), '列在乡村振兴的名单中');
assert.equal(conditionWords('died within 6 months aged 18-64 with a member under 18 or aged >= 65'),
  '近 6 个月内去世，去世时 18–64 岁，家中有不满 18 岁或 65 岁以上的成员');
// Not understood → null (the page shows the engine's text, marked 规则原文), never half-translated.
for (const text of ['', 'grade <= 2 and colour in red', 'mystery_column >= 3', 'status in unheard_of', 'age >= 60 or age < 16']) {
  assert.equal(conditionWords(text), null, text);
}
assert.equal(conditionWords(undefined), null);
console.log(JSON.stringify({ test: 'console_condition_words', ok: true }));

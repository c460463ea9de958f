// County staff: the county's queue and assignment; the discovery ledger; a county parameter with its
// citation changes an eligibility verdict.
import assert from 'node:assert/strict';
import { call, password, idNumber, TOWNSHIP, OTHER_TOWNSHIP } from '../harness.mjs';

export async function countyFlow(t) {
  const { srv, page, step, checkPage, login, logout, theirs } = t;
  await step('county staff see the county\'s queue and assign an item to a caseworker', async () => {
    await logout(page);
    await login(page, srv, 'admin');
    await page.click('nav a[href="#/discovery"]');
    await page.waitForSelector('#discovery-table tbody tr');
    const rows = await page.locator('#discovery-table tbody tr').count();
    assert.ok(rows > 0);
    // An item of the caseworker's township that nobody has yet.
    const q = (await call(srv.url, 'GET', `/api/v1/discovery/queue?limit=1000`, undefined,
      await page.evaluate(() => JSON.parse(sessionStorage.getItem('jiuzhu.console.session')).token))).json.items;
    const free = q.find((x) => x.township === TOWNSHIP && !x.assigned_to);
    assert.ok(free, 'an unassigned item of the township');
    await page.goto(`${srv.url}/console/#/discovery-item/${free.id}`);
    await page.waitForSelector('#assign-form');
    await checkPage(page, 'discovery-item-county');
    await page.fill('#assign-login', 'cw2');
    await page.click('#assign-form button[type=submit]');
    await page.waitForSelector('#assign-error:has-text("没有这位本乡镇的经办人员")');
    await page.fill('#assign-login', 'cw');
    await page.click('#assign-form button[type=submit]');
    await page.waitForSelector('#dq-assignee:has-text("cw")');
  });

  await step('the discovery ledger counts the visit and the close, per rule, in the county view', async () => {
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('jiuzhu.console.session')).token);
    const item = (await call(srv.url, 'GET', `/api/v1/discovery/queue/${t.itemId}`, undefined, token)).json;
    const rule = item.flags[0];
    const ledger = (await call(srv.url, 'GET', '/api/v1/discovery/ledger', undefined, token)).json;
    const total = ledger.rules.find((r) => r.rule === rule);
    // The item was visited, found not eligible, then closed with a code: counted as followed_up.
    assert.ok(total.visited >= 1 && total.closed_followed_up >= 1, JSON.stringify(total));
    assert.equal(total.median_working_days_flag_to_visit, 0);
    const cell = ledger.rows.find((r) => r.rule === rule && r.township === TOWNSHIP);
    assert.ok(cell.visited >= 1);
    await page.click('nav a[href="#/ledger"]');
    await page.waitForSelector('#ledger-rules');
    const row = page.locator(`#ledger-rules tr[data-rule="${rule}"]`);
    assert.equal(await row.locator('td[data-col="visited"]').textContent(), String(total.visited));
    assert.equal(await row.locator('td[data-col="closed_followed_up"]').textContent(), String(total.closed_followed_up));
    assert.equal(await row.locator('td[data-col="flagged"]').textContent(), String(total.flagged));
    // console: closes counted by reason code (the first item confirmed not eligible, the second a
    // false alarm).
    assert.ok(total.closed_by_reason.confirmed_not_eligible >= 1, JSON.stringify(total));
    const reasons = page.locator(`#ledger-reasons tr[data-rule="${rule}"]`);
    assert.equal(await reasons.locator('td[data-col="closed_by_reason.confirmed_not_eligible"]').textContent(),
      String(total.closed_by_reason.confirmed_not_eligible));
    const fa = (await call(srv.url, 'GET', `/api/v1/discovery/queue/${t.falseAlarmId}`, undefined, token)).json;
    assert.equal(fa.close_code, 'false_alarm_data_wrong');
    const faTotal = ledger.rules.find((r) => r.rule === fa.flags[0]);
    assert.ok(faTotal.false_alarms >= 1 && faTotal.closed_by_reason.false_alarm_data_wrong >= 1, JSON.stringify(faTotal));
    const faRow = page.locator(`#ledger-reasons tr[data-rule="${fa.flags[0]}"]`);
    assert.equal(await faRow.locator('td[data-col="false_alarms"]').textContent(), String(faTotal.false_alarms));
    await checkPage(page, 'ledger');
    // A caseworker of the other township gets their own township's numbers only (API).
    const cw2 = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'cw2', password: password('cw2') })).json.token;
    const theirs = (await call(srv.url, 'GET', '/api/v1/discovery/ledger', undefined, cw2)).json;
    assert.ok(theirs.rows.every((r) => r.township === OTHER_TOWNSHIP));
  });

  await step('a county parameter entered with its citation changes an eligibility verdict', async () => {
    // An elderly rural resident living alone on a 650 yuan pension: above the shipped rural
    // 低保 standard (560), below the standard this county enters (900).
    const household = {
      hukou: 'rural',
      members: [{ id_number: idNumber('19480101', 42), name: '示例', relation: 'self', lives_together: true,
        monthly_income: 0, pension_monthly: 650, disability: null, serious_illness: false, employment: 'none',
        student: null, in_prison: false }],
      assets: { deposits: 1000, vehicles: 0, extra_housing: 0 },
      has_able_supporter: false,
      receiving: [],
    };
    const verdict = async () => {
      const r = await call(srv.url, 'POST', '/api/v1/eligibility', { params_county: '450326', household });
      assert.equal(r.status, 200, r.text);
      return r.json.programs.find((p) => p.program === 'dibao');
    };
    const before = await verdict();
    assert.equal(before.verdict, 'not_eligible', JSON.stringify(before));
    await page.click('nav a[href="#/params"]');
    await page.waitForSelector('#params-form');
    const row = page.locator('#params-table tr[data-param="dibao_standard_monthly.rural"]');
    assert.ok((await row.textContent()).includes('未核实'));
    await checkPage(page, 'params');
    await page.selectOption('#p-name', 'dibao_standard_monthly.rural');
    await page.fill('#p-value', '900');
    await page.click('#params-form button[type=submit]');
    await page.waitForSelector('#p-error:has-text("请填写")');
    await page.fill('#p-issuer', '永福县民政局、永福县财政局');
    await page.fill('#p-docno', '永民发〔2027〕1号');
    await page.fill('#p-title', '关于提高城乡最低生活保障标准的通知');
    await page.fill('#p-date', '2026-12-01');
    await page.fill('#p-url', 'https://www.example.gov.cn/yfx/2027-1');
    await page.fill('#p-quote', '农村低保标准提高到每人每月900元。');
    await page.click('#params-form button[type=submit]');
    await page.waitForSelector('#param-versions li');
    await page.waitForSelector('#params-table tr[data-param="dibao_standard_monthly.rural"]:has-text("已核实")');
    assert.equal(await row.locator('td[data-col="value"]').textContent(), '900');
    assert.ok((await row.textContent()).includes('农村低保标准提高到每人每月900元'));
    const after = await verdict();
    assert.notEqual(after.verdict, 'not_eligible', JSON.stringify(after));
    assert.ok(!(after.unverified_params ?? []).includes('dibao_standard_monthly.rural'), JSON.stringify(after.unverified_params));
    // The shipped version is what the engine used on an earlier date; the entered one is kept.
    const earlier = (await call(srv.url, 'GET', '/api/v1/params/450326?on=2026-01-01')).json;
    assert.equal(earlier.in_force.source, 'shipped');
    await checkPage(page, 'params-entered');
  });

}

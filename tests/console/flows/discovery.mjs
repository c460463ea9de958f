// 主动发现: an item visited and closed with a reason, one closed from the desk as a false alarm,
// 帮助申请 with the household's other members, 探访计划; a caseworker of another township sees nothing.
import assert from 'node:assert/strict';
import { call, password, idNumber, application } from '../harness.mjs';

export async function discoveryFlow(t) {
  const { srv, page, step, checkPage, login, logout, sessionToken, nos, otherNo, ours } = t;
  await step('discovery: the caseworker sees why a household was flagged, visits it and closes it with a reason', async () => {
    const admin = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token;
    const run = await call(srv.url, 'POST', '/api/v1/discovery/runs', { feeds_dir: 'synth' }, admin);
    assert.equal(run.status, 201, run.text);
    assert.ok(run.json.flagged > 0);
    await page.click('nav a[href="#/discovery"]');
    await page.waitForSelector('#discovery-table tbody tr');
    await checkPage(page, 'discovery');
    const first = page.locator('#discovery-table tbody tr:first-child a');
    t.itemId = (await first.getAttribute('href')).split('/').pop();
    await first.click();
    await page.waitForSelector('#visit-form');
    const why = await page.textContent('section[aria-labelledby="dq-why"]');
    assert.match(why, /来源：/);
    // The rule's condition in words (condition.js), not the engine's identifiers.
    assert.match(why, /规则条件/);
    assert.doesNotMatch(why, /[a-z]+_[a-z]+|规则原文/, `rule conditions in words: ${why}`);
    assert.doesNotMatch(await page.textContent('main'), /\d{17}[\dX]/, 'no full ID number on the page');
    await checkPage(page, 'discovery-item');
    await page.fill('#visit-findings', '老人独居，屋内无取暖设备，药费负担重');
    await page.selectOption('#visit-outcome', 'needs_assistance');
    await page.click('#visit-form button[type=submit]');
    await page.waitForSelector('#dq-state:has-text("已走访")');
    assert.ok((await page.textContent('#visits')).includes('老人独居'));
    await page.check('#dq-to-not_eligible');
    await page.click('#dq-form button[type=submit]');
    await page.waitForSelector('#dq-error:has-text("请写明理由")');
    await page.fill('#dq-reason', '核对后家庭人均收入高于低保标准，已告知可申请临时救助');
    await page.click('#dq-form button[type=submit]');
    await page.waitForSelector('#dq-state:has-text("不符合条件")');
    // console: closed with a reason code; the note is required (page and server).
    await page.selectOption('#close-code', 'confirmed_not_eligible');
    await page.click('#close-form button[type=submit]');
    await page.waitForSelector('#close-error:has-text("请写明结案说明")');
    await page.fill('#close-note', '已书面告知不符合低保条件，建议申请临时救助');
    await page.click('#close-form button[type=submit]');
    await page.waitForSelector('text=此预警已办结');
    assert.equal(await page.textContent('#dq-close-code'), '核实后不符合条件');
    await checkPage(page, 'discovery-item-closed');
  });

  await step('a second item is closed from the desk as a false alarm (data wrong), with the keyboard', async () => {
    await page.click('nav a[href="#/discovery"]');
    await page.waitForSelector('#discovery-table tbody tr');
    const link = page.locator(`#discovery-table tbody tr a:not([href$="/${t.itemId}"])`).first();
    t.falseAlarmId = (await link.getAttribute('href')).split('/').pop();
    await link.click();
    await page.waitForSelector('#close-form');
    await page.focus('#close-code');
    await page.selectOption('#close-code', 'false_alarm_data_wrong');
    await page.focus('#close-note');
    await page.keyboard.type('医保数据把他人的住院费用记在本户名下');
    await page.focus('#close-form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#dq-close-code:has-text("误报：数据有误")');
  });

  await step('the caseworker helps a household apply from a discovery item (channel visit); both pages link', async () => {
    await page.click('nav a[href="#/discovery"]');
    await page.waitForSelector('#discovery-table tbody tr');
    const link = page.locator(`#discovery-table tbody tr a:not([href$="/${t.itemId}"]):not([href$="/${t.falseAlarmId}"])`).first();
    const applyId = (await link.getAttribute('href')).split('/').pop();
    await link.click();
    await page.waitForSelector('#apply-form');
    await checkPage(page, 'discovery-item-apply');
    // Refused by the page without the consent; nothing is sent.
    await page.fill('#apply-name', '韦秀珍');
    await page.fill('#apply-id', idNumber('19410712', 538));
    await page.check('#apply-p-dibao');
    await page.click('#apply-form button[type=submit]');
    await page.waitForSelector('#apply-error:has-text("授权")');
    await page.check('#apply-consent-a');
    await page.check('#apply-consent-b');
    await page.fill('#apply-statement', '老伴去年去世，本人腿脚不便，靠种菜为生');
    // 其他家庭成员: one prefilled row per other person the item's evidence names, shown masked
    // with an empty ID field (a masked number cannot be submitted; the caseworker types it).
    const item = (await call(srv.url, 'GET', `/api/v1/discovery/queue/${applyId}`, undefined, await sessionToken(page))).json;
    const others = new Set(item.evidence.flatMap((f) => f.evidence.map((e) => e.id_number)).filter((x) => x && x !== item.id_number));
    assert.equal(await page.locator('#apply-members .member-row').count(), others.size);
    for (const row of await page.locator('#apply-members .member-row').all()) {
      assert.match(await row.locator('legend').textContent(), /预警涉及人员 \d{6}\*{8}\d{3}[\dX]/);
      assert.equal(await row.locator('input[id$="-id"]').inputValue(), '');
    }
    while (await page.locator('#apply-members .member-row').count()) {
      await page.locator('#apply-members .member-row button').first().click();
    }
    // A spouse with a wrong check character: the server's ID check names the member's row.
    await page.click('#apply-add-member');
    const row = page.locator('#apply-members .member-row').first();
    await row.locator('select[id$="-relation"]').selectOption('spouse');
    await row.locator('input[id$="-name"]').fill('黄德明');
    // discovery: the member facts the application contract lets the kiosk ask (eligibility.md).
    await row.locator('select[id$="-disability"]').selectOption('physical');
    await row.locator('select[id$="-grade"]').selectOption('2');
    await row.locator('select[id$="-employment"]').selectOption('retired');
    await row.locator('select[id$="-ill"]').selectOption('');
    await page.selectOption('#apply-disability', 'visual');
    await page.selectOption('#apply-grade', '1');
    const spouseId = idNumber('19390418', 547);
    await row.locator('input[id$="-id"]').fill(spouseId.slice(0, 17) + (spouseId.endsWith('0') ? '1' : '0'));
    await row.locator('input[id$="-income"]').fill('120');
    await page.click('#apply-form button[type=submit]');
    await row.locator('.error:has-text("身份证号不正确")').waitFor();
    assert.match(await page.textContent('#apply-error'), /家庭成员 1/);
    await checkPage(page, 'discovery-item-apply-members');
    await row.locator('input[id$="-id"]').fill(spouseId);
    await page.click('#apply-form button[type=submit]');
    await page.waitForSelector('#dq-application a');
    assert.equal(await page.textContent('#dq-state'), '已帮助申请');
    await page.click('#dq-application a');
    await page.waitForSelector('#timeline-received');
    assert.equal(await page.textContent('#case-channel'), '入户代为申请');
    const received = await page.textContent('#timeline-received');
    assert.match(received, /经办人 cw 代为申请/);
    assert.match(received, new RegExp(`预警 ${applyId}`));
    assert.match(await page.textContent('#hh-h'), /2 人/);
    const caseNo = decodeURIComponent(page.url().split('/').pop());
    const stored = (await call(srv.url, 'GET', `/api/v1/cases/${caseNo}`, undefined, await sessionToken(page))).json;
    const [self, spouse] = stored.application.household.members;
    assert.deepEqual(self.disability, { kind: 'visual', grade: 1 }, JSON.stringify(self));
    assert.deepEqual(spouse.disability, { kind: 'physical', grade: 2 }, JSON.stringify(spouse));
    assert.equal(spouse.employment, 'retired');
    assert.equal(spouse.lives_together, true);
    assert.equal('serious_illness' in spouse && spouse.serious_illness !== null, false, JSON.stringify(spouse));
    assert.match(await page.textContent('section[aria-labelledby=hh-h] tbody'), /黄德明配偶/);
    assert.doesNotMatch(await page.textContent('main'), /\d{17}[\dX]/, 'no full ID number on the case page');
    await checkPage(page, 'case-from-visit');
    await page.click('#timeline-received a');
    await page.waitForSelector('#dq-application');
  });

  await step('探访计划: due and overdue visits per caseworker; a visit recorded from the list', async () => {
    // One household visited ten days ago whose next visit was due three days ago: overdue.
    const day = (n) => new Date(Date.now() + n * 86400000 + 8 * 3600000).toISOString().slice(0, 10);
    const cwTok = await sessionToken(page);
    const late = (await call(srv.url, 'GET', '/api/v1/discovery/queue?limit=50', undefined, cwTok)).json.items
      .find((x) => x.status === 'open' && x.id !== Number(t.itemId));
    const lateVisit = await call(srv.url, 'POST', '/api/v1/visits', {
      queue_id: late.id, visited_on: day(-10), outcome: 'follow_up', findings: '需再次走访', next_visit_due: day(-3),
    }, cwTok);
    assert.equal(lateVisit.status, 201, lateVisit.text);
    await page.click('nav a[href="#/visits"]');
    await page.waitForSelector('#plan-caseworkers');
    assert.match(await page.textContent(`#plan-table tr[data-id="${late.id}"]`), /已逾期 3 天/);
    const by = new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 10);
    await page.fill('#plan-by', by);
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('#plan-table tbody tr');
    await checkPage(page, 'visits-plan');
    const token = await sessionToken(page);
    const due = (await call(srv.url, 'GET', `/api/v1/visits/due?by=${by}`, undefined, token)).json;
    assert.equal(await page.locator('#plan-table tbody tr').count(), due.items.length);
    assert.doesNotMatch(await page.textContent('main'), /\d{17}[\dX]/, 'no full ID number in the plan');
    const first = due.items[0];
    await page.click(`#plan-visit-${first.id}`);
    await page.waitForSelector('#plan-form');
    await page.click('#plan-form button[type=submit]');
    await page.waitForSelector('#plan-error:has-text("请写明看到的情况")');
    await page.fill('#plan-findings', '按月探访：老人身体尚可，药费仍重');
    await page.click('#plan-form button[type=submit]');
    await page.waitForSelector('.status-line:has-text("已记录走访")');
    const item = (await call(srv.url, 'GET', `/api/v1/discovery/queue/${first.id}`, undefined, token)).json;
    assert.ok(item.visits.some((v) => v.findings === '按月探访：老人身体尚可，药费仍重'));
  });

  await step('a caseworker of another township sees nothing of ours', async () => {
    await logout(page);
    await login(page, srv, 'cw2');
    await page.waitForSelector('#intake-table');
    const text = await page.textContent('#intake-table');
    assert.ok(text.includes(otherNo));
    for (const no of nos) assert.ok(!text.includes(no), `no ${no}`);
    await page.goto(`${srv.url}/console/#/case/${encodeURIComponent(nos[0])}`);
    await page.waitForSelector('.status-line:has-text("没有找到这条记录")');
    assert.ok(!(await page.textContent('main')).includes('张桂兰'));
    await checkPage(page, 'case-not-found');
    await page.goto(`${srv.url}/console/#/discovery-item/${t.itemId}`);
    await page.waitForSelector('.status-line:has-text("没有找到这条记录")');
    await logout(page);
  });

}

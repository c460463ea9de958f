// The caseworker's cases: serving and CSP; login (keyboard only, wrong password); the intake list and its
// server-side filter; a case with masked IDs, the audited full view and documents inline; one case
// approved, one refused with its reason; a referral with its reason; 打印表格 (the case's forms as
// the server's PDFs) before and after the county enters the township's hall (窗口信息).
import assert from 'node:assert/strict';
import { call, password, application, pdfText, TOWNSHIP } from '../harness.mjs';

export async function casesFlow(t) {
  const { srv, page, browser, step, checkPage, login, sessionToken, nos, otherNo, ours } = t;
  await step('/ redirects to /console/, which carries a strict CSP', async () => {
    const root = await call(srv.url, 'GET', '/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/console/');
    const index = await call(srv.url, 'GET', '/console/');
    assert.equal(index.status, 200);
    const csp = index.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.match(index.text, /<html lang="zh-CN">/);
    assert.doesNotMatch(index.text, /<script>|style=/);
    assert.equal((await call(srv.url, 'GET', '/console/..%2Fjiuzhu.db')).status, 404);
  });

  await step('login page; a wrong password is refused in plain Chinese', async () => {
    await page.goto(`${srv.url}/`);
    await page.waitForSelector('form.login');
    assert.equal(new URL(page.url()).pathname, '/console/');
    await checkPage(page, 'login');
    await page.fill('#login', 'cw');
    await page.fill('#password', 'wrong-password');
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#login-error:has-text("用户名或密码不正确")');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
  });

  await step('caseworker logs in with the keyboard alone and sees the intake of the township', async () => {
    await login(page, srv, 'cw', { keyboard: true });
    await page.waitForSelector('#intake-table');
    await checkPage(page, 'intake');
    const text = await page.textContent('#intake-table');
    for (const no of nos) assert.ok(text.includes(no), `intake lists ${no}`);
    assert.ok(!text.includes(otherNo), 'no application of another township');
    assert.ok(!text.includes('钱'), 'no name of another township');
    // 先行救助 on top.
    const first = await page.textContent('#intake-table tbody tr:first-child');
    assert.ok(first.includes('先行救助') && first.includes(nos[2]), first);
    assert.ok(!text.includes(ours[0].applicant.id_number), 'ID numbers masked in the list');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
    assert.ok(!page.url().includes('token'), 'no token in the URL');
  });

  await step('status filter is applied by the server', async () => {
    await page.selectOption('#status-filter', 'approved');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('.status-line:has-text("没有符合条件的申请")');
    await page.selectOption('#status-filter', '');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector(`#intake-table a:has-text("${nos[0]}")`);
  });

  await step('a page still loading when the caseworker moves on never draws over the next page', async () => {
    // 受理台账 first waits for the program names (/api/v1/policies); hold that answer, move on to
    // 重点人群, then let it through: the late 受理台账 must not replace the rosters page.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/v1/policies', async (route) => { await held; await route.continue(); });
    await page.goto(`${srv.url}/console/#/intake`);
    await page.reload();  // empties the page's cache of program names
    await page.waitForSelector('nav a:has-text("重点人群")');
    await page.click('nav a:has-text("重点人群")');
    await page.waitForSelector('main h1:text-is("重点人群")');
    const answered = page.waitForResponse('**/api/v1/policies');
    release();
    await answered;
    // Two frames: the held page's continuation has run by then.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await page.textContent('main h1'), '重点人群');
    assert.equal(await page.locator('#intake-table').count(), 0);
    await page.unroute('**/api/v1/policies');
    await page.click('nav a:has-text("受理台账")');
    await page.waitForSelector(`#intake-table a:has-text("${nos[0]}")`);
  });

  await step('case view: ID numbers masked; showing one in full is confirmed and audited', async () => {
    await page.click(`#intake-table a:has-text("${nos[0]}")`);
    await page.waitForSelector('#transition-form');
    await checkPage(page, 'case');
    const body = await page.textContent('main');
    const full = ours[0].applicant.id_number;
    assert.ok(!body.includes(full), 'full ID number not on the page');
    assert.ok(body.includes(`${full.slice(0, 6)}********${full.slice(14)}`), 'masked ID number shown');
    const reveal = page.getByRole('button', { name: /（申请人）$/ });
    await reveal.click();
    await reveal.click();  // the second press confirms
    await page.waitForSelector(`text=${full}`);
    const audit = await call(srv.url, 'GET', '/api/v1/audit?limit=200', undefined,
      (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token);
    assert.equal(audit.status, 200, audit.text);
    const rows = audit.json.items ?? audit.json;
    assert.ok(rows.some((r) => r.action === 'reveal_id' && r.record_id === nos[0] && r.actor === 'user:cw'),
      'reveal_id audit row');
  });

  await step('case view: documents shown inline from blob: URLs (token never in a URL), each read audited', async () => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.click('#doc-show-0');
    await page.waitForSelector('#doc-view-0 img[src^="blob:"]');
    await page.waitForFunction(() => document.querySelector('#doc-view-0 img').naturalWidth > 0);
    await page.click('#doc-show-1');
    await page.waitForSelector('#doc-view-1 iframe[src^="blob:"]');
    assert.ok(requests.some((u) => u.includes(`/documents/${ours[0].documents[0].sha256}`)));
    assert.ok(requests.every((u) => !/jzs_|token=/i.test(u)), 'no token in any URL');
    await checkPage(page, 'case-documents', { idle: false });
    const admin = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token;
    const audit = (await call(srv.url, 'GET', '/api/v1/audit?limit=1000', undefined, admin)).json.items;
    const reads = audit.filter((r) => r.action === 'read' && r.record_type === 'document' && r.record_id === nos[0]);
    assert.equal(reads.length, 2, JSON.stringify(reads));
  });

  await step('work a case from received to approved', async () => {
    for (const [to, status] of [['investigating', '调查核实中'], ['under_review', '审核中'], ['public_notice', '公示中'], ['approved', '已批准']]) {
      await page.check(`#to-${to}`);
      await page.fill('#transition-note', `入户核实后办理：${status}`);
      await page.click('#transition-form button[type=submit]');
      await page.waitForSelector(`#case-status:has-text("${status}")`);
    }
    await page.waitForSelector('text=此案件已办结');
    const timeline = await page.textContent('#timeline');
    assert.ok(timeline.includes('公示中 → 已批准'), timeline);
    await checkPage(page, 'case-approved');
  });

  await step('a refusal needs its written reason', async () => {
    await page.goto(`${srv.url}/console/#/case/${encodeURIComponent(nos[1])}`);
    await page.waitForSelector('#transition-form');
    await page.check('#to-rejected');
    await page.click('#transition-form button[type=submit]');
    await page.waitForSelector('#transition-error:has-text("不予批准必须写明理由")');
    // The server refuses it too, whatever the browser does.
    const cwToken = await page.evaluate(() => JSON.parse(sessionStorage.getItem('jiuzhu.console.session')).token);
    const bare = await call(srv.url, 'POST', `/api/v1/cases/${nos[1]}/transitions`, { to: 'rejected', note: ' ' }, cwToken);
    assert.equal(bare.status, 400);
    assert.equal(bare.json.error.code, 'reason_required');
    await page.fill('#transition-note', '家庭人均收入高于当地低保标准');
    await page.click('#transition-form button[type=submit]');
    await page.waitForSelector('#case-status:has-text("不予批准")');
    assert.ok((await page.textContent('#timeline')).includes('家庭人均收入高于当地低保标准'));
  });

  await step('the caseworker refers a case to a department with a reason; the timeline shows it', async () => {
    await page.goto(`${srv.url}/console/#/case/${encodeURIComponent(nos[2])}`);
    await page.waitForSelector('#referral-form');
    await page.selectOption('#referral-department', 'education');
    await page.click('#referral-form button[type=submit]');
    await page.waitForSelector('#referral-error:has-text("请写明转办原因")');
    await page.fill('#referral-reason', '女儿读初二，火灾后学费无着');
    await page.fill('#referral-note', '请教育部门核实后给予教育救助');
    await page.click('#referral-form button[type=submit]');
    await page.waitForSelector('#referrals li:has-text("待接收")');
    assert.match(await page.textContent('#timeline'), /转办：教育部门（user:cw）：女儿读初二/);
    await checkPage(page, 'case-referred');
    const token = await sessionToken(page);
    t.referralId = (await call(srv.url, 'GET', `/api/v1/cases/${nos[2]}`, undefined, token)).json.referrals[0].referral_id;
  });


  await step('打印表格: forms download as PDFs (masked IDs); the county enters the hall (窗口信息) the paper prints', async () => {
    const full = ours[0].applicant.id_number;
    const masked = `${full.slice(0, 6)}********${full.slice(14)}`;
    await page.goto(`${srv.url}/console/#/case/${encodeURIComponent(nos[0])}`);
    await page.waitForSelector('#print-forms');
    // No hall entered yet: the page says whom to ask; the paper says （未登记）, nothing invented.
    await page.waitForSelector('#hall-missing:has-text("县民政局")');
    assert.equal(await page.locator('#form-proxy-authorization').count(), 0, 'no proxy, no 委托书');
    const [visit] = await Promise.all([page.waitForEvent('download'), page.click('#form-visit-record')]);
    assert.equal(visit.suggestedFilename(), `visit-record_${nos[0]}.pdf`);
    let text = pdfText(await visit.path());
    assert.ok(text.includes('张桂兰') && text.includes(masked) && !text.includes(full), text);
    assert.ok(text.includes('（未登记）'), text);
    await page.waitForSelector('#forms-message .form-saved');
    await checkPage(page, 'case-forms');
    // 退出登录 only (the token's revocation is checked by the flows that test logout).
    const signOut = async () => {
      await page.click('#who button');
      await page.waitForSelector('form.login');
    };
    // The county administrator enters the hall with the keyboard.
    await signOut();
    await login(page, srv, 'admin');
    await page.click('nav a[href="#/halls"]');
    await page.waitForSelector('#hall-form');
    await page.waitForSelector(`#halls-table tr[data-township="${TOWNSHIP}"]:has-text("未登记")`);
    await checkPage(page, 'halls');
    await page.selectOption('#hall-township', TOWNSHIP);
    await page.focus('#hall-name');
    await page.keyboard.type('罗锦镇社会救助服务窗口');
    await page.keyboard.press('Tab');
    await page.keyboard.type('永福县罗锦镇人民政府一楼');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0773-8512345');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#hall-saved');
    assert.match(await page.textContent(`#halls-table tr[data-township="${TOWNSHIP}"]`), /罗锦镇社会救助服务窗口.*0773-8512345/);
    await checkPage(page, 'halls-saved');
    await signOut();
    // The caseworker's receipt (A4 chosen) now carries the hall; the notice is gone.
    await login(page, srv, 'cw');
    await page.goto(`${srv.url}/console/#/case/${encodeURIComponent(nos[0])}`);
    await page.waitForSelector('#print-forms');
    assert.equal(await page.locator('#hall-missing').count(), 0);
    await page.check('#case-receipt-paper-a4');
    const [receipt] = await Promise.all([page.waitForEvent('download'), page.click('#case-receipt-pdf')]);
    text = pdfText(await receipt.path());
    assert.ok(text.includes('罗锦镇社会救助服务窗口') && text.includes('0773-8512345') && text.includes(masked), text);
    assert.ok(!text.includes(full));
    const admin = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token;
    const audit = (await call(srv.url, 'GET', '/api/v1/audit?limit=1000', undefined, admin)).json.items;
    assert.ok(audit.some((r) => r.action === 'print' && r.record_id === nos[0] && r.detail === 'form=visit-record paper=a4' && r.actor === 'user:cw'));
    assert.ok(audit.some((r) => r.action === 'print' && r.record_id === nos[0] && r.detail === 'form=receipt paper=a4'));
    assert.ok(audit.some((r) => r.action === 'update' && r.record_type === 'hall' && r.record_id === TOWNSHIP && r.actor === 'user:admin'));
  });
}

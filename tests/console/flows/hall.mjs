// Hall staff (窗口): a kiosk help call rings within 2 s; today's intake; a receipt reprinted (PDF); the
// township's kiosks' state.
import assert from 'node:assert/strict';
import { call, password, pdfText, TOWNSHIP } from '../harness.mjs';

export async function hallFlow(t) {
  const { srv, page, step, checkPage, login, nos, otherNo, ours } = t;
  await step('a kiosk help call rings the hall console within 2 s and is answered', async () => {
    await login(page, srv, 'hall');
    await page.waitForSelector('#help-calls');
    await checkPage(page, 'help-calls-empty');
    const beepsBefore = await page.evaluate(() => window.__beeps);
    const sent = Date.now();
    const body = { client_id: crypto.randomUUID(), screen: 'documents', requested_at: new Date().toISOString() };
    const r = await call(srv.url, 'POST', '/api/v1/help-calls', body, srv.tokens.kiosk);
    assert.equal(r.status, 201, r.text);
    await page.waitForSelector('#banner:has-text("K-LJ-01")', { timeout: 2000 });
    t.helpCallMs = Date.now() - sent;
    await page.waitForSelector('#help-calls li:has-text("拍摄材料")');
    assert.ok((await page.evaluate(() => window.__beeps)) > beepsBefore, 'the console beeped');
    // A retry of the same call does not ring twice; another township's kiosk does not ring here.
    assert.equal((await call(srv.url, 'POST', '/api/v1/help-calls', body, srv.tokens.kiosk)).status, 200);
    await call(srv.url, 'POST', '/api/v1/help-calls',
      { client_id: crypto.randomUUID(), screen: 'home', requested_at: new Date().toISOString() }, srv.tokens.kiosk2);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('#help-calls li').count(), 1);
    await checkPage(page, 'help-calls-ringing');
    await page.click('#help-calls li button');
    await page.waitForSelector('#help-calls .empty');
    await page.waitForSelector('#banner', { state: 'hidden' });
  });

  await step('hall staff see today\'s intake of the township', async () => {
    await page.click('nav a[href="#/today"]');
    await page.waitForSelector('#today-table');
    const text = await page.textContent('#today-table');
    for (const no of nos) assert.ok(text.includes(no));
    assert.ok(!text.includes(otherNo));
    await checkPage(page, 'today');
  });

  await step('hall staff reprint a receipt from 今日受理 as the server\'s PDF (80 mm, masked, audited)', async () => {
    await page.click(`#today-table tr:has-text("${nos[0]}") a.receipt-link`);
    await page.waitForSelector('#receipt-pdf');
    assert.equal(await page.textContent('#receipt-no'), nos[0]);
    await checkPage(page, 'receipt');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#receipt-pdf')]);
    assert.equal(download.suggestedFilename(), `receipt_${nos[0]}_80mm.pdf`);
    const text = pdfText(await download.path());
    const full = ours[0].applicant.id_number;
    assert.ok(!text.includes(full) && text.includes(`${full.slice(0, 6)}********${full.slice(14)}`), text);
    assert.ok(text.includes(nos[0]) && text.includes('罗锦镇社会救助服务窗口'), text);
    const admin = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token;
    const audit = (await call(srv.url, 'GET', '/api/v1/audit?limit=1000', undefined, admin)).json.items;
    assert.ok(audit.some((r) => r.action === 'print' && r.record_type === 'case' && r.record_id === nos[0]
      && r.detail === 'form=receipt paper=80mm' && r.actor === 'user:hall'));
    await page.click('a:has-text("返回今日受理")');
    await page.waitForSelector('#today-table');
  });

  await step('hall staff see their kiosks\' state (only the township\'s kiosks)', async () => {
    await page.click('nav a[href="#/kiosk-state"]');
    await page.waitForSelector('#kiosks-table');
    const text = await page.textContent('#kiosks-table');
    assert.ok(text.includes('K-LJ-01') && !text.includes('K-BS-01'), text);
    await checkPage(page, 'kiosk-state');
    // The device fields the kiosk heartbeat adds (docs/api.md, GET /api/v1/kiosks: enabled,
    // online, last_seen_at, status) are not served by this branch's server yet: the rendering of
    // that documented shape is checked by answering the page's request with it.
    await page.route('**/api/v1/kiosks', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ items: [
        { kiosk_id: 'K-LJ-01', township: TOWNSHIP, enabled: true, online: true, last_seen_at: new Date().toISOString(),
          clock_offset_seconds: 2, status: { reader: 'ok', camera: 'fault', printer: 'ok', paper: 'low', outbox_backlog: 3,
            outbox_oldest_at: new Date(Date.now() - 3600000).toISOString() } },
        { kiosk_id: 'K-LJ-02', township: TOWNSHIP, enabled: true, online: false, last_seen_at: '2026-12-06T08:00:00+08:00',
          clock_offset_seconds: null, status: null },
      ] }),
    }));
    await page.click('#kiosks-refresh');
    await page.waitForSelector('tr[data-kiosk="K-LJ-02"]');
    assert.match(await page.textContent('tr[data-kiosk="K-LJ-01"]'), /⚠ 故障.*⚠ 将用完.*3 件/);
    assert.match(await page.textContent('tr[data-kiosk="K-LJ-02"]'), /⚠ 离线（最后联系 2026-12-06 08:00）.*未上报/);
    assert.match(await page.textContent('.status-line'), /2 台需要处理/);
    await checkPage(page, 'kiosk-state-faults');
    await page.unroute('**/api/v1/kiosks');
  });

}

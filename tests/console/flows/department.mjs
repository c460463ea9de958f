// Department staff work a referral (accept, done; the case timeline has every step); the session
// ends after inactivity, on the server too.
import assert from 'node:assert/strict';
import { call, password } from '../harness.mjs';

export async function departmentFlow(t) {
  const { srv, page, step, checkPage, login, logout, sessionToken, revoked, nos } = t;
  await step('department staff accept a referral, record what was done; the case timeline has every step', async () => {
    await logout(page);
    await login(page, srv, 'dept');
    await page.waitForSelector(`#referral-${t.referralId}`);
    const card = `#referral-${t.referralId}`;
    assert.match(await page.textContent(card), /女儿读初二/);
    await checkPage(page, 'referrals-inbox');
    await page.click(`#ref-accept-${t.referralId}`);
    await page.waitForSelector(`${card}[data-status="accepted"]`);
    await page.click(`#ref-done-${t.referralId}`);
    await page.waitForSelector(`#ref-error-${t.referralId}:has-text("请写明为这户做了什么")`);
    await page.fill(`#ref-text-${t.referralId}`, '已落实教育救助：免除学杂费，发放生活补助 1000 元');
    await page.click(`#ref-done-${t.referralId}`);
    await page.waitForSelector(`${card}[data-status="done"]`);
    await checkPage(page, 'referrals-done');
    const cw = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'cw', password: password('cw') })).json.token;
    const steps = (await call(srv.url, 'GET', `/api/v1/cases/${nos[2]}`, undefined, cw)).json.referral_steps
      .filter((x) => x.referral_id === t.referralId).map((x) => x.step);
    assert.deepEqual(steps, ['sent', 'accept', 'done']);
  });

  await step('the session ends after inactivity', async () => {
    await logout(page);
    await page.evaluate(() => sessionStorage.setItem('jiuzhu.console.idle_ms', '3000'));
    await page.fill('#login', 'hall');
    await page.fill('#password', password('hall'));
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#who:has-text("退出登录")', { timeout: 15000 }).catch(() => {});
    const token = await sessionToken(page);
    // The expiry notice appears only when a live session ends for inactivity, so seeing it proves
    // both the login and the logout (no wait for the pages in between: under load they could take
    // longer than the idle limit itself).
    await page.waitForSelector('text=由于长时间未操作', { timeout: 15000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('jiuzhu.console.session')), null);
    // The idle logout ended the session on the server as well.
    if (token) await revoked(token);
  });

}

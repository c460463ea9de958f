// The staff console end to end: real jiuzhu-server on loopback (SQLite, or PostgreSQL when
// JIUZHU_TEST_PG_URL is set; else exit 77 = skipped), headless Chromium through playwright-core.
//   node e2e.mjs --server BIN/jiuzhu-server --console BUILD/console --backend sqlite|postgresql
//                [--screenshots DIR]
// Checks: serving and CSP; login (keyboard only), wrong password; caseworker works one case from
// received to approved and one to rejected (a reason required); masked ID numbers and the audited
// full view; a caseworker of another township sees nothing of ours; a kiosk help call rings the
// hall console within 2 s and is answered; today's intake; inactivity logout; axe-core finds no
// serious or critical violation and no text is below 16 px on every page.
// Prints one JSON line at the end: {"test","backend","steps","pages_checked","help_call_ms"}.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  args, startServer, call, launch, axeViolations, smallestText, application, idNumber, password,
  TOWNSHIP, OTHER_TOWNSHIP,
} from './harness.mjs';

const opt = args(process.argv);
const backend = opt.backend ?? 'sqlite';
if (backend === 'postgresql' && !process.env.JIUZHU_TEST_PG_URL) {
  console.log('JIUZHU_TEST_PG_URL not set: the PostgreSQL variant is skipped');
  process.exit(77);
}
const shots = opt.screenshots;
if (shots) mkdirSync(shots, { recursive: true });

let steps = 0;
let pagesChecked = 0;
async function step(name, fn) {
  process.stdout.write(`- ${name} … `);
  await fn();
  steps += 1;
  console.log('ok');
}

// Every page the console shows passes axe and the 16 px floor; optionally saved as a PNG.
// (`idle: false` for a page with a PDF frame: Chromium's PDF viewer keeps the network busy.)
async function checkPage(page, name, { idle = true } = {}) {
  if (idle) await page.waitForLoadState('networkidle');
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe on ${name}`);
  const { min, where } = await smallestText(page);
  assert.ok(min >= 16, `text of ${min}px on ${name} (${where})`);
  if (shots) await page.screenshot({ path: join(shots, `console-${name}.png`), fullPage: true });
  pagesChecked += 1;
}

async function login(page, srv, user, { keyboard = false } = {}) {
  await page.goto(`${srv.url}/console/`);
  await page.waitForSelector('form.login');
  if (keyboard) {
    // Focus starts in the login field; Tab to the password, Enter submits.
    await page.keyboard.type(user);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password(user));
    await page.keyboard.press('Enter');
  } else {
    await page.fill('#login', user);
    await page.fill('#password', password(user));
    await page.click('form.login button[type=submit]');
  }
  await page.waitForSelector('#who:has-text("退出登录")');
}

const sessionToken = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('jiuzhu.console.session') ?? 'null')?.token);

// 退出登录, and (console) the server no longer accepts the token: the session ended there too.
async function logout(page) {
  const token = await sessionToken(page);
  await page.click('#who button');
  await page.waitForSelector('form.login');
  if (token) await revoked(token);
}

async function revoked(token) {
  for (let i = 0; i < 50; i += 1) {
    const r = await call(srv.url, 'GET', '/api/v1/me', undefined, token);
    if (r.status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('the token still works after logout');
}

const srv = await startServer({ server: opt.server, consoleDir: opt.console, backend });
const browser = await launch();
let page;
let helpCallMs = null;
try {
  // Applications as the kiosks send them: two in our township, one urgent 先行救助, one elsewhere.
  const ours = [
    application(TOWNSHIP, { name: '张桂兰', id: idNumber('19500315', 123) }),
    application(TOWNSHIP, { name: '王建国', id: idNumber('19480922', 456), programs: ['dibao'] }),
    application(TOWNSHIP, {
      name: '赵红梅', id: idNumber('19620101', 789), programs: ['temporary_emergency'], statement: '家里失火',
      emergency: { kind: 'fire', date: new Date(Date.now() - 86400000).toISOString().slice(0, 10), loss: 20000 },
    }),
  ];
  const theirs = application(OTHER_TOWNSHIP, { name: '钱多多', id: idNumber('19700707', 321) });
  const nos = [];
  // console: the first application carries two documents made elsewhere — a photograph from the
  // camera tests' corpus and the roster PDF the server's printing makes — uploaded as a kiosk does.
  const upload = async (bytes, type) => {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const r = await fetch(`${srv.url}/api/v1/documents/${sha}`, {
      method: 'PUT', headers: { Authorization: `Bearer ${srv.tokens.kiosk}`, 'Content-Type': type }, body: bytes,
    });
    assert.ok(r.status === 201 || r.status === 200, `upload ${type}: ${r.status}`);
    return sha;
  };
  const photo = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'camera', 'data', 'empty_table.jpg'));
  const cwToken = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'cw', password: password('cw') })).json.token;
  const rosterPdf = Buffer.from(await (await fetch(`${srv.url}/api/v1/registry?format=pdf`,
    { headers: { Authorization: `Bearer ${cwToken}` } })).arrayBuffer());
  assert.equal(rosterPdf.subarray(0, 5).toString(), '%PDF-');
  ours[0].documents = [
    { kind: 'id_card', sha256: await upload(photo, 'image/jpeg'), pages: 1 },
    { kind: 'hukou_booklet', sha256: await upload(rosterPdf, 'application/pdf'), pages: 1 },
  ];
  for (const a of ours) {
    const r = await call(srv.url, 'POST', '/api/v1/applications', a, srv.tokens.kiosk);
    assert.equal(r.status, 201, r.text);
    nos.push(r.json.application_no);
  }
  const otherNo = (await call(srv.url, 'POST', '/api/v1/applications', theirs, srv.tokens.kiosk2)).json.application_no;
  assert.ok(otherNo);

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

  page = await browser.context.newPage();
  page.setDefaultTimeout(10000);
  const cspErrors = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
  page.on('pageerror', (e) => { throw e; });
  // Count the oscillators the ring starts: the beep is made in JS, so this is the sound.
  await browser.context.addInitScript(() => {
    window.__beeps = 0;
    const make = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (...a) { window.__beeps += 1; return make.apply(this, a); };
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

  let referralId = null;
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
    referralId = (await call(srv.url, 'GET', `/api/v1/cases/${nos[2]}`, undefined, token)).json.referrals[0].referral_id;
  });

  let itemId = null;
  await step('discovery: the caseworker sees why a household was flagged, visits it and closes it with a reason', async () => {
    const admin = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token;
    const run = await call(srv.url, 'POST', '/api/v1/discovery/runs', { feeds_dir: 'synth' }, admin);
    assert.equal(run.status, 201, run.text);
    assert.ok(run.json.flagged > 0);
    await page.click('nav a[href="#/discovery"]');
    await page.waitForSelector('#discovery-table tbody tr');
    await checkPage(page, 'discovery');
    const first = page.locator('#discovery-table tbody tr:first-child a');
    itemId = (await first.getAttribute('href')).split('/').pop();
    await first.click();
    await page.waitForSelector('#visit-form');
    const why = await page.textContent('section[aria-labelledby="dq-why"]');
    assert.match(why, /来源：/);
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

  let falseAlarmId = null;
  await step('a second item is closed from the desk as a false alarm (data wrong), with the keyboard', async () => {
    await page.click('nav a[href="#/discovery"]');
    await page.waitForSelector('#discovery-table tbody tr');
    const link = page.locator(`#discovery-table tbody tr a:not([href$="/${itemId}"])`).first();
    falseAlarmId = (await link.getAttribute('href')).split('/').pop();
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
    const link = page.locator(`#discovery-table tbody tr a:not([href$="/${itemId}"]):not([href$="/${falseAlarmId}"])`).first();
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
    await row.locator('select').selectOption('spouse');
    await row.locator('input[id$="-name"]').fill('黄德明');
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
      .find((x) => x.status === 'open' && x.id !== Number(itemId));
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
    await page.goto(`${srv.url}/console/#/discovery-item/${itemId}`);
    await page.waitForSelector('.status-line:has-text("没有找到这条记录")');
    await logout(page);
  });

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
    helpCallMs = Date.now() - sent;
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

  await step('hall staff reprint a receipt from 今日受理 (masked, audited, prints alone)', async () => {
    await page.click(`#today-table tr:has-text("${nos[0]}") a.receipt-link`);
    await page.waitForSelector('#receipt-no');
    assert.equal(await page.textContent('#receipt-no'), nos[0]);
    const text = await page.textContent('#receipt');
    const full = ours[0].applicant.id_number;
    assert.ok(!text.includes(full) && text.includes(`${full.slice(0, 6)}********${full.slice(14)}`));
    assert.ok(!text.includes('张桂兰') && text.includes('张**'));
    await checkPage(page, 'receipt');
    // Printed, only the receipt shows: the navigation and the buttons are hidden.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('nav'), false);
    assert.equal(await page.isVisible('#receipt-print'), false);
    assert.equal(await page.isVisible('#receipt'), true);
    await page.emulateMedia({ media: 'screen' });
    const admin = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'admin', password: password('admin') })).json.token;
    const audit = (await call(srv.url, 'GET', '/api/v1/audit?limit=1000', undefined, admin)).json.items;
    assert.ok(audit.some((r) => r.action === 'read' && r.record_type === 'receipt' && r.record_id === nos[0] && r.actor === 'user:hall'));
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
    const item = (await call(srv.url, 'GET', `/api/v1/discovery/queue/${itemId}`, undefined, token)).json;
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
    const fa = (await call(srv.url, 'GET', `/api/v1/discovery/queue/${falseAlarmId}`, undefined, token)).json;
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

  await step('department staff accept a referral, record what was done; the case timeline has every step', async () => {
    await logout(page);
    await login(page, srv, 'dept');
    await page.waitForSelector(`#referral-${referralId}`);
    const card = `#referral-${referralId}`;
    assert.match(await page.textContent(card), /女儿读初二/);
    await checkPage(page, 'referrals-inbox');
    await page.click(`#ref-accept-${referralId}`);
    await page.waitForSelector(`${card}[data-status="accepted"]`);
    await page.click(`#ref-done-${referralId}`);
    await page.waitForSelector(`#ref-error-${referralId}:has-text("请写明为这户做了什么")`);
    await page.fill(`#ref-text-${referralId}`, '已落实教育救助：免除学杂费，发放生活补助 1000 元');
    await page.click(`#ref-done-${referralId}`);
    await page.waitForSelector(`${card}[data-status="done"]`);
    await checkPage(page, 'referrals-done');
    const cw = (await call(srv.url, 'POST', '/api/v1/auth/login', { login: 'cw', password: password('cw') })).json.token;
    const steps = (await call(srv.url, 'GET', `/api/v1/cases/${nos[2]}`, undefined, cw)).json.referral_steps
      .filter((x) => x.referral_id === referralId).map((x) => x.step);
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

  assert.deepEqual(cspErrors, [], 'no Content-Security-Policy violations');
} catch (e) {
  console.log('FAILED');
  if (page) await page.screenshot({ path: join(srv.dir, '..', `console-e2e-failure-${backend}.png`), fullPage: true }).catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
  await srv.stop();
}
if (!process.exitCode) {
  console.log(JSON.stringify({ test: 'console_e2e', backend, steps, pages_checked: pagesChecked, help_call_ms: helpCallMs }));
}

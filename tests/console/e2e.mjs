// The staff console end to end: real jiuzhu-server on loopback (SQLite, or PostgreSQL when
// JIUZHU_TEST_PG_URL is set; else exit 77 = skipped), headless Chromium through playwright-core.
//   node e2e.mjs --server BIN/jiuzhu-server --console BUILD/console --backend sqlite|postgresql
//                [--screenshots DIR]
// This runner starts one server and one browser, submits the kiosks' applications, and runs the
// flows of flows/ in sequence on one page (each flow picks up where the previous left off; what
// one flow makes for a later one — a referral, discovery items — travels on the context `t`):
//   cases.mjs       serving and CSP; login; the caseworker's intake, case view, approve / refuse, referral
//   discovery.mjs   主动发现: visit and close, false alarm, 帮助申请, 探访计划; another township sees nothing
//   hall.mjs        help call rings within 2 s; today's intake; receipt reprint; kiosks' state
//   county.mjs      county queue and assignment; the ledger; a county parameter changes a verdict
//   department.mjs  the department's inbox; the session ends after inactivity
// On every page: axe-core finds no serious or critical violation and no text is below 16 px.
// Prints one JSON line at the end: {"test","backend","steps","pages_checked","help_call_ms"}.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  testRun, startServer, call, launch, application, idNumber, password,
  TOWNSHIP, OTHER_TOWNSHIP,
} from './harness.mjs';
import { casesFlow } from './flows/cases.mjs';
import { discoveryFlow } from './flows/discovery.mjs';
import { hallFlow } from './flows/hall.mjs';
import { countyFlow } from './flows/county.mjs';
import { departmentFlow } from './flows/department.mjs';

const { opt, backend, shots, counts, step, checkPage, login } = testRun(process.argv);

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
  // Its title a PDF text string in UTF-16BE with BOM (Chromium's viewer shows it; printing/ test).
  assert.match(rosterPdf.toString('latin1'), /\/Title <FEFF[0-9A-F]+>/);
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

  const t = {
    srv, browser, page, shots, backend, step, checkPage, login, logout, sessionToken, revoked,
    ours, theirs, nos, otherNo, referralId: null, itemId: null, falseAlarmId: null, helpCallMs: null,
  };
  for (const flow of [casesFlow, discoveryFlow, hallFlow, countyFlow, departmentFlow]) await flow(t);
  helpCallMs = t.helpCallMs;

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
  console.log(JSON.stringify({ test: 'console_e2e', backend, steps: counts.steps, pages_checked: counts.pagesChecked, help_call_ms: helpCallMs }));
}

// Shared by the console's browser tests and deploy/screenshots-console: a throwaway database
// (SQLite file, or a fresh schema on the PostgreSQL server JIUZHU_TEST_PG_URL names), the real
// jiuzhu-server on a loopback port, kiosks and staff accounts, applications submitted the way a
// kiosk submits them, and headless Chromium driven by playwright-core.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
export const consoleSource = resolve(here, '..', '..', 'backend', 'console');
const require = createRequire(join(consoleSource, 'package.json'));
export const { chromium } = require('playwright-core');
export const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const TOWNSHIP = '450326101';  // 罗锦镇, 永福县
export const OTHER_TOWNSHIP = '450326102';  // 百寿镇, same county
export const COUNTY = '450326';

export function args(argv) {
  const out = {};
  for (let i = 2; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

// GB 11643: 17 digits and the check character.
export function idNumber(birth, seq) {
  const first17 = `${COUNTY}${birth}${String(seq % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

export function application(township, { name, id, programs = ['dibao'], statement = '年老体弱，无固定收入', emergency } = {}) {
  const household = {
    hukou: 'rural',
    members: [
      { id_number: id, name, relation: 'self', lives_together: true, monthly_income: 200, pension_monthly: 0,
        disability: null, serious_illness: false, employment: 'none', student: null, in_prison: false },
      { id_number: idNumber('19550601', 7), name: '李秀英', relation: 'spouse', lives_together: true, monthly_income: 0,
        pension_monthly: 150, disability: null, serious_illness: true, employment: 'none', student: null, in_prison: false },
    ],
    assets: { deposits: 0, vehicles: 0, extra_housing: 0 },
    has_able_supporter: false,
    receiving: [],
  };
  if (emergency) household.emergency = emergency;
  return {
    client_id: randomUUID(), township, channel: 'kiosk', programs,
    applicant: { id_number: id, name, phone: '13800000000', address: '罗锦镇某村', card_read: true },
    proxy: null, household, statement, documents: [],
    consent: { verification_authorized: true, truthfulness_promised: true, signed_at: new Date().toISOString() },
    submitted_at: new Date().toISOString(),
  };
}

function run(server, argv, input = '') {
  const r = spawnSync(server, argv, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jiuzhu-server ${argv.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export const password = (login) => `pw-${login}-secret`;

// Starts everything (with a synthetic county of `residents` for discovery runs); returns
// {url, db, tokens, dir, stop()}.
export async function startServer({ server, consoleDir, backend, residents = 3000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'jiuzhu-console-'));
  let db = `sqlite:${dir}/test.db`;
  if (backend === 'postgresql') {
    const base = process.env.JIUZHU_TEST_PG_URL;
    const schema = `c_${randomUUID().slice(0, 8)}`;
    const r = spawnSync('psql', [base, '-q', '-c', `CREATE SCHEMA ${schema}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cannot create schema: ${r.stderr}`);
    db = `${base}${base.includes('?') ? '&' : '?'}options=-csearch_path%3D${schema}`;
  }
  const kiosk = (id, township) => run(server, ['kiosk', 'add', '--id', id, '--township', township, '--db', db]).split('\n')[0].trim();
  const tokens = { kiosk: kiosk('K-LJ-01', TOWNSHIP), kiosk2: kiosk('K-BS-01', OTHER_TOWNSHIP) };
  const users = {
    hall: ['--role', 'hall_staff', '--township', TOWNSHIP],
    hall2: ['--role', 'hall_staff', '--township', OTHER_TOWNSHIP],
    cw: ['--role', 'caseworker', '--township', TOWNSHIP],
    cw2: ['--role', 'caseworker', '--township', OTHER_TOWNSHIP],
    admin: ['--role', 'county_admin', '--county', COUNTY],
    // console (part A): department staff of the education department (转办事项).
    dept: ['--role', 'department', '--department', 'education', '--county', COUNTY],
  };
  for (const [login, roleArgs] of Object.entries(users)) {
    run(server, ['user', 'add', '--login', login, '--db', db, ...roleArgs], `${password(login)}\n`);
  }
  // A synthetic county's departmental feeds (jiuzhu-server synth, docs/discovery.md) where
  // discovery runs may name them: DATA_DIR/feeds/synth.
  mkdirSync(join(dir, 'feeds'), { recursive: true });
  run(server, ['synth', '--county', COUNTY, '--residents', String(residents), '--seed', '7', '--out', join(dir, 'feeds', 'synth')]);
  const proc = spawn(server, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dir, '--db', db, '--console-dir', consoleDir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${stderr}`)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on [^:]+:(\d+)/);
      if (m) { clearTimeout(timer); ok(Number(m[1])); }
    });
    proc.on('exit', (code) => fail(new Error(`server exited ${code}: ${stderr}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url, db, tokens, dir,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((ok) => proc.once('exit', ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// console: the text of a PDF file as poppler's pdftotext reads it, white space removed (a line the
// layout wrapped is still found).
export function pdfText(path) {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
  return r.stdout.replace(/\s+/g, '');
}

export async function call(url, method, path, body, token) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, headers: r.headers, json, text };
}

export async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.JIUZHU_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required', '--lang=zh-CN'],
    // The browser's own UI locale (date inputs' 年/月/日) comes from LANGUAGE on Linux, not from
    // `locale` (page emulation) nor --lang; it needs chromium-l10n's zh-CN.pak (deploy/packages.txt).
    env: { ...process.env, LANGUAGE: 'zh_CN' },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// axe-core on the page as it is: the serious and critical violations (WCAG 2.2 AA rules).
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the console's CSP (rightly) refuses an inline
  // <script>, and the test must not weaken it.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// The smallest computed font size of any element that shows text.
export async function smallestText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    let where = '';
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('.sr-only') || !el.getClientRects().length) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) { min = size; where = `${el.tagName}.${el.className}`; }
    }
    return { min, where };
  });
}

// The scaffolding every browser-test file shares: the command line, the PostgreSQL skip (exit 77
// when no server is named), numbered steps, and the per-page checks — axe-core with no serious or
// critical violation, no text under 16 px, and a PNG when --screenshots DIR is given.
export function testRun(argv) {
  const opt = args(argv);
  const backend = opt.backend ?? 'sqlite';
  if (backend === 'postgresql' && !process.env.JIUZHU_TEST_PG_URL) {
    console.log('JIUZHU_TEST_PG_URL not set: the PostgreSQL variant is skipped');
    process.exit(77);
  }
  const shots = opt.screenshots;
  if (shots) mkdirSync(shots, { recursive: true });
  const counts = { steps: 0, pagesChecked: 0 };
  async function step(name, fn) {
    process.stdout.write(`- ${name} … `);
    await fn();
    counts.steps += 1;
    console.log('ok');
  }
  // (`idle: false` for a page with a PDF frame: Chromium's PDF viewer keeps the network busy.)
  async function checkPage(page, name, { idle = true } = {}) {
    if (idle) await page.waitForLoadState('networkidle');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe on ${name}`);
    const { min, where } = await smallestText(page);
    assert.ok(min >= 16, `text of ${min}px on ${name} (${where})`);
    if (shots) await page.screenshot({ path: join(shots, `console-${name}.png`), fullPage: true });
    counts.pagesChecked += 1;
  }
  // Logs `user` in through the login form (with the keyboard alone when asked).
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
  return { opt, backend, shots, counts, step, checkPage, login };
}

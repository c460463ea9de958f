// Benchmark of the staff console's list pages: server time of each list endpoint and render time
// in Chromium, with a county of RESIDENTS (default 1 000 000) whose discovery queue is loaded and
// APPLICATIONS (default 20 000) in one township's intake.
//   node tests/bench/console/list_pages.mjs --server build/bin/jiuzhu-server --console build/console
//        [--residents 1000000] [--applications 20000] [--rounds 21]
// Server time is the wall time of each request seen by a client on loopback (an upper bound of
// the server's own time), median and p90 of ROUNDS; render time is from the page's navigation
// to its table being in the DOM, median of 7. Prints one JSON object on its last line.
import { performance } from 'node:perf_hooks';
import {
  args, startServer, call, launch, application, idNumber, password, TOWNSHIP,
} from '../../console/harness.mjs';

const opt = args(process.argv);
const residents = Number(opt.residents ?? 1000000);
const nApps = Number(opt.applications ?? 20000);
const rounds = Number(opt.rounds ?? 21);

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median_ms: Math.round(q(0.5) * 10) / 10, p90_ms: Math.round(q(0.9) * 10) / 10 };
};

const srv = await startServer({ server: opt.server, consoleDir: opt.console, backend: 'sqlite', residents });
const out = { bench: 'console_list_pages', residents, applications: nApps, rounds, server: {}, render: {} };
try {
  const token = async (login) => (await call(srv.url, 'POST', '/api/v1/auth/login', { login, password: password(login) })).json.token;
  const admin = await token('admin');
  const cw = await token('cw');
  let t = performance.now();
  const run = await call(srv.url, 'POST', '/api/v1/discovery/runs', { feeds_dir: 'synth' }, admin);
  if (run.status !== 201) throw new Error(run.text);
  out.discovery_run = { seconds: Math.round((performance.now() - t) / 100) / 10, flagged: run.json.flagged };

  t = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < nApps; i = next++) {
      const a = application(TOWNSHIP, { name: '测试', id: idNumber('19500315', i) });
      const r = await call(srv.url, 'POST', '/api/v1/applications', a, srv.tokens.kiosk);
      if (r.status !== 201) throw new Error(r.text);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  out.load_applications_seconds = Math.round((performance.now() - t) / 100) / 10;

  const deep = async (path, tok, pages) => {
    let cursor = null;
    for (let p = 0; p < pages; ++p) {
      const r = await call(srv.url, 'GET', `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, tok);
      cursor = r.json.next_cursor;
    }
    return cursor;
  };
  const cursor50 = await deep('/api/v1/intake?limit=20', cw, 50);
  const qcursor50 = await deep('/api/v1/discovery/queue?limit=20&status=open', admin, 50);
  const endpoints = {
    intake_township_first_page: ['/api/v1/intake?limit=20', cw],
    intake_township_page_51: [`/api/v1/intake?limit=20&cursor=${encodeURIComponent(cursor50)}`, cw],
    intake_status_filter: ['/api/v1/intake?limit=20&status=received', cw],
    intake_county_first_page: ['/api/v1/intake?limit=20', admin],
    discovery_queue_township: ['/api/v1/discovery/queue?limit=20&status=open', cw],
    discovery_queue_county: ['/api/v1/discovery/queue?limit=20&status=open', admin],
    discovery_queue_county_page_51: [`/api/v1/discovery/queue?limit=20&status=open&cursor=${encodeURIComponent(qcursor50)}`, admin],
    discovery_queue_new_only: ['/api/v1/discovery/queue?limit=20&change=new', admin],
    discovery_ledger_county_year: ['/api/v1/discovery/ledger', admin],
    discovery_ledger_township_year: ['/api/v1/discovery/ledger', cw],
  };
  for (const [name, [path, tok]] of Object.entries(endpoints)) {
    const times = [];
    for (let i = 0; i < rounds; ++i) {
      const s = performance.now();
      const r = await call(srv.url, 'GET', path, undefined, tok);
      times.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${r.text}`);
    }
    out.server[name] = stat(times);
  }

  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${srv.url}/console/`);
    await page.fill('#login', 'admin');
    await page.fill('#password', password('admin'));
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#intake-table');
    for (const [name, hash, selector] of [
      ['intake', '#/intake', '#intake-table tbody tr'],
      ['discovery', '#/discovery', '#discovery-table tbody tr'],
      ['ledger', '#/ledger', '#ledger-rules tbody tr'],
    ]) {
      const times = [];
      for (let i = 0; i < 7; ++i) {
        await page.goto(`${srv.url}/console/#/blank`);
        const s = performance.now();
        await page.goto(`${srv.url}/console/${hash}`);
        await page.waitForSelector(selector);
        times.push(performance.now() - s);
      }
      out.render[name] = stat(times);
    }
  } finally {
    await browser.close();
  }
  const worst = Math.max(...Object.values(out.server).map((x) => x.median_ms));
  const worstRender = Math.max(...Object.values(out.render).map((x) => x.median_ms));
  out.targets = { server_median_ms_max: worst, server_ok: worst <= 150, render_median_ms_max: worstRender, render_ok: worstRender <= 1000 };
} finally {
  await srv.stop();
}
console.log(JSON.stringify(out));

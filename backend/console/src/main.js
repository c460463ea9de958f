// The staff console: a hash router (#/intake, #/case/NO …) over pages that are functions of the
// API's data. Which pages exist depends on the role the login returned (docs/console.md).
import * as session from './session.js';
import { h, replace } from './dom.js';
import { roleNames } from './labels.js';
import { loginPage } from './pages/login.js';
import { intakePage } from './pages/intake.js';
import { casePage } from './pages/case.js';
import { helpCallsPage, startHelpCallWatch, stopHelpCallWatch } from './pages/help_calls.js';
import { todayPage } from './pages/today.js';
import { referralsPage } from './pages/referrals.js';
import { discoveryPage } from './pages/discovery.js';
import { discoveryItemPage } from './pages/discovery_item.js';
import { ledgerPage } from './pages/ledger.js';
import { paramsPage } from './pages/params.js';
import { receiptPage } from './pages/receipt.js';
import { visitsPlanPage } from './pages/visits_plan.js';
import { hallKiosksPage } from './pages/hall_kiosks.js';
// county: the county view's pages (docs/console.md, 县级).
import { countyPage } from './pages/county.js';
import { runsPage } from './pages/runs.js';
import { auditPage } from './pages/audit.js';
import { accountsPage } from './pages/accounts.js';
import { calendarPage } from './pages/calendar.js';
import { rostersPage } from './pages/rosters.js';
import { hallsPage } from './pages/halls.js';

// Per role: navigation entries [hash, label, page]; the first is the role's home.
const pagesByRole = {
  hall_staff: [
    ['#/help', '求助呼叫', helpCallsPage],
    ['#/today', '今日受理', todayPage],
  ],
  caseworker: [
    ['#/intake', '受理台账', intakePage],
    ['#/discovery', '主动发现', discoveryPage],
    ['#/ledger', '发现台账', ledgerPage],
    ['#/rosters', '重点人群', rostersPage],  // county: rosters (pages/rosters.js)
  ],
  county_admin: [
    ['#/intake', '全县受理台账', intakePage],
    ['#/discovery', '全县主动发现', discoveryPage],
    ['#/ledger', '发现台账', ledgerPage],
    ['#/params', '县级参数', paramsPage],
    // county: the county view's pages.
    ['#/county', '全县总览', countyPage],
    ['#/runs', '发现运行记录', runsPage],
    ['#/audit', '审计日志', auditPage],
    ['#/accounts', '账号与自助机', accountsPage],
    ['#/calendar', '工作日历', calendarPage],
    ['#/rosters', '重点人群', rostersPage],
  ],
  department: [['#/referrals', '转办事项', referralsPage]],
  // discovery: a province administrator enters the national holiday notice (工作日历) only.
  province_admin: [['#/calendar', '工作日历', calendarPage]],
};
// Pages reached from another page, not from the navigation.
const casePages = { case: casePage, 'discovery-item': discoveryItemPage };
const innerPages = { caseworker: casePages, county_admin: casePages };
// The navigation entry an inner page belongs to.
const parentOf = { case: '#/intake', 'discovery-item': '#/discovery' };
// console (part A): reprinting a receipt (hall staff from 今日受理, caseworkers from the case).
innerPages.hall_staff = { ...innerPages.hall_staff, receipt: receiptPage };
innerPages.caseworker = { ...innerPages.caseworker, receipt: receiptPage };
// console (part A): 探访计划 in the navigation of caseworkers and county staff, after 主动发现.
pagesByRole.caseworker.splice(2, 0, ['#/visits', '探访计划', visitsPlanPage]);
pagesByRole.county_admin.splice(2, 0, ['#/visits', '探访计划', visitsPlanPage]);
// console (#16 forms): the county enters each township's hall details printed on the forms.
pagesByRole.county_admin.push(['#/halls', '窗口信息', hallsPage]);
// console (part A): hall staff see their kiosks' device state.
pagesByRole.hall_staff.push(['#/kiosk-state', '自助机状态', hallKiosksPage]);

const main = () => document.getElementById('main');
let cleanup = null;

function parseHash() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [name, ...rest] = hash.split('/');
  return { name, args: rest.map(decodeURIComponent) };
}

function renderNav(s) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!s) {
    replace(nav);
    replace(who);
    return;
  }
  const { name } = parseHash();
  const here = parentOf[name] ?? `#/${name}`;
  replace(
    nav,
    h('ul', {}, (pagesByRole[s.role] ?? []).map(([hash, text]) =>
      h('li', {}, h('a', { href: hash, 'aria-current': hash === here ? 'page' : null }, text)))),
  );
  replace(
    who,
    `${roleNames[s.role] ?? s.role}：${s.login}`,
    h('button', { type: 'button', class: 'link', onclick: () => session.end('logout') }, '退出登录'),
  );
}

// Each render of a page gets a generation number and a container of its own. A page still waiting
// for its data when the staff move on (a slow network, a busy machine) then finishes into its own
// detached container, never over the page they moved to, and its cleanup runs at once.
let generation = 0;

async function route() {
  const mine = ++generation;
  if (cleanup) cleanup();
  cleanup = null;
  const s = session.current();
  renderNav(s);
  const root = main();
  if (!s) {
    document.title = '登录 · 救助工作人员控制台';
    stopHelpCallWatch();
    loginPage(root, onLogin);
    return;
  }
  if (s.role === 'hall_staff') startHelpCallWatch();
  const entries = pagesByRole[s.role] ?? [];
  const { name, args } = parseHash();
  const entry = entries.find(([hash]) => hash === `#/${name}`);
  const inner = innerPages[s.role]?.[name];
  if (!entry && !inner) {
    if (entries.length) location.replace(entries[0][0]);
    else replace(root, h('h1', {}, '您的岗位没有可用的页面'));
    return;
  }
  const page = entry ? entry[2] : inner;
  const container = h('div', { class: 'page' });
  replace(root, container);
  const done = (await page(container, ...args)) ?? null;
  if (mine === generation) cleanup = done;
  else if (done) done();
}

function onLogin(result, login) {
  session.start(result, login);
  const home = pagesByRole[result.role]?.[0]?.[0] ?? '#/';
  if (location.hash === home) route();
  else location.hash = home;
}

session.onSessionEnd((reason) => {
  stopHelpCallWatch();
  sessionStorage.setItem('jiuzhu.console.ended', reason);
  // One render of the login page (it reads and clears the reason): by hashchange, or here.
  if (location.hash === '#/login') route();
  else location.hash = '#/login';
});

document.getElementById('skip').addEventListener('click', () => main().focus());
window.addEventListener('hashchange', route);
session.watchActivity();
route();

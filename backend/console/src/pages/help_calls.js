// 求助呼叫: a resident pressed 找工作人员帮忙 at a kiosk. While a hall staff member is logged in,
// the console asks for the township's open calls every POLL_MS (GET /api/v1/help-calls), rings
// (beep.js) and shows a banner on every page when a new one arrives; this page lists them and
// marks one answered (POST /api/v1/help-calls/{id}/answer).
import { h, replace } from '../dom.js';
import { get, post, messageOf } from '../api.js';
import { beep } from '../beep.js';
import { screenNames, label } from '../labels.js';
import { chinaTime } from '../format.js';

const POLL_MS = 1000;
let timer = null;
let seen = new Set();
let calls = [];
let listeners = new Set();
let lastError = null;

export function startHelpCallWatch() {
  if (timer !== null) return;
  timer = 0;
  poll();
}

export function stopHelpCallWatch() {
  clearTimeout(timer);
  timer = null;
  seen = new Set();
  calls = [];
  listeners = new Set();
  showBanner([]);
}

async function poll() {
  try {
    const r = await get('/api/v1/help-calls');
    calls = r.items ?? [];
    lastError = null;
    const fresh = calls.filter((c) => !seen.has(c.call_id));
    for (const c of calls) seen.add(c.call_id);
    if (fresh.length) beep();
    showBanner(calls);
  } catch (e) {
    lastError = messageOf(e);
  }
  for (const fn of listeners) fn();
  if (timer !== null) timer = setTimeout(poll, POLL_MS);
}

function describe(c) {
  return `自助机 ${c.kiosk_id}（${label(screenNames, c.screen)}页面）`;
}

function showBanner(open) {
  const banner = document.getElementById('banner');
  if (!banner) return;
  if (!open.length) {
    banner.hidden = true;
    replace(banner);
    return;
  }
  banner.hidden = false;
  replace(banner,
    h('strong', {}, `有 ${open.length} 位群众在自助机请求帮助：`),
    open.slice(0, 3).map(describe).join('；'),
    ' ',
    location.hash === '#/help' ? null : h('a', { href: '#/help' }, '查看并处理'));
}

export async function helpCallsPage(root) {
  document.title = '求助呼叫 · 救助工作人员控制台';
  const list = h('div', { id: 'help-calls' });
  const status = h('p', { role: 'status', class: 'status-line' });

  async function answer(c, button) {
    button.disabled = true;
    try {
      await post(`/api/v1/help-calls/${c.call_id}/answer`, {});
      calls = calls.filter((x) => x.call_id !== c.call_id);
      showBanner(calls);
      render();
      replace(status, `已记录：${describe(c)}的求助已有人处理。`);
    } catch (e) {
      replace(status, messageOf(e));
      button.disabled = false;
    }
  }

  // Re-rendered only when the calls change, so that keyboard focus stays where it is while polling.
  let shown = null;
  function render() {
    if (lastError) replace(status, lastError);
    const signature = calls.map((c) => c.call_id).join(',');
    if (signature === shown) return;
    shown = signature;
    if (!calls.length) {
      replace(list, h('p', { class: 'empty' }, '目前没有等待帮助的群众。有新的求助时，这里会响铃并显示。'));
      return;
    }
    replace(list, h('ul', { class: 'calls' }, calls.map((c) => {
      const button = h('button', { type: 'button', class: 'primary' }, '我去处理');
      button.addEventListener('click', () => answer(c, button));
      return h('li', { class: 'call' },
        h('p', { class: 'call-what' }, describe(c)),
        h('p', {}, `求助时间：${chinaTime(c.requested_at)}`),
        button);
    })));
  }

  replace(root, h('h1', {}, '求助呼叫'),
    h('p', {}, '群众在自助机上点“找工作人员帮忙”后，会在 2 秒内出现在这里并响铃。请到该自助机旁帮助群众，然后点“我去处理”。'),
    status, list);
  render();
  listeners.add(render);
  showBanner(calls);
  return () => listeners.delete(render);
}

// 自助机状态: hall staff see each kiosk of the township (GET /api/v1/kiosks) and, where the kiosk
// reports it, its device state — reader, camera, printer (正常 / 故障 / 未接), paper (充足 / 将用完 /
// 已用完 / 未知), network (在线 / 离线, last seen), the outbox backlog and its oldest entry, the
// clock offset. Faults are highlighted and said in words. Kiosks that report nothing yet show
// 「未上报」; fields the server does not send are left out, never guessed.
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { chinaTime } from '../format.js';

const deviceNames = { ok: '正常', fault: '故障', absent: '未接' };
const paperNames = { ok: '充足', low: '将用完', out: '已用完', unknown: '未知' };

function cell(text, bad) {
  return h('td', { class: bad ? 'fault' : null }, bad ? h('strong', {}, `⚠ ${text}`) : text);
}

function device(v) {
  if (v === undefined || v === null) return h('td', {}, '—');
  return cell(deviceNames[v] ?? v, v === 'fault');
}

function row(k) {
  const st = k.status ?? null;
  const online = k.online;
  const network = online === undefined ? '—' : online ? '在线' : '离线';
  const seen = k.last_seen_at ? `（最后联系 ${chinaTime(k.last_seen_at)}）` : '';
  const offset = typeof k.clock_offset_seconds === 'number' && Math.abs(k.clock_offset_seconds) >= 60
    ? `时钟偏差 ${Math.round(k.clock_offset_seconds)} 秒` : '';
  return h('tr', { 'data-kiosk': k.kiosk_id, class: online === false || k.enabled === false ? 'offline' : null },
    h('th', { scope: 'row' }, k.kiosk_id),
    k.enabled === false ? cell('已停用', true) : h('td', {}, k.enabled === undefined ? '—' : '启用'),
    online === undefined ? h('td', {}, '—') : cell(`${network}${seen}`, online === false),
    st ? device(st.reader) : h('td', {}, '未上报'),
    st ? device(st.camera) : h('td', {}, '—'),
    st ? device(st.printer) : h('td', {}, '—'),
    st ? cell(paperNames[st.paper] ?? st.paper ?? '—', st.paper === 'out' || st.paper === 'low') : h('td', {}, '—'),
    st && typeof st.outbox_backlog === 'number'
      ? cell(`${st.outbox_backlog} 件${st.outbox_oldest_at ? `（最早 ${chinaTime(st.outbox_oldest_at)}）` : ''}`, st.outbox_backlog > 0)
      : h('td', {}, '—'),
    h('td', {}, offset || '—'));
}

export async function hallKiosksPage(root) {
  document.title = '自助机状态 · 救助工作人员控制台';
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  const refresh = h('button', { type: 'button', id: 'kiosks-refresh' }, '刷新');
  const out = h('div', { class: 'table-wrap' });
  replace(root, h('h1', {}, '自助机状态'), refresh, status, out);
  async function load() {
    try {
      const r = await get('/api/v1/kiosks');
      const items = r.items ?? [];
      const faults = items.filter((k) => k.online === false || k.enabled === false ||
        ['reader', 'camera', 'printer'].some((d) => k.status?.[d] === 'fault') || ['low', 'out'].includes(k.status?.paper)).length;
      const reported = items.filter((k) => k.status || k.online !== undefined).length;
      const summary = !reported ? '，尚未上报设备状态' : faults ? `，${faults} 台需要处理` : '，均正常';
      replace(status, items.length ? `共 ${items.length} 台${summary}。` : '本乡镇还没有登记自助机。');
      replace(out, h('table', { class: 'list', id: 'kiosks-table' },
        h('thead', {}, h('tr', {}, ['自助机', '启用', '网络', '读卡器', '摄像头', '打印机', '纸张', '待上传', '时钟']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map(row))));
    } catch (e) {
      replace(status, messageOf(e));
    }
  }
  refresh.addEventListener('click', load);
  await load();
}

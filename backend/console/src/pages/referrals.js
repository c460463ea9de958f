// 转办事项: the referrals sent to the department staff member's department (GET /api/v1/referrals).
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import { chinaTime } from '../format.js';

export async function referralsPage(root) {
  document.title = '转办事项 · 救助工作人员控制台';
  const status = h('p', { role: 'status', class: 'status-line' }, '正在加载…');
  replace(root, h('h1', {}, '转办事项'), status);
  try {
    const r = await get('/api/v1/referrals');
    const items = r.items ?? [];
    replace(status, items.length ? `共 ${items.length} 件。` : '目前没有转给本部门的事项。');
    if (items.length) {
      root.append(h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, ['转办编号', '申请编号', '说明', '状态', '转办时间'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map((x) => h('tr', {},
          h('td', {}, x.referral_id), h('td', {}, x.application_no), h('td', {}, x.note),
          h('td', {}, x.status), h('td', {}, chinaTime(x.created_at)))))));
    }
  } catch (e) {
    replace(status, messageOf(e));
  }
}

// 补打回执: hall staff (今日受理) and caseworkers (案件) reprint an application's receipt from
// GET /api/v1/applications/{no}/receipt (an audited read). The page shows the receipt as the
// resident keeps it — number, applicant (masked), programs, received, statutory due date, how to
// ask for progress — and 打印 prints only the receipt (print stylesheet in app.css). ID numbers are
// masked on screen and paper, whatever the answer carries.
import { h, replace } from '../dom.js';
import { get, messageOf } from '../api.js';
import * as session from '../session.js';
import { chinaTime, maskId, programList, programNames } from '../format.js';
import { statusNames, label } from '../labels.js';

function maskName(name) {
  const s = [...String(name ?? '')];
  return s.length <= 1 ? s.join('') : s[0] + '*'.repeat(s.length - 1);
}

export async function receiptPage(root, no) {
  document.title = `补打回执 ${no} · 救助工作人员控制台`;
  const back = session.current()?.role === 'hall_staff' ? ['#/today', '← 返回今日受理']
    : [`#/case/${encodeURIComponent(no)}`, '← 返回案件'];
  const status = h('p', { role: 'status', class: 'status-line no-print' }, '正在加载…');
  replace(root, h('p', { class: 'no-print' }, h('a', { href: back[0] }, back[1])), h('h1', { class: 'no-print' }, '补打回执'), status);
  let r;
  try {
    r = await get(`/api/v1/applications/${encodeURIComponent(no)}/receipt`);
  } catch (e) {
    replace(status, messageOf(e));
    return;
  }
  const names = await programNames();
  const last4 = String(r.applicant?.id_number ?? '').slice(-4);
  replace(status, '核对后按“打印”。');
  const print = h('button', { type: 'button', class: 'primary no-print', id: 'receipt-print' }, '打印');
  print.addEventListener('click', () => window.print());
  root.append(
    h('article', { class: 'card receipt', id: 'receipt', 'aria-labelledby': 'rc-h' },
      h('h2', { id: 'rc-h' }, '社会救助申请回执（补打）'),
      h('dl', { class: 'facts' },
        h('dt', {}, '受理编号'), h('dd', { id: 'receipt-no' }, r.application_no),
        h('dt', {}, '申请人'), h('dd', {}, maskName(r.applicant?.name)),
        h('dt', {}, '身份证号'), h('dd', {}, maskId(r.applicant?.id_number)),
        h('dt', {}, '申请项目'), h('dd', {}, programList(r.programs, names)),
        h('dt', {}, '受理时间'), h('dd', {}, chinaTime(r.received_at)),
        h('dt', {}, '法定办结期限'), h('dd', { id: 'receipt-due' }, r.due_date),
        h('dt', {}, '当前状态'), h('dd', {}, label(statusNames, r.status))),
      h('p', {}, `查询办理进度：在自助机或网上输入受理编号和身份证号后四位（${last4 ? '****' : ''}）。`),
      h('p', {}, `补打时间：${chinaTime(new Date().toISOString())}`)),
    print);
}

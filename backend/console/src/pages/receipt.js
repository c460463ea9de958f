// 补打回执: hall staff (今日受理) and caseworkers reprint an application's receipt as the server's
// PDF — the very layout the kiosk prints (printing/receipt.cpp), on the 80 mm roll or A4
// (GET /api/v1/applications/{no}/receipt?format=pdf&paper=80mm|a4, an audited read). ID numbers
// are masked on the paper. The hall's name, address and phone come from 窗口信息 (pages/halls.js).
import { h, replace } from '../dom.js';
import { get } from '../api.js';
import * as session from '../session.js';
import { hallNotice, receiptControls } from './print_forms.js';

export async function receiptPage(root, no) {
  document.title = `补打回执 ${no} · 救助工作人员控制台`;
  const back = session.current()?.role === 'hall_staff' ? ['#/today', '← 返回今日受理']
    : [`#/case/${encodeURIComponent(no)}`, '← 返回案件'];
  replace(root, h('p', {}, h('a', { href: back[0] }, back[1])), h('h1', {}, '补打回执'),
    h('p', {}, '申请编号 ', h('strong', { id: 'receipt-no' }, no)),
    h('p', { class: 'help' }, '回执与自助机打印的相同（身份证号已遮挡）。选择纸张后生成 PDF，在下载的文件中打印。'));
  let township = '';
  try {
    township = (await get('/api/v1/me')).township ?? '';
  } catch {
    // the notice is a courtesy; the receipt prints without it
  }
  root.append(h('section', { class: 'card', 'aria-labelledby': 'rc-h' }, h('h2', { id: 'rc-h' }, '回执 PDF'),
    await hallNotice(township), receiptControls(no)));
}

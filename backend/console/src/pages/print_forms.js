// 打印表格 and 补打回执: a case's forms and its receipt as PDFs made by the server from printing/'s
// layouts (GET /api/v1/cases/{no}/forms/{kind}?paper=, GET /api/v1/applications/{no}/receipt?
// format=pdf), downloaded with the session's token. Every PDF is an audited read on the server.
// The hall printed on them (name, address, phone) is the one the county entered (窗口信息,
// pages/halls.js); when there is none the paper says “（未登记）” and the page says whom to ask.
import { h, replace } from '../dom.js';
import { download, get, messageOf } from '../api.js';

// The forms of a case, in the order a caseworker uses them.
const FORMS = [
  ['application-form', '社会救助申请书'],
  ['verification-authorization', '家庭经济状况核对授权书'],
  ['materials-checklist', '申请材料清单'],
  ['visit-record', '入户调查记录'],
  ['proxy-authorization', '委托书'],
];

const errorText = (e) => ({
  no_proxy: '这份申请没有代办人，不需要委托书。',
  print_data_invalid: '这份申请的内容无法排版打印，请联系系统管理员。',
}[e.code] ?? messageOf(e));

// A notice when the township's hall details are not entered (null when they are, or unknown).
export async function hallNotice(township) {
  if (!township) return null;
  try {
    const hall = await get(`/api/v1/halls/${encodeURIComponent(township)}`);
    if (hall.registered) return null;
  } catch {
    return null;  // the forms still print; the server marks what it lacks
  }
  return h('p', { class: 'notice', id: 'hall-missing' },
    '本乡镇的窗口名称、地址和电话还没有登记，打印出的文书上这些内容会显示“（未登记）”。'
    + '请联系县民政局在控制台的“窗口信息”页录入。');
}

// Radio buttons choosing the receipt's paper: the 80 mm roll of the hall's receipt printer or A4.
function paperChoice(prefix) {
  const group = h('fieldset', { class: 'paper-choice' }, h('legend', {}, '回执纸张'),
    [['80mm', '80 毫米小票'], ['a4', 'A4 纸']].map(([value, text], i) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: `${prefix}-paper`, id: `${prefix}-paper-${value}`, value, checked: i === 0 }),
      h('label', { for: `${prefix}-paper-${value}` }, text))));
  return { group, value: () => group.querySelector('input:checked')?.value ?? '80mm' };
}

async function save(message, path, name, done) {
  replace(message, h('p', { role: 'status' }, '正在生成 PDF…'));
  try {
    await download(path, name);
    replace(message, h('p', { role: 'status', class: 'form-saved' }, done));
  } catch (e) {
    replace(message, h('p', { class: 'error', role: 'alert' }, errorText(e)));
  }
}

// The 补打回执 controls of application `no`: paper choice and a download button. From a case page
// the receipt is one of the case's forms (county staff may print it too); from 今日受理 it is the
// receipt reprint of hall staff.
export function receiptControls(no, prefix = 'receipt', fromCase = false) {
  const paper = paperChoice(prefix);
  const message = h('div', { id: `${prefix}-message` });
  const button = h('button', { type: 'button', class: 'primary', id: `${prefix}-pdf` }, '生成回执 PDF');
  const path = () => (fromCase
    ? `/api/v1/cases/${encodeURIComponent(no)}/forms/receipt?paper=${paper.value()}`
    : `/api/v1/applications/${encodeURIComponent(no)}/receipt?format=pdf&paper=${paper.value()}`);
  button.addEventListener('click', () => save(message, path(),
    `receipt_${no}_${paper.value()}.pdf`, '已生成回执 PDF，请在下载的文件中打印。'));
  return h('div', {}, paper.group, button, message);
}

// The 打印表格 section of a case page. `app` is the case's application (to know about a proxy).
export function formsSection(no, app, notice) {
  const message = h('div', { id: 'forms-message' });
  const buttons = FORMS.filter(([kind]) => kind !== 'proxy-authorization' || app.proxy).map(([kind, text]) =>
    h('button', {
      type: 'button', id: `form-${kind}`,
      onclick: () => save(message, `/api/v1/cases/${encodeURIComponent(no)}/forms/${kind}?paper=a4`,
        `${kind}_${no}.pdf`, `已生成“${text}”PDF，请在下载的文件中打印。`),
    }, text));
  return h('section', { 'aria-labelledby': 'forms-h', class: 'card', id: 'print-forms' },
    h('h2', { id: 'forms-h' }, '打印表格'),
    h('p', { class: 'help' }, '表格按本案件的申请内容预先填好，身份证号已遮挡；每次生成都会记入审计日志。'),
    notice,
    h('div', { class: 'filters' }, buttons),
    h('h3', {}, '申请回执'),
    receiptControls(no, 'case-receipt', true),
    message);
}

// 申请材料 in the case view: each document is shown inline on request — an image as <img>, a PDF
// in a frame — from GET /api/v1/cases/{no}/documents/{sha256}, fetched with the bearer token into
// a blob: URL (the token never goes into a URL; the CSP allows blob: for img and frame only).
// Every read is audited by the server, so a document is fetched only when staff press 查看.
import { h, replace } from '../dom.js';
import { getBlob, messageOf } from '../api.js';
import { documentKindNames, label } from '../labels.js';

// blob: URLs of the page on screen; released when the next case view renders.
let urls = [];

export function releaseDocumentUrls() {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
}

function documentEntry(no, d, i) {
  const name = `${label(documentKindNames, d.kind)}（${d.pages ?? 1} 页）`;
  const view = h('div', { class: 'document-view', id: `doc-view-${i}` });
  const button = h('button', { type: 'button', class: 'small', id: `doc-show-${i}` }, '查看', h('span', { class: 'sr-only' }, name));
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(view, h('p', { role: 'status' }, '正在打开…'));
    try {
      const blob = await getBlob(`/api/v1/cases/${encodeURIComponent(no)}/documents/${encodeURIComponent(d.sha256)}`);
      const url = URL.createObjectURL(blob);
      urls.push(url);
      replace(view, blob.type === 'application/pdf'
        ? h('iframe', { src: url, title: name, class: 'document-pdf' })
        : h('img', { src: url, alt: name, class: 'document-image' }));
      button.remove();
    } catch (e) {
      replace(view, h('p', { class: 'error', role: 'alert' }, messageOf(e)));
      button.disabled = false;
    }
  });
  return h('li', { class: 'document' }, h('span', {}, name, ' '), button, view);
}

export function documentsSection(no, docs) {
  releaseDocumentUrls();
  return h('section', { 'aria-labelledby': 'doc-h', class: 'card' },
    h('h2', { id: 'doc-h' }, '申请材料'),
    (docs ?? []).length
      ? [h('p', { class: 'help' }, '查看材料会记入审计日志。'), h('ul', { class: 'documents', id: 'documents' }, docs.map((d, i) => documentEntry(no, d, i)))]
      : h('p', {}, '没有上传材料。'));
}

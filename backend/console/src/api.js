// Calls to jiuzhu-server's API v1 (contracts/api.md) with the session's bearer token. Errors
// become ApiError with the server's stable code and a plain-Chinese message for the screen.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const messages = {
  bad_credentials: '用户名或密码不正确。',
  login_throttled: '登录失败次数过多，请一分钟后再试。',
  unauthenticated: '登录已过期，请重新登录。',
  bad_token: '登录已过期，请重新登录。',
  forbidden: '您的岗位不能进行这项操作。',
  not_found: '没有找到这条记录（或不在您的辖区）。',
  illegal_transition: '当前状态下不能进行这项操作，请刷新后再试。',
  reason_required: '不予批准必须写明理由。',
  rate_limited: '操作太频繁，请稍后再试。',
  network: '无法连接服务器，请检查网络后重试。',
};

export function messageOf(err) {
  if (err instanceof ApiError) return messages[err.code] ?? (err.status >= 500 ? '服务器出错，请稍后重试。' : err.message);
  return messages.network;
}

export async function api(method, path, body) {
  const s = session.current();
  const headers = { Accept: 'application/json' };
  if (s) headers.Authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network', messages.network);
  }
  let data = null;
  if ((r.headers.get('Content-Type') ?? '').startsWith('application/json')) {
    try {
      data = await r.json();
    } catch {
      data = null;
    }
  }
  if (r.status === 401 && s) session.end('expired');
  if (!r.ok) {
    const e = data?.error ?? {};
    throw new ApiError(r.status, e.code ?? 'http_' + r.status, e.message ?? '', e.field);
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);

// console: a binary answer (a case's document) as a Blob, fetched with the bearer token in the
// header — never in a URL — so the page can show it through a blob: URL.
export async function getBlob(path) {
  const s = session.current();
  let r;
  try {
    r = await fetch(path, {
      headers: s ? { Authorization: `Bearer ${s.token}` } : {}, cache: 'no-store', credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network', messages.network);
  }
  if (r.status === 401 && s) session.end('expired');
  if (!r.ok) {
    let e = {};
    try {
      e = (await r.json())?.error ?? {};
    } catch {
      e = {};
    }
    throw new ApiError(r.status, e.code ?? 'http_' + r.status, e.message ?? '', e.field);
  }
  return r.blob();
}

// console: a file the server makes (a roster, a case's form as PDF) saved as `name`: fetched with
// the bearer token in the header (a plain link would carry no token) and handed to the browser
// as a download through a blob: URL.
export async function download(path, name) {
  const blob = await getBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// Shared pieces of the list and case pages: program names from the policy catalog (fetched once),
// dates in China time, days to a due date, the status badge.
import { h } from './dom.js';
import { get } from './api.js';
import { statusNames, label } from './labels.js';

let programs = null;

// id → Chinese name, from GET /api/v1/policies (the one place program names are kept).
export async function programNames() {
  if (programs) return programs;
  try {
    const catalog = await get('/api/v1/policies');
    programs = Object.fromEntries((catalog.programs ?? []).map((p) => [p.id, p.name]));
  } catch {
    programs = {};
  }
  return programs;
}

export function programList(ids, names) {
  return (Array.isArray(ids) ? ids : []).map((id) => names[id] ?? id).join('、');
}

// Today's date in China (YYYY-MM-DD), whatever the browser's zone.
export function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

// "2026-11-24T09:01:00+08:00" → "2026-11-24 09:01" in China time.
export function chinaTime(rfc3339) {
  const t = Date.parse(rfc3339 ?? '');
  if (Number.isNaN(t)) return rfc3339 ?? '';
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(t));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}`;
}

// Calendar days from today (China) to `due` (YYYY-MM-DD); negative when past.
export function daysUntil(due) {
  const a = Date.parse(`${chinaToday()}T00:00:00Z`);
  const b = Date.parse(`${due}T00:00:00Z`);
  if (Number.isNaN(b)) return null;
  return Math.round((b - a) / 86400000);
}

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, label(statusNames, status));
}

// The text of a deadline cell: overdue is said in words, never by colour alone.
export function deadlineText(item) {
  const final = ['approved', 'rejected', 'withdrawn'].includes(item.status);
  if (final) return '已办结';
  const d = daysUntil(item.due_date);
  if (item.overdue) return d === null ? '已超期' : `已超期 ${-d} 天`;
  if (d === null) return '';
  return d === 0 ? '今天到期' : `剩 ${d} 天`;
}

// 450326********123X, as core/id_number.h's mask_id_number shows it. For the few API answers that
// carry a full number for the record (a discovery item's evidence), so the screen never shows one.
export function maskId(id) {
  const s = String(id ?? '');
  return s.length === 18 ? `${s.slice(0, 6)}********${s.slice(14)}` : s.length > 4 ? `${'*'.repeat(s.length - 4)}${s.slice(-4)}` : s;
}

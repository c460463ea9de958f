// The staff member's session in this tab: the token lives in sessionStorage (gone when the tab
// closes, never in localStorage or a URL) and is dropped after IDLE_MS without keyboard, mouse or
// touch input, or when the server's expiry passes. Background polling is not activity.

const KEY = 'jiuzhu.console.session';
const IDLE_KEY = 'jiuzhu.console.idle_ms';  // a shorter limit for tests; never longer than the default
export const IDLE_MS = 15 * 60 * 1000;

let onEnd = () => {};
let timer = null;

export function current() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!s || !s.token) return null;
    if (Date.now() - s.last_active > idleLimit() || Date.parse(s.expires_at) <= Date.now()) {
      end('expired');
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

function idleLimit() {
  const v = Number(sessionStorage.getItem(IDLE_KEY));
  return v > 0 && v < IDLE_MS ? v : IDLE_MS;
}

export function start({ token, role, expires_at }, login) {
  sessionStorage.setItem(KEY, JSON.stringify({ token, role, expires_at, login, last_active: Date.now() }));
  arm();
}

// Called on every user input: pushes the idle deadline back.
export function touch() {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return;
  const s = JSON.parse(raw);
  s.last_active = Date.now();
  sessionStorage.setItem(KEY, JSON.stringify(s));
  arm();
}

// Ends the session on the server too (POST /api/v1/auth/logout), so the token stops working at
// once; sent with keepalive so that it leaves even while the page changes. Failure is harmless:
// the token is forgotten here anyway and expires on the server.
function revokeOnServer(token) {
  try {
    fetch('/api/v1/auth/logout', {
      method: 'POST', headers: { Authorization: `Bearer ${token}` }, keepalive: true, credentials: 'omit', cache: 'no-store',
    }).catch(() => {});
  } catch {
    // nothing more to do
  }
}

// reason: 'logout' | 'expired'
export function end(reason) {
  const raw = sessionStorage.getItem(KEY);
  const had = raw !== null;
  try {
    const token = JSON.parse(raw ?? 'null')?.token;
    if (token) revokeOnServer(token);
  } catch {
    // a damaged entry: nothing to revoke
  }
  sessionStorage.removeItem(KEY);
  clearTimeout(timer);
  timer = null;
  if (had) onEnd(reason);
}

export function onSessionEnd(fn) {
  onEnd = fn;
}

function arm() {
  clearTimeout(timer);
  timer = setTimeout(() => current(), idleLimit() + 50);
}

export function watchActivity() {
  for (const ev of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
    window.addEventListener(ev, touch, { passive: true, capture: true });
  }
  if (current()) arm();
}

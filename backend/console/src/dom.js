// Building DOM without HTML strings: every text goes through a text node, so nothing a resident
// typed at a kiosk can become markup in a staff member's browser.

// h('a', {href: '#/x', class: 'btn', onclick: fn}, 'text', child, [more]) → element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// Replaces the contents of `el` with `children`.
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// Appends `children` to `el`, skipping null, undefined and false (DOM append would print "null").
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Builds DOM nodes; text is always set as text, never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of {@code container}, keeping the focus on the element with the same data-key. */
export function render(container, ...children) {
  const focused = document.activeElement && container.contains(document.activeElement)
    ? document.activeElement.getAttribute('data-key') : null;
  container.replaceChildren();
  append(container, children);
  if (focused) {
    const again = container.querySelector(`[data-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

/**
 * Sets the children of {@code container} to {@code children} (elements, possibly nested in arrays) unless it holds
 * exactly those already: a redraw that reuses elements leaves the DOM, its layout and the focus untouched.
 */
export function sync(container, ...children) {
  const wanted = children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false);
  const present = container.childNodes;
  if (wanted.length === present.length && wanted.every((child, i) => child === present[i])) return;
  container.replaceChildren(...wanted);
}

/**
 * The elements of the last drawing, by key, with the version each was built for: {@code get} answers the element
 * drawn last time when its version is the same, else builds it; {@code done} ends a drawing and forgets every element
 * it did not ask for.
 */
export class Drawn {
  constructor() {
    this.previous = new Map();
    this.current = new Map();
  }

  /** Whether the element of {@code key} at {@code version} is drawn already. */
  has(key, version) {
    const last = this.current.get(key) || this.previous.get(key);
    return Boolean(last) && last.version === version;
  }

  get(key, version, build) {
    const last = this.current.get(key) || this.previous.get(key);
    const el = last && last.version === version ? last.el : build();
    this.current.set(key, { version, el });
    return el;
  }

  done() {
    this.previous = this.current;
    this.current = new Map();
  }
}

export function badge(text, kind = text) {
  return h('span', { class: 'badge ' + String(kind || 'Unknown').toLowerCase() }, text || 'Unknown');
}

export function table(headers, rows, caption) {
  return h('div', { class: 'scroll' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(head => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'none')))));
}

export function row(...cells) {
  return h('tr', {}, cells.map(cell => h('td', {}, cell)));
}

export function button(label, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, label);
}

/** A short relative time: "5s ago", "3m ago". */
export function ago(time) {
  if (!time) return '';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(time)) / 1000));
  if (seconds < 90) return seconds + 's ago';
  if (seconds < 5400) return Math.round(seconds / 60) + 'm ago';
  if (seconds < 129600) return Math.round(seconds / 3600) + 'h ago';
  return Math.round(seconds / 86400) + 'd ago';
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error.message || String(error));
}

// DOM building without HTML strings: every text goes in through textContent, so nothing a record carries (dead-letter
// payloads and headers are written by whoever produced them) can become markup or script.

/** h('div', {class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'value') {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const TONE = {
  OK: 'ok', HEALTHY: 'ok', UP: 'ok', APPLIED: 'ok', HEALED: 'ok', SUCCEEDED: 'ok', RESOLVED: 'ok', PUBLISHED: 'ok',
  DONE: 'ok', REPLAYED: 'info', keep: 'ok',
  WARN: 'warn', WARNING: 'warn', DEGRADED: 'warn', PENDING: 'warn', WAITING: 'warn', PAUSED: 'warn', NEW: 'warn',
  'scale-up': 'warn', 'scale-down': 'info', REWIND: 'warn', NO_DATA: 'muted', RECORDED: 'muted', DISCARDED: 'muted',
  STALL: 'bad', STOP: 'bad', ERR: 'bad', CRITICAL: 'bad', FAILING: 'bad', FAILED: 'bad', FIRING: 'bad', DOWN: 'bad',
  'expand-partitions': 'bad', INTERRUPTED: 'warn', ROLLED_BACK: 'warn', RUNNING: 'info', INFO: 'info',
};

export function badge(text, tone) {
  const t = tone || TONE[text] || 'muted';
  return h('span', { class: `badge ${t}`, 'data-status': text }, text ?? '—');
}

export function table(columns, rows, options = {}) {
  const head = h('tr', {}, columns.map(c => h('th', { class: c.num ? 'num' : null }, c.title)));
  const body = rows.length === 0
    ? [h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, options.empty || 'Nothing here.'))]
    : rows.map(row => {
      const tr = h('tr', { class: options.rowClass ? options.rowClass(row) : null },
        columns.map(c => h('td', { class: c.num ? 'num' : null, 'data-col': c.key || null },
          c.render ? c.render(row) : fmt(row[c.key]))));
      if (options.onRow) {
        tr.classList.add('clickable');
        tr.addEventListener('click', () => options.onRow(row));
      }
      return tr;
    });
  return h('div', { class: 'table-wrap' }, h('table', { class: options.class || null }, h('thead', {}, head),
    h('tbody', {}, body)));
}

export function fmt(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return number(value);
  return String(value);
}

export function number(n, digits = 2) {
  if (n === null || n === undefined) return '—';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = s / 60;
  if (m < 60) return `${m.toFixed(0)} min`;
  const hrs = m / 60;
  if (hrs < 48) return `${hrs.toFixed(hrs < 10 ? 1 : 0)} h`;
  return `${(hrs / 24).toFixed(0)} d`;
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return h('time', { datetime: iso, title: d.toISOString() }, d.toLocaleString('en-GB', { hour12: false }));
}

export function ago(iso) {
  if (!iso) return '—';
  const ms = Date.now() - new Date(iso).getTime();
  return `${duration(Math.max(0, ms))} ago`;
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h3', {}, title) : null, ...children);
}

export function stat(label, value, tone, hint) {
  return h('div', { class: `stat ${tone || ''}`, title: hint || null },
    h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label));
}

export function pre(text) {
  return h('pre', { class: 'payload' }, text ?? '');
}

export function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
}

export function select(name, options, value) {
  return h('select', { name }, options.map(o => {
    const [v, text] = Array.isArray(o) ? o : [o, o === '' ? 'any' : o];
    return h('option', { value: v, selected: v === value }, text);
  }));
}

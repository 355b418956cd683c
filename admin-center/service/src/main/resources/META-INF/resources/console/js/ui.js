// Shared pieces of the views: the modal dialog (confirmations, details), forms that show a refused field next to it.
import { h, clear } from './dom.js';
import { ApiError } from './api.js';

/** Opens the page's dialog with `title` and `body`; resolves with the button's value (or null when closed). */
export function dialog(title, body, buttons = [{ label: 'Close', value: null }]) {
  const el = document.getElementById('dialog');
  return new Promise(resolve => {
    const done = value => {
      el.close();
      resolve(value);
    };
    clear(el).appendChild(h('form', { method: 'dialog', class: 'dialog', onsubmit: e => e.preventDefault() },
      h('header', {}, h('h2', {}, title), h('button', { type: 'button', class: 'link close', onclick: () => done(null),
        'aria-label': 'Close' }, '✕')),
      h('div', { class: 'dialog-body' }, body),
      h('footer', {}, buttons.map(b => h('button', {
        type: 'button', class: b.class || null, 'data-action': b.action || null, onclick: () => done(b.value),
      }, b.label)))));
    el.addEventListener('cancel', () => resolve(null), { once: true });
    el.showModal();
  });
}

/** Asks before an action; resolves true only when confirmed. */
export async function confirmAction(title, message, verb, danger = false) {
  const answer = await dialog(title, h('p', {}, message), [
    { label: 'Cancel', value: false },
    { label: verb, value: true, class: danger ? 'danger' : 'primary', action: 'confirm' },
  ]);
  return answer === true;
}

/** Shows the outcome of an action in `box`: success text, or the problem with the fields it names. */
export function outcome(box, result) {
  clear(box);
  if (result instanceof ApiError) {
    box.className = 'outcome error';
    box.appendChild(h('strong', {}, `Refused (${result.status}): `));
    box.appendChild(document.createTextNode(result.message));
    if (result.fields.length) box.appendChild(h('div', {}, `Field: ${result.fields.join(', ')}`));
  } else {
    box.className = 'outcome ok';
    box.appendChild(document.createTextNode(result));
  }
}

/** A button that only people with the ops role may use; admins see it disabled. */
export function actionButton(ctx, label, onclick, attrs = {}) {
  return h('button', {
    ...attrs, disabled: !ctx.session.canAct || attrs.disabled,
    title: ctx.session.canAct ? (attrs.title || null) : 'Only the ops role acts; admins read',
    onclick,
  }, label);
}

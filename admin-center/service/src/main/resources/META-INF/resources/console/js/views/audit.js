import { h, clear, table, card, time, field } from '../dom.js';
import { api, query } from '../api.js';
import { outcome } from '../ui.js';

export default {
  id: 'audit', title: 'Audit log', icon: '✎',
  render(ctx) {
    const type = h('input', { name: 'type', placeholder: 'e.g. ops.dead-letter-replayed', maxlength: 128 });
    const subject = h('input', { name: 'subject', placeholder: 'subject', maxlength: 255 });
    const result = h('div', { class: 'outcome', id: 'audit-outcome' });
    const list = h('div', { id: 'audit-list' });
    const form = h('form', { class: 'filters', onsubmit: e => { e.preventDefault(); view.refresh(); } },
      field('Type', type), field('Subject', subject), h('button', { type: 'submit' }, 'Filter'));
    ctx.root.appendChild(h('div', { class: 'view' }, card('Audit log', form, result, list)));
    const view = {
      async refresh() {
        try {
          const page = await api(`/audit-events${query({ type: type.value.trim(), subject: subject.value.trim(), size: 50 })}`);
          clear(result).className = 'outcome';
          clear(list).appendChild(table([
            { title: 'when', render: e => time(e.occurredAt) },
            { title: 'type', key: 'eventType' },
            { title: 'subject', key: 'subject' },
            { title: 'actor', key: 'actor' },
            { title: 'summary', key: 'summary' },
          ], page.items));
        } catch (e) {
          outcome(result, e);
        }
      },
    };
    return view;
  },
};

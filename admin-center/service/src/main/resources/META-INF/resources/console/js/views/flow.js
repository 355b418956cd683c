import { h, clear, table, card, badge } from '../dom.js';
import { api } from '../api.js';

export default {
  id: 'flow', title: 'Event flow', icon: '⇄',
  render(ctx) {
    const box = h('div', {});
    ctx.root.appendChild(h('div', { class: 'view' }, box));
    return {
      async refresh() {
        const flow = await api('/ops/event-flow');
        clear(box);
        for (const s of flow.services) {
          box.appendChild(card(s.service, s.reachable ? null : h('p', { class: 'bad-text' }, badge('DOWN'), ' ', s.error),
            h('p', { class: 'muted' }, `outbox backlog ${s.outboxBacklog ?? '—'}, oldest ${s.outboxOldestAgeSeconds ?? 0} s`),
            table([
              { title: 'event type', key: 'type' },
              { title: 'published', key: 'published', num: true },
              { title: 'publish failed', key: 'publishFailed', num: true },
              { title: 'consumed', key: 'consumed', num: true },
              { title: 'retried', key: 'retried', num: true },
              { title: 'dead-lettered', key: 'deadLettered', num: true },
              { title: 'published/s', key: 'publishedPerSecond', num: true },
              { title: 'consumed/s', key: 'consumedPerSecond', num: true },
            ], s.types, { empty: 'No events yet.' })));
        }
      },
    };
  },
};

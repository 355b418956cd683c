import { h, clear, table, card, badge, time, duration, select, field } from '../dom.js';
import { api, query } from '../api.js';

export default {
  id: 'incidents', title: 'Incidents', icon: '✚',
  render(ctx) {
    const kind = select('kind', ['', 'consumer-stalled', 'relay-stalled', 'dead-letters-redriven', 'execution-orphaned'], '');
    const service = select('service', ['', 'workstation', 'admin-center', 'portal'], '');
    kind.addEventListener('change', () => view.refresh());
    service.addEventListener('change', () => view.refresh());
    const list = h('div', { id: 'incident-list' });
    ctx.root.appendChild(h('div', { class: 'view' }, card('Fault history: what the services detected, did, and how it ended',
      h('div', { class: 'filters' }, field('Kind', kind), field('Service', service)), list)));
    const view = {
      async refresh() {
        const page = await api(`/ops/incidents${query({ kind: kind.value, service: service.value, size: 50 })}`);
        clear(list).appendChild(table([
          { title: 'detected', render: i => time(i.detectedAt) },
          { title: 'service', key: 'service' },
          { title: 'kind', key: 'kind' },
          { title: 'target', key: 'target' },
          { title: 'detected what', render: i => h('span', { class: 'clip wide', title: i.detection }, i.detection) },
          { title: 'action', render: i => h('span', { class: 'clip wide', title: i.action }, i.action) },
          { title: 'outcome', render: i => h('span', {}, badge(i.outcome), ' ', i.outcomeDetail || '') },
          { title: 'duration', render: i => duration(i.durationMs), num: true },
        ], page.items, { empty: 'Nothing had to heal.' }));
      },
    };
    return view;
  },
};

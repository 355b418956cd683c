import { h, clear, table, card, badge, time, number, duration } from '../dom.js';
import { api } from '../api.js';

export default {
  id: 'deployments', title: 'Deployments', icon: '⬆',
  render(ctx) {
    const box = h('div', {});
    ctx.root.appendChild(h('div', { class: 'view' }, card('Live function units and how their executions go', box)));
    return {
      async refresh() {
        const live = await api('/ops/deployments');
        clear(box).appendChild(table([
          { title: 'function unit', render: d => d.name || d.functionUnitId },
          { title: 'version', key: 'version' },
          { title: 'status', render: d => badge(d.status) },
          { title: 'deployed', render: d => time(d.deployedAt) },
          { title: 'executions', render: d => number(d.executions), num: true },
          { title: 'completed / failed', render: d => `${d.completed} / ${d.failed}`, num: true },
          { title: 'success', render: d => d.successRate == null ? '—' : `${(d.successRate * 100).toFixed(1)} %`, num: true },
          { title: 'p95', render: d => duration(d.p95DurationMs), num: true },
          { title: 'evidence', render: d => (d.evidence || []).join('; ') },
        ], live, { empty: 'Nothing is deployed.' }));
      },
    };
  },
};

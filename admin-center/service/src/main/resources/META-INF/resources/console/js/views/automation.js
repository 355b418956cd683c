import { h, clear, table, card, badge, number } from '../dom.js';
import { api } from '../api.js';
import { confirmAction, outcome, actionButton } from '../ui.js';

export default {
  id: 'automation', title: 'Scaling', icon: '⤢',
  render(ctx) {
    const groups = h('div', {});
    const topics = h('div', { id: 'expansions' });
    const result = h('div', { class: 'outcome', id: 'expansion-outcome' });
    ctx.root.appendChild(h('div', { class: 'view' },
      card('Consumers needed per group', h('p', { class: 'muted' }, 'From each group\'s lag, the rate records arrive and '
        + 'the rate it consumes; capped at its partitions. KEDA scales the admin center on the same lag (k8s/scaling).'),
      groups),
      card('Partition expansion', topics, result)));
    const view = {
      async refresh() {
        const advice = await api('/ops/scaling');
        clear(groups).appendChild(table([
          { title: 'group', key: 'groupId' },
          { title: 'advice', render: g => badge(g.action) },
          { title: 'members', key: 'members', num: true },
          { title: 'partitions', key: 'partitions', num: true },
          { title: 'lag', key: 'lag', num: true },
          { title: 'arriving/s', key: 'producedPerSecond', num: true },
          { title: 'consumed/s', key: 'consumedPerSecond', num: true },
          { title: 'consumers needed', key: 'neededConsumers', num: true },
          { title: 'pods', key: 'recommendedPods', num: true },
          { title: 'why', key: 'reason' },
        ], advice.groups, { rowClass: g => g.action !== 'keep' ? 'attention' : null }));
        clear(topics).appendChild(h('p', { class: 'muted' }, `${advice.consumersPerPod} consumers per pod; lag to be `
          + `drained within ${advice.drainSeconds} s.`));
        topics.appendChild(table([
          { title: 'topic', key: 'topic' },
          { title: 'partitions', key: 'partitions', num: true },
          { title: 'recommended', key: 'recommendedPartitions', num: true },
          { title: 'limits', render: t => t.groups.join(', ') },
          { title: '', render: t => actionButton(ctx, 'Expand…', () => expand(t), { class: 'primary' }) },
        ], advice.topics, { empty: 'No topic limits its consumers.' }));
      },
    };
    async function expand(t) {
      const ok = await confirmAction(`Expand ${t.topic} to ${t.recommendedPartitions} partitions?`,
        `${t.warning}. Partitions can never be removed again. The change is a new configuration version.`, 'Expand',
        true);
      if (!ok) return;
      try {
        const v = await api('/ops/configuration', { method: 'PUT', body: { reason: `scaling advice: ${t.groups.join(', ')}`
          + ` need ${t.recommendedPartitions} consumers`, parameters: { [`topics.${t.topic}.partitions`]:
          String(t.recommendedPartitions) } } });
        outcome(result, `Version ${v.version}: ${v.apply.map(a => `${a.status} ${a.detail}`).join('; ')}`);
      } catch (e) {
        outcome(result, e);
      }
    }
    return view;
  },
};

import { h, clear, badge, table, card, stat, number, time } from '../dom.js';
import { api } from '../api.js';
import { timeChart, columns } from '../charts.js';

export default {
  id: 'overview', title: 'Overview', icon: '▦',
  render(ctx) {
    const stats = h('div', { class: 'stats', id: 'overview-stats' });
    const chartBox = h('div', {});
    const alertsBox = h('div', {});
    const groupsBox = h('div', {});
    const outboxBox = h('div', {});
    ctx.root.appendChild(h('div', { class: 'view overview' },
      stats,
      h('div', { class: 'grid two' },
        card('Event throughput (records per second, last hour)', chartBox),
        card('Alerts firing', alertsBox)),
      h('div', { class: 'grid two' },
        card('Consumer groups', groupsBox),
        card('Outbox backlog per service', outboxBox))));
    let chart = null;
    return {
      async refresh() {
        const [cluster, firing, flow, throughput, dlq, groups] = await Promise.all([
          api('/ops/cluster'), api('/ops/alerts'), api('/ops/event-flow'), api('/ops/throughput?minutes=60'),
          api('/ops/dead-letters/summary'), api('/ops/consumer-groups')]);
        const up = cluster.brokers.filter(b => b.up).length;
        const backlog = flow.services.reduce((n, s) => n + (s.outboxBacklog || 0), 0);
        const fresh = dlq.topics.reduce((n, t) => n + t.fresh, 0);
        const bad = groups.filter(g => g.status !== 'OK').length;
        const p = cluster.partitions;
        clear(stats).append(
          stat('brokers up', `${up} / ${cluster.brokers.length}`, up === cluster.brokers.length ? 'ok' : 'bad'),
          stat('partitions under-replicated / offline', `${p.underReplicated} / ${p.offline}`,
            p.offline > 0 ? 'bad' : p.underReplicated > 0 ? 'warn' : 'ok', `${p.total} partitions in all`),
          stat('alerts firing', number(firing.length), firing.length ? 'bad' : 'ok'),
          stat('consumer groups not OK', `${bad} / ${groups.length}`, bad ? 'warn' : 'ok'),
          stat('dead letters to handle', number(fresh), fresh ? 'warn' : 'ok'),
          stat('outbox backlog', number(backlog), backlog ? 'warn' : 'ok', 'events committed, not yet acknowledged by Kafka'));
        const data = columns(throughput.points, 'eventsPerSecond', 'deadLettersPerSecond');
        if (!chart) {
          chart = timeChart(chartBox, [{ label: 'events/s' }, { label: 'dead letters/s' }], data, { fill: true });
        } else {
          chart.update(data);
        }
        clear(alertsBox).appendChild(table([
          { title: 'severity', render: a => badge(a.severity) },
          { title: 'rule', key: 'rule' },
          { title: 'target', key: 'target' },
          { title: 'since', render: a => time(a.raisedAt) },
        ], firing.slice(0, 8), { empty: 'No alert is firing.' }));
        clear(groupsBox).appendChild(table([
          { title: 'group', render: g => h('a', { href: `#/groups/${encodeURIComponent(g.groupId)}` }, g.groupId) },
          { title: 'status', render: g => badge(g.status) },
          { title: 'lag', key: 'totalLag', num: true },
          { title: 'consumed/s', key: 'consumeRatePerSecond', num: true },
        ], groups, { rowClass: g => g.status !== 'OK' ? 'attention' : null }));
        clear(outboxBox).appendChild(table([
          { title: 'service', key: 'service' },
          { title: 'reachable', render: s => badge(s.reachable ? 'UP' : 'DOWN') },
          { title: 'backlog', key: 'outboxBacklog', num: true },
          { title: 'oldest (s)', key: 'outboxOldestAgeSeconds', num: true },
        ], flow.services));
        dlqCounts(outboxBox, dlq);
      },
      destroy() { chart?.destroy(); },
    };
  },
};

function dlqCounts(parent, dlq) {
  parent.appendChild(h('h4', {}, 'Dead letters per topic'));
  parent.appendChild(table([
    { title: 'topic', render: t => h('a', { href: `#/dead-letters?topic=${encodeURIComponent(t.topic)}` }, t.topic) },
    { title: 'new', key: 'fresh', num: true },
    { title: 'replayed', key: 'replayed', num: true },
    { title: 'discarded', key: 'discarded', num: true },
  ], dlq.topics));
}

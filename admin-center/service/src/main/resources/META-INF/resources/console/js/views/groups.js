import { h, clear, table, card, badge, time } from '../dom.js';
import { api } from '../api.js';
import { timeChart, columns } from '../charts.js';

export default {
  id: 'groups', title: 'Consumer groups', icon: '⇶',
  render(ctx) {
    const list = h('div', {});
    const detail = h('div', { id: 'group-detail' });
    const chartBox = h('div', {});
    let selected = decodeURIComponent((location.hash.match(/^#\/groups\/(.+)$/) || [])[1] || '');
    let chart = null;
    let chartFor = null;
    ctx.root.appendChild(h('div', { class: 'view' }, card('Consumer groups (status by Burrow\'s rules)', list),
      h('section', { class: 'card', id: 'group-chart' }, h('h3', { id: 'group-chart-title' }, 'Lag over the last hour'),
        chartBox), detail));
    return {
      async refresh() {
        const groups = await api('/ops/consumer-groups');
        if (!selected && groups.length) selected = (groups.find(g => g.status !== 'OK') || groups[0]).groupId;
        clear(list).appendChild(table([
          { title: 'group', key: 'groupId' },
          { title: 'status', render: g => badge(g.status) },
          { title: 'state', key: 'state' },
          { title: 'members', render: g => g.members.length, num: true },
          { title: 'lag', key: 'totalLag', num: true },
          { title: 'consumed/s', key: 'consumeRatePerSecond', num: true },
        ], groups, {
          onRow: g => { selected = g.groupId; location.hash = `#/groups/${encodeURIComponent(g.groupId)}`; },
          rowClass: g => [g.groupId === selected ? 'selected' : '', g.status !== 'OK' ? 'attention' : ''].join(' '),
        }));
        if (!selected) return;
        const [g, history] = await Promise.all([
          api(`/ops/consumer-groups/${encodeURIComponent(selected)}`),
          api(`/ops/consumer-groups/${encodeURIComponent(selected)}/history?minutes=60`)]);
        document.getElementById('group-chart-title').textContent = `Lag of ${selected} over the last hour`;
        const data = columns(history.points, 'lag', 'consumedPerSecond');
        if (chart && chartFor === selected) {
          chart.update(data);
        } else {
          chart?.destroy();
          clear(chartBox);
          chart = timeChart(chartBox, [{ label: 'lag (records)' }, { label: 'consumed/s' }], data, { fill: true });
          chartFor = selected;
        }
        clear(detail).appendChild(card(`${g.groupId}: `, h('p', {}, 'Status ', badge(g.status), ` over ${g.window.samples} of `
          + `${g.window.size} samples (${g.window.spanSeconds} s); coordinator state ${g.state}; total lag ${g.totalLag}.`),
        table([
          { title: 'partition', render: p => `${p.topic}-${p.partition}` },
          { title: 'status', render: p => badge(p.status) },
          { title: 'owner', render: p => p.owner ? shortId(p.owner) : 'nobody' },
          { title: 'committed', key: 'committedOffset', num: true },
          { title: 'end', key: 'endOffset', num: true },
          { title: 'lag', key: 'lag', num: true },
          { title: 'evidence (committed / end per sample)', render: p => h('span', { class: 'evidence' },
            p.evidence.map(e => `${e.committed}/${e.end}`).join(' → ')) },
        ], g.partitions, { rowClass: p => p.status !== 'OK' ? 'attention' : null }),
        h('p', { class: 'muted' }, 'Sampled ', time(g.sampledAt))));
      },
      destroy() { chart?.destroy(); },
    };
  },
};

function shortId(id) {
  return id.length > 28 ? `${id.slice(0, 28)}…` : id;
}

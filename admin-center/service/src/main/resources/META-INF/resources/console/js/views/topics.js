import { h, clear, table, card, number, duration, bytes, badge } from '../dom.js';
import { api } from '../api.js';

export default {
  id: 'topics', title: 'Topics', icon: '☰',
  render(ctx) {
    const cluster = h('div', {});
    const list = h('div', {});
    const detail = h('div', { id: 'topic-detail' });
    let selected = new URLSearchParams(location.hash.split('?')[1] || '').get('topic');
    ctx.root.appendChild(h('div', { class: 'view' }, card('Brokers', cluster), card('Topics', list), detail));
    return {
      async refresh() {
        const [c, topics] = await Promise.all([api('/ops/cluster'), api('/ops/topics')]);
        clear(cluster).appendChild(table([
          { title: 'broker', key: 'id' },
          { title: 'address', render: b => b.host ? `${b.host}:${b.port}` : '—' },
          { title: 'state', render: b => badge(b.up ? 'UP' : 'DOWN') },
          { title: 'controller', render: b => b.id === c.controllerId ? 'active' : '' },
          { title: 'log dirs', render: b => bytes(b.logDirBytes), num: true },
          { title: 'free', render: b => bytes(b.usableBytes), num: true },
        ], c.brokers));
        clear(list).appendChild(table([
          { title: 'topic', key: 'name' },
          { title: 'partitions', key: 'partitions', num: true },
          { title: 'replicas', key: 'replicationFactor', num: true },
          { title: 'min ISR', key: 'minInsyncReplicas', num: true },
          { title: 'retention', render: t => t.retentionMs < 0 ? 'forever' : duration(t.retentionMs) },
          { title: 'records', key: 'records', num: true },
          { title: 'produced/s', key: 'produceRatePerSecond', num: true },
        ], topics, { onRow: t => { selected = t.name; this.refresh(); }, rowClass: t => t.name === selected ? 'selected' : null }));
        if (selected) {
          const d = await api(`/ops/topics/${encodeURIComponent(selected)}`);
          clear(detail).appendChild(card(`Partitions of ${d.topic.name}`, table([
            { title: 'partition', key: 'partition', num: true },
            { title: 'leader', key: 'leader', num: true },
            { title: 'replicas', render: p => p.replicas.join(', ') },
            { title: 'in sync', render: p => h('span', { class: p.isr.length < p.replicas.length ? 'bad-text' : null },
              p.isr.join(', ')) },
            { title: 'start', key: 'startOffset', num: true },
            { title: 'end', key: 'endOffset', num: true },
          ], d.partitions), h('p', { class: 'muted' }, `${number(d.topic.records)} records held.`)));
        }
      },
    };
  },
};

import { h, clear, table, card, badge, time, pre, select, field } from '../dom.js';
import { api, query } from '../api.js';
import { confirmAction, outcome, actionButton } from '../ui.js';

const KINDS = ['', 'invalid-event', 'permanent-failure', 'retries-exhausted', 'undeliverable'];
const STATES = ['', 'NEW', 'REPLAYED', 'DISCARDED'];

export default {
  id: 'dead-letters', title: 'Dead letters', icon: '✉',
  render(ctx) {
    const initial = new URLSearchParams(location.hash.split('?')[1] || '');
    const topic = select('topic', ['', 'function-unit-events.dlq', 'user-permission-events.dlq',
      'workflow-execution-events.dlq', 'system-notification-events.dlq', 'platform-operations-events.dlq'],
    initial.get('topic') || '');
    const kind = select('kind', KINDS, '');
    const state = select('state', STATES, 'NEW');
    const consumer = h('input', { name: 'consumer', placeholder: 'e.g. access', maxlength: 64 });
    const type = h('input', { name: 'type', placeholder: 'e.g. permission.granted', maxlength: 128 });
    const filterError = h('div', { class: 'outcome', id: 'dl-filter-outcome' });
    const list = h('div', { id: 'dl-list' });
    const detail = h('div', { id: 'dl-detail' });
    let selected = null;
    // what the last replay or discard answered, for the dead letter it acted on: kept across refreshes
    let last = null;
    const form = h('form', { class: 'filters', id: 'dl-filters', onsubmit: e => { e.preventDefault(); view.refresh(); } },
      field('Topic', topic), field('Kind', kind), field('State', state), field('Consumer', consumer),
      field('Event type', type), h('button', { type: 'submit' }, 'Filter'));
    for (const input of [topic, kind, state]) input.addEventListener('change', () => view.refresh());
    ctx.root.appendChild(h('div', { class: 'view' }, card('Filter', form, filterError), card('Dead letters', list),
      detail));
    const view = {
      async refresh() {
        let page;
        try {
          page = await api(`/ops/dead-letters${query({ topic: topic.value, kind: kind.value, state: state.value,
            consumer: consumer.value.trim(), type: type.value.trim(), size: 50 })}`);
          clear(filterError).className = 'outcome';
        } catch (e) {
          outcome(filterError, e);
          return;
        }
        clear(list).appendChild(table([
          { title: 'dead-lettered', render: d => time(d.deadLetteredAt) },
          { title: 'origin', render: d => d.originalTopic ? `${d.originalTopic}-${d.originalPartition}@${d.originalOffset}` : '—' },
          { title: 'event type', key: 'eventType' },
          { title: 'kind', key: 'kind' },
          { title: 'consumer', key: 'consumer' },
          { title: 'reason', render: d => h('span', { class: 'clip', title: d.reason || '' }, d.reason || '—') },
          { title: 'state', render: d => badge(d.state) },
        ], page.items, {
          empty: 'No dead letter matches.',
          onRow: d => { selected = d; showDetail(); },
          rowClass: d => selected && key(d) === key(selected) ? 'selected' : null,
        }), h('p', { class: 'muted' }, `${page.total} in all; newest 50 shown.`));
        if (selected) await showDetail();
      },
    };
    async function showDetail() {
      const d = await api(`/ops/dead-letters/${encodeURIComponent(selected.topic)}/${selected.partition}/${selected.offset}`);
      const result = h('div', { class: 'outcome', id: 'dl-outcome' });
      if (last && last.key === key(d)) outcome(result, last.result);
      const act = async (verb, path) => {
        const ok = await confirmAction(`${verb} this dead letter?`, verb === 'Replay'
          ? `The record goes back to ${d.originalTopic} with its original key and headers. Consumers that applied it `
            + 'skip it; the one that failed applies it. The replay is audited.'
          : 'It is marked handled and stays in the index; nothing is re-published. The discard is audited.', verb,
        verb === 'Discard');
        if (!ok) return;
        try {
          const r = await api(path, { method: 'POST', body: { records: [{ topic: d.topic, partition: d.partition,
            offset: d.offset }] } });
          last = { key: key(d), result: `${r.action}: ${r.records.length} record(s) ${verb === 'Replay' ? 'replayed' : 'discarded'}.` };
          outcome(result, last.result);
          await view.refresh();
        } catch (e) {
          last = { key: key(d), result: e };
          outcome(result, e);
        }
      };
      clear(detail).appendChild(card(`Dead letter ${key(d)}`,
        h('div', { class: 'kv' },
          h('div', {}, h('b', {}, 'state '), badge(d.state), d.stateChangedBy ? ` by ${d.stateChangedBy}` : ''),
          h('div', {}, h('b', {}, 'event '), `${d.eventType || '—'} ${d.eventId || ''}`),
          h('div', {}, h('b', {}, 'key '), d.key ?? '—'),
          h('div', {}, h('b', {}, 'reason '), d.reason ?? '—'),
          h('div', {}, h('b', {}, 'attempts '), d.attempts ?? '—', h('b', {}, '  field '), d.field ?? '—')),
        h('div', { class: 'actions' },
          actionButton(ctx, 'Replay…', () => act('Replay', '/ops/dead-letters/replay'),
            { class: 'primary', id: 'dl-replay', disabled: !d.replayable }),
          actionButton(ctx, 'Discard…', () => act('Discard', '/ops/dead-letters/discard'), { id: 'dl-discard' })),
        result,
        h('h4', {}, 'Headers'),
        table([{ title: 'header', key: 'name' }, { title: 'value', render: x => h('span', { class: 'header-value' }, x.value) }],
          Object.entries(d.headers || {}).map(([name, value]) => ({ name, value })), { class: 'headers' }),
        h('h4', {}, d.payload !== null && d.payload !== undefined ? 'Payload (text)' : 'Payload (base64)'),
        pre(d.payload ?? d.payloadBase64)));
    }
    return view;
  },
};

function key(d) {
  return `${d.topic}/${d.partition}/${d.offset}`;
}

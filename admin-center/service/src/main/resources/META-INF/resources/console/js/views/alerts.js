import { h, clear, table, card, badge, time, select, field } from '../dom.js';
import { api, query } from '../api.js';
import { confirmAction, outcome, actionButton } from '../ui.js';

export default {
  id: 'alerts', title: 'Alerts', icon: '⚠',
  render(ctx) {
    const firing = h('div', { id: 'alerts-firing' });
    const silences = h('div', {});
    const history = h('div', {});
    const result = h('div', { class: 'outcome', id: 'alert-outcome' });
    const status = select('status', ['', 'FIRING', 'RESOLVED'], '');
    const severity = select('severity', ['', 'INFO', 'WARNING', 'CRITICAL'], '');
    status.addEventListener('change', () => view.refresh());
    severity.addEventListener('change', () => view.refresh());
    const rule = h('input', { name: 'rule', placeholder: 'rule (empty: every rule)', maxlength: 255 });
    const target = h('input', { name: 'target', placeholder: 'target (empty: every target)', maxlength: 255 });
    const hours = h('input', { name: 'hours', type: 'number', min: 1, max: 168, value: 2 });
    const reason = h('input', { name: 'reason', placeholder: 'why (required)', maxlength: 500 });
    const silenceForm = h('form', { class: 'filters', id: 'silence-form', onsubmit: async e => {
      e.preventDefault();
      const endsAt = new Date(Date.now() + Number(hours.value) * 3600_000).toISOString();
      try {
        await api('/ops/alerts/silences', { method: 'POST', body: { rule: rule.value.trim() || null,
          target: target.value.trim() || null, endsAt, reason: reason.value.trim() } });
        outcome(result, 'Silence created.');
        await view.refresh();
      } catch (err) {
        outcome(result, err);
      }
    } }, field('Rule', rule), field('Target', target), field('Hours', hours), field('Reason', reason),
    actionButton(ctx, 'Silence', null, { type: 'submit' }));
    ctx.root.appendChild(h('div', { class: 'view' }, card('Firing now', firing, result),
      card('Silences', silences, ctx.session.canAct ? silenceForm : null),
      card('History', h('div', { class: 'filters' }, field('Status', status), field('Severity', severity)), history)));
    const view = {
      async refresh() {
        const [now, s, past] = await Promise.all([api('/ops/alerts'), api('/ops/alerts/silences'),
          api(`/ops/alerts/history${query({ status: status.value, severity: severity.value, size: 30 })}`)]);
        clear(firing).appendChild(table([
          { title: 'severity', render: a => badge(a.severity) },
          { title: 'rule', key: 'rule' },
          { title: 'target', key: 'target' },
          { title: 'summary', key: 'summary' },
          { title: 'raised', render: a => time(a.raisedAt) },
          { title: 'acknowledged', render: a => a.acknowledgedBy ? `by ${a.acknowledgedBy}` : actionButton(ctx,
            'Acknowledge', async ev => {
              ev.stopPropagation();
              try {
                await api(`/ops/alerts/${a.id}/acknowledge`, { method: 'POST' });
                outcome(result, `Acknowledged ${a.rule} on ${a.target}.`);
                await view.refresh();
              } catch (err) {
                outcome(result, err);
              }
            }) },
        ], now, { empty: 'No alert is firing.' }));
        clear(silences).appendChild(table([
          { title: 'rule', render: x => x.rule || 'every rule' },
          { title: 'target', render: x => x.target || 'every target' },
          { title: 'reason', key: 'reason' },
          { title: 'ends', render: x => time(x.endsAt) },
          { title: '', render: x => actionButton(ctx, 'End', async () => {
            if (!await confirmAction('End this silence?', 'Alerts it holds back are notified from now on.', 'End')) return;
            try {
              await api(`/ops/alerts/silences/${x.id}`, { method: 'DELETE' });
              await view.refresh();
            } catch (err) {
              outcome(result, err);
            }
          }) },
        ], s, { empty: 'No silence in force.' }));
        clear(history).appendChild(table([
          { title: 'status', render: a => badge(a.status) },
          { title: 'severity', render: a => badge(a.severity) },
          { title: 'rule', key: 'rule' },
          { title: 'target', key: 'target' },
          { title: 'raised', render: a => time(a.raisedAt) },
          { title: 'resolved', render: a => time(a.resolvedAt) },
          { title: 'notified', render: a => a.notified ? 'yes' : 'silenced' },
        ], past.items));
      },
    };
    return view;
  },
};

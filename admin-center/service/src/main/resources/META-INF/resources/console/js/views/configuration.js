import { h, clear, table, card, badge, time } from '../dom.js';
import { api } from '../api.js';
import { confirmAction, outcome, actionButton, dialog } from '../ui.js';

export default {
  id: 'configuration', title: 'Configuration', icon: '⚙',
  render(ctx) {
    const head = h('div', { id: 'config-head' });
    const drift = h('div', { id: 'config-drift' });
    const params = h('div', { id: 'config-params' });
    const versions = h('div', { id: 'config-versions' });
    const result = h('div', { class: 'outcome', id: 'config-outcome' });
    const reason = h('input', { name: 'reason', id: 'config-reason', placeholder: 'why (required, kept with the version)',
      maxlength: 500 });
    const pending = new Map();
    let current = null;
    const save = actionButton(ctx, 'Save as new version', () => submit(), { class: 'primary', id: 'config-save' });
    ctx.root.appendChild(h('div', { class: 'view' }, card('Managed configuration', head, result), card('Drift', drift),
      card('Parameters', params, h('div', { class: 'save-bar' }, reason, save)), card('Versions', versions)));
    async function submit() {
      if (pending.size === 0) {
        outcome(result, 'Change a value first.');
        return;
      }
      try {
        const v = await api('/ops/configuration', { method: 'PUT', body: { expectedVersion: current.version,
          reason: reason.value, parameters: Object.fromEntries(pending) } });
        pending.clear();
        reason.value = '';
        outcome(result, `Version ${v.version} (${v.applyStatus}): ${v.apply.map(a => `${a.key} ${a.status}`).join('; ')}`);
        await view.refresh(true);
      } catch (e) {
        outcome(result, e);
        for (const f of e.fields || []) {
          const input = params.querySelector(`[data-key="${CSS.escape(f.replace(/^parameters\./, ''))}"]`);
          if (input) input.classList.add('invalid');
        }
      }
    }
    const view = {
      async refresh(force = false) {
        const [c, page] = await Promise.all([api('/ops/configuration'), api('/ops/configuration/versions?size=20')]);
        const changed = !current || current.version !== c.version;
        current = c;
        clear(head).append(h('p', {}, 'Version ', h('b', { id: 'config-version' }, c.version), ` (${c.applyStatus}) by `
          + `${c.changedBy}, `, time(c.changedAt), `: ${c.reason}. Environment ${c.environment}.`),
        table([{ title: 'service', key: 'service' },
          { title: 'applied version', key: 'appliedVersion', num: true },
          { title: '', render: s => badge(s.current ? 'OK' : 'PENDING') }], c.services));
        clear(drift).appendChild(table([
          { title: 'parameter', key: 'key' }, { title: 'managed', key: 'managed' }, { title: 'actual', key: 'actual' },
          { title: 'what it means', key: 'detail' },
        ], c.drift, { empty: 'None: Kafka and every service run the managed values.', class: 'drift' }));
        if (changed || force || pending.size === 0 && !params.contains(document.activeElement)) {
          renderParameters(c);
        }
        clear(versions).appendChild(table([
          { title: 'version', key: 'version', num: true },
          { title: 'when', render: v => time(v.changedAt) },
          { title: 'by', key: 'changedBy' },
          { title: 'why', key: 'reason' },
          { title: 'changes', render: v => h('ul', { class: 'changes' }, v.changes.map(x => h('li', {},
            h('code', {}, x.key), `: ${x.from ?? '—'} → ${x.to}`))) },
          { title: 'applied', render: v => badge(v.applyStatus) },
          { title: '', render: v => actionButton(ctx, v.version === c.version ? 'Re-apply…' : 'Roll back…',
            ev => { ev.stopPropagation(); rollback(v); }, { 'data-version': v.version }) },
        ], page.items, { onRow: v => details(v) }));
      },
    };
    function renderParameters(c) {
      clear(params);
      const groups = [...new Set(c.parameters.map(p => p.group))];
      for (const group of groups) {
        params.appendChild(h('h4', {}, group));
        params.appendChild(table([
          { title: 'parameter', render: p => h('span', { title: p.description }, h('code', {}, p.key)) },
          { title: 'value', render: p => input(p) },
          { title: 'default', key: 'defaultValue' },
          { title: 'applied by', render: p => badge(p.appliedBy, p.appliedBy === 'recorded' ? 'muted' : 'info') },
          { title: 'accepts', key: 'bounds' },
        ], c.parameters.filter(p => p.group === group)));
      }
    }
    function input(p) {
      const el = h('input', { value: pending.get(p.key) ?? p.value, 'data-key': p.key, name: p.key,
        disabled: !ctx.session.canAct, maxlength: 1000, 'aria-label': p.key });
      el.addEventListener('input', () => {
        el.classList.remove('invalid');
        if (el.value === p.value) pending.delete(p.key); else pending.set(p.key, el.value);
        el.classList.toggle('edited', pending.has(p.key));
      });
      return el;
    }
    async function rollback(v) {
      const why = await dialog(`${v.version === current.version ? 'Re-apply' : 'Roll back to'} version ${v.version}?`,
        h('div', {}, h('p', {}, `A new version with version ${v.version}'s values is made and applied (topics through Kafka, `
          + 'the rest through configuration.changed). Partition counts never go down.'),
        h('input', { id: 'rollback-reason', placeholder: 'why (required)', maxlength: 500 })),
        [{ label: 'Cancel', value: null }, { label: 'Roll back', value: 'go', class: 'primary', action: 'confirm' }]);
      if (why !== 'go') return;
      const text = document.getElementById('rollback-reason')?.value ?? '';
      try {
        const made = await api(`/ops/configuration/versions/${v.version}/rollback`, { method: 'POST', body: { reason: text } });
        outcome(result, `Version ${made.version} restores version ${v.version} (${made.applyStatus}).`);
        await view.refresh(true);
      } catch (e) {
        outcome(result, e);
      }
    }
    function details(v) {
      dialog(`Version ${v.version}`, h('div', {}, h('p', {}, `${v.reason} — ${v.changedBy}`),
        table([{ title: 'key', key: 'key' }, { title: 'status', render: a => badge(a.status) }, { title: 'detail', key: 'detail' }],
          v.apply)));
    }
    return view;
  },
};

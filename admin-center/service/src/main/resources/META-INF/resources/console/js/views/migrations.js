import { h, clear, table, card, badge, time, pre } from '../dom.js';
import { api } from '../api.js';

export default {
  id: 'migrations', title: 'Migrations', icon: '⛁',
  render(ctx) {
    const summary = h('div', {});
    const runs = h('div', {});
    const report = h('div', {});
    ctx.root.appendChild(h('div', { class: 'view' }, card('Release and schemas', summary), card('Runs', runs),
      card('Latest report', report)));
    return {
      async refresh() {
        const m = await api('/ops/migrations');
        clear(summary).append(
          m.readable ? h('p', {}, 'Platform release ', h('b', { id: 'platform-release' }, m.platformRelease || 'none'),
            ' (where the newest successful run brought it).')
            : h('p', { class: 'warn-text' }, 'The migrator\'s tables are not readable by the admin center (the migrator '
              + 'grants it after migrate: LOWCODE_MIGRATOR_STATE_READERS).'),
          table([{ title: 'schema', key: 'schema' }, { title: 'version', key: 'version', num: true }], m.schemas));
        clear(runs);
        for (const r of m.runs) {
          runs.appendChild(h('details', { class: 'run', open: r === m.runs[0] },
            h('summary', {}, badge(r.status), ` run ${r.runId}: ${r.command} ${r.from || '—'} → ${r.to || '—'}, `,
              time(r.startedAt), r.reason ? ` — ${r.reason}` : ''),
            table([
              { title: 'release', key: 'release' },
              { title: 'step', key: 'stepId' },
              { title: 'kind', key: 'kind' },
              { title: 'direction', key: 'direction' },
              { title: 'status', render: s => badge(s.status) },
              { title: 'progress', render: s => s.progress == null ? '—' : h('span', { class: 'progress' },
                h('progress', { max: 1, value: s.progress }), ` ${(s.progress * 100).toFixed(0)} %`) },
              { title: 'rows', render: s => s.rowsTotal == null ? '—' : `${s.rowsDone} / ${s.rowsTotal}`, num: true },
              { title: 'rows/s', key: 'rowsPerSecond', num: true },
              { title: 'started', render: s => time(s.startedAt) },
              { title: 'ended', render: s => time(s.endedAt) },
            ], r.steps, { empty: 'No step.' })));
        }
        if (!m.runs.length) runs.appendChild(h('p', { class: 'muted' }, 'No run recorded.'));
        clear(report).append(m.latestReport
          ? h('div', {}, h('p', {}, badge(m.latestReport.valid ? 'OK' : 'FAILED', m.latestReport.valid ? 'ok' : 'bad'),
            ` release ${m.latestReport.platformRelease}, `, time(m.latestReport.createdAt)), pre(m.latestReport.markdown))
          : h('p', { class: 'muted' }, 'No report yet: run `ops-migrator report` (locally ./platform migrator report).'));
      },
    };
  },
};

// Time-series charts with uPlot (a maintained chart library, from its WebJar). Each chart follows its container's
// width, so the views work at a phone's width too.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h } from './dom.js';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2'];

/**
 * A chart in `parent`: `series` [{label, unit}], `data` [[t seconds...], [values...]...]. Returns {update(data), destroy()}.
 */
export function timeChart(parent, series, data, options = {}) {
  const box = h('div', { class: 'chart' });
  parent.appendChild(box);
  const width = () => Math.max(240, box.clientWidth || parent.clientWidth || 600);
  const plot = new uPlot({
    width: width(),
    height: options.height || 200,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    // one sample (a platform that just started) has no span of its own: show the hour up to it, not uPlot's years
    scales: { x: { time: true, range: (u, min, max) => (min == null || max == null || min === max)
      ? [(max ?? Date.now() / 1000) - 3600, (max ?? Date.now() / 1000) + 60] : [min, max] } },
    axes: [{ stroke: '#64748b', grid: { stroke: '#e2e8f0' } },
      { stroke: '#64748b', grid: { stroke: '#e2e8f0' }, size: 60, label: options.yLabel || '' }],
    series: [{}, ...series.map((s, i) => ({
      label: s.label, stroke: COLORS[i % COLORS.length], width: 2,
      fill: i === 0 && options.fill ? `${COLORS[0]}22` : undefined,
      value: (u, v) => v === null || v === undefined ? '—' : `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}${s.unit || ''}`,
    }))],
  }, data, box);
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: options.height || 200 }));
  observer.observe(box);
  return {
    update(next) { plot.setData(next); },
    destroy() { observer.disconnect(); plot.destroy(); },
  };
}

/** [[t...],[v...]] from points with `at` (ISO) and the named fields. */
export function columns(points, ...fields) {
  return [points.map(p => new Date(p.at).getTime() / 1000), ...fields.map(f => points.map(p => p[f] ?? null))];
}

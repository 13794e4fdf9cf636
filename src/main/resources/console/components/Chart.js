// Time series charts through uPlot: one chart per widget, resized with its box, themed from CSS variables.
import uPlot from 'uplot';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../lib/html.js';

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * props: x (seconds since the epoch), series ([{label, values, format?, bars?}]), height, yFormat (number -> text),
 * label (accessible name).
 */
export function Chart({ x, series, height = 220, yFormat = (v) => String(v), label }) {
  const box = useRef(null);
  const plot = useRef(null);

  useEffect(() => {
    const el = box.current;
    const axis = cssVar('--muted');
    const grid = cssVar('--grid');
    const opts = {
      width: Math.max(200, el.clientWidth),
      height,
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60,
          values: (u, ticks) => ticks.map(yFormat) },
      ],
      series: [{}, ...series.map((s, i) => {
        const color = cssVar(PALETTE[i % PALETTE.length]);
        return {
          label: s.label,
          stroke: color,
          width: 2,
          fill: s.fill ? color + '22' : undefined,
          value: (u, v) => (v == null ? '—' : (s.format || yFormat)(v)),
          paths: s.bars ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined,
          points: { show: x.length < 40 },
        };
      })],
    };
    plot.current = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
    const resize = new ResizeObserver(() => plot.current && plot.current.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current.destroy();
      plot.current = null;
    };
  }, [series.length, series.map((s) => s.label).join('|'), height]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (plot.current) plot.current.setData([x, ...series.map((s) => s.values)]);
  }, [x, series]);

  return html`<div class="chart" ref=${box} role="img" aria-label=${label || series.map((s) => s.label).join(', ')}></div>`;
}

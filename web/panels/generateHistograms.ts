/**
 * Ensemble histograms: one SVG per recorded metric (d3 bin + scales), the current scenario marked, and where it
 * sits in words ("more coterminous than 93 % of 10,000 generated plans"). The percentile is the engine's
 * `percentileOf`; which way is better for each metric is said once, here, in `METRIC_VIEW`.
 */
import { axisBottom, bin, max, range, scaleLinear, create } from 'd3';
import type { MetricName } from '../../engine/generate/objectives.ts';
import { percentileOf } from '../../engine/generate/ensemble.ts';
import { formatCount, formatShare } from './format.ts';

interface MetricView {
  title: string;
  /** Higher values are better (coterminosity), or lower (region crossings), or neither (the number of systems). */
  better: 'higher' | 'lower' | 'neither';
  /** "more coterminous", "fewer region crossings": how the scenario beats the plans below it. */
  beats: string;
  /** Counts of systems: one bar per whole number. */
  whole?: boolean;
  format: (x: number) => string;
}

export const METRIC_VIEW: Record<MetricName, MetricView> = {
  coterminosity: { title: 'Coterminosity with upper-tier councils', better: 'higher', beats: 'more coterminous', format: formatShare },
  systemsInBand: { whole: true, title: 'Systems in the band', better: 'higher', beats: 'more systems in the band', format: formatCount },
  regionCrossings: { whole: true, title: 'Systems crossing an NHS region', better: 'lower', beats: 'fewer systems crossing a region', format: formatCount },
  cutEdges: { title: 'Cut edges (fewer: more compact)', better: 'lower', beats: 'more compact', format: formatCount },
  peopleMoved: { title: 'People moved from the start', better: 'lower', beats: 'fewer people moved', format: formatCount },
  oneOrganisation: { whole: true, title: 'Systems that are one organisation', better: 'higher', beats: 'more systems that are one organisation', format: formatCount },
  systems: { whole: true, title: 'Number of systems', better: 'neither', beats: 'more systems', format: formatCount },
};

/** "more coterminous than 93 % of 10,000 generated plans" (ties count as not beaten). */
export function percentileWords(metric: MetricName, values: ArrayLike<number>, value: number): string {
  const v = METRIC_VIEW[metric];
  const p = percentileOf(values, value);
  if (v.better === 'neither') {
    const pct = (n: number) => (p.count ? Math.round((n / p.count) * 100) : 0);
    return `${v.beats} than ${pct(p.below)} % of ${formatCount(p.count)} generated plans, as many as ${pct(p.equal)} %`;
  }
  const beaten = v.better === 'higher' ? p.below : p.count - p.below - p.equal;
  const share = p.count ? Math.round((beaten / p.count) * 100) : 0;
  return `${v.beats} than ${share} % of ${formatCount(p.count)} generated plans`;
}

const W = 260;
const H = 96;
const M = { top: 6, right: 18, bottom: 22, left: 14 };

/** One metric's histogram with the current scenario's value marked. */
export function histogram(metric: MetricName, values: Float64Array, current: number): SVGSVGElement {
  const view = METRIC_VIEW[metric];
  const lo = Math.min(current, values.reduce((a, b) => Math.min(a, b), Infinity));
  const hi = Math.max(current, values.reduce((a, b) => Math.max(a, b), -Infinity));
  // Whole numbers: bar v spans [v − ½, v + ½), so each count has its own bar centred on its tick.
  const x = view.whole
    ? scaleLinear().domain([lo - 0.5, hi + 0.5]).range([M.left, W - M.right])
    : scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).nice().range([M.left, W - M.right]);
  const [d0, d1] = x.domain();
  const thresholds = view.whole ? range(lo + 0.5, hi + 0.5, 1) : x.ticks(20);
  const ticks = view.whole ? x.ticks(Math.min(5, hi - lo + 1)).filter(Number.isInteger) : x.ticks(5);
  const bins = bin().domain([d0, d1]).thresholds(thresholds)(Array.from(values));
  const y = scaleLinear().domain([0, max(bins, (b) => b.length) ?? 1]).range([H - M.bottom, M.top]);
  const svg = create('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('class', 'gen-hist').attr('role', 'img')
    .attr('aria-label', `${METRIC_VIEW[metric].title}: histogram of ${formatCount(values.length)} generated plans, the current scenario at ${METRIC_VIEW[metric].format(current)}`);
  svg.append('g').selectAll('rect').data(bins).join('rect')
    .attr('class', 'gen-hist-bar')
    .attr('x', (b) => x(b.x0!) + 0.5)
    .attr('width', (b) => Math.max(0, x(b.x1!) - x(b.x0!) - 1))
    .attr('y', (b) => y(b.length))
    .attr('height', (b) => y(0) - y(b.length));
  svg.append('g').attr('transform', `translate(0,${H - M.bottom})`).call(axisBottom(x).tickValues(ticks).tickFormat((d) => METRIC_VIEW[metric].format(Number(d))));
  const mark = svg.append('g').attr('class', 'gen-hist-current').attr('transform', `translate(${x(current)},0)`);
  mark.append('line').attr('y1', M.top - 4).attr('y2', H - M.bottom);
  svg.append('title').text(`Current scenario: ${METRIC_VIEW[metric].format(current)}`);
  return svg.node()!;
}

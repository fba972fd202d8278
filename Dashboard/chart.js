/**
 * Year-by-year charts, drawn as SVG by this module rather than by a charting library: the page
 * has no build step and loads no third-party code, and two kinds of chart are all it needs.
 *
 * Every chart comes with a table of the same figures, so nothing is shown only as a shape:
 * screen reader users, keyboard users, print and anyone copying a figure get the numbers.
 * Each mark carries its year and exact value (`data-year`, `data-value`) and a <title> tooltip.
 *
 * Colours come from classes in styles.css, never from style attributes: the Content-Security-
 * Policy allows no inline styles, and print.css can restyle the marks.
 */

import { h, svg, uniqueId } from './dom.js';
import { shortYear } from './format.js';

const WIDTH = 520;
const HEIGHT = 240;
const MARGIN = { top: 14, right: 12, bottom: 30, left: 58 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/**
 * @typedef {object} Series
 * @property {string} key used in data-series and the CSS class `series-<key>`
 * @property {string} label
 * @property {(number|null)[]} values one per year; null where there is no figure
 * @property {boolean} [dashed] drawn as a dashed line without dots (an average)
 */

/**
 * Stacked bars, one per year: parts that add up to a whole (outcomes of the complaints dealt
 * with).
 * @param {{title: string, description: string, years: string[], stacks: Series[], totalLabel: string,
 *   format: (v: number) => string, highlight?: string}} chart `highlight`: the year shown above,
 *   whose axis label is emphasised
 */
export function stackedBarChart({ title, description, years, stacks, totalLabel, format, highlight }) {
  const totals = years.map((_, i) => stacks.reduce((sum, stack) => sum + (stack.values[i] ?? 0), 0));
  const axis = niceAxis(Math.max(0, ...totals), { integers: true });
  const y = (value) => MARGIN.top + PLOT_HEIGHT - (value / axis.max) * PLOT_HEIGHT;
  const band = PLOT_WIDTH / years.length;
  const barWidth = Math.min(48, band * 0.62);

  const marks = years.map((year, i) => {
    let base = 0;
    const x = MARGIN.left + band * i + (band - barWidth) / 2;
    const parts = stacks.map((stack) => {
      const value = stack.values[i] ?? 0;
      const rect = svg('rect', {
        class: `bar series-${stack.key}`, x: round(x), y: round(y(base + value)), width: round(barWidth),
        height: round(y(base) - y(base + value)), 'data-series': stack.key, 'data-value': value,
      });
      base += value;
      return rect;
    });
    const tip = [`${year}: ${totalLabel} ${format(totals[i])}`, ...stacks.map((s) => `${s.label} ${format(s.values[i] ?? 0)}`)];
    return svg('g', { class: 'mark', 'data-year': year, 'data-value': totals[i] }, svg('title', {}, tip.join('; ')), parts);
  });

  const columns = [...stacks, { key: 'total', label: totalLabel, values: totals }];
  return figure({ title, description, years, axis, format, marks, legend: stacks, columns, highlight });
}

/**
 * Lines across the years, with a dot on every year that has a figure and a gap where one has
 * none (a rate with nothing to divide by).
 * @param {{title: string, description: string, years: string[], series: Series[],
 *   format: (v: number) => string, max?: number, highlight?: string}} chart
 */
export function lineChart({ title, description, years, series, format, max, highlight }) {
  const values = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined);
  const axis = niceAxis(max ?? Math.max(0, ...values));
  const y = (value) => MARGIN.top + PLOT_HEIGHT - (Math.min(value, axis.max) / axis.max) * PLOT_HEIGHT;
  const band = PLOT_WIDTH / years.length;
  const x = (i) => MARGIN.left + band * i + band / 2;

  const marks = series.map((s) => {
    const segments = [];
    let current = [];
    s.values.forEach((value, i) => {
      if (value === null || value === undefined) {
        if (current.length) segments.push(current);
        current = [];
      } else {
        current.push(`${round(x(i))},${round(y(value))}`);
      }
    });
    if (current.length) segments.push(current);
    const lines = segments.map((points) =>
      points.length > 1 ? svg('polyline', { class: `line series-${s.key}${s.dashed ? ' dashed' : ''}`, points: points.join(' ') }) : null);
    const dots = s.values.map((value, i) =>
      value === null || value === undefined
        ? null
        : svg('circle', {
          class: `dot series-${s.key}`, cx: round(x(i)), cy: round(y(value)),
          r: s.dashed ? 3 : 4.5, 'data-series': s.key, 'data-year': years[i], 'data-value': value,
        }, svg('title', {}, `${years[i]}: ${s.label} ${format(value)}`)));
    return svg('g', { class: 'series', 'data-series': s.key }, lines, dots);
  });

  return figure({ title, description, years, axis, format, marks, legend: series, columns: series, highlight });
}

/** The frame both kinds share: axes, gridlines, legend, and the table of the same figures. */
function figure({ title, description, years, axis, format, marks, legend, columns, highlight }) {
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const band = PLOT_WIDTH / years.length;
  const label = (year) => (years.length > 5 ? shortYear(year) : year);

  const grid = axis.ticks.map((tick) => {
    const ty = round(MARGIN.top + PLOT_HEIGHT - (tick / axis.max) * PLOT_HEIGHT);
    return svg('g', { class: 'tick' },
      svg('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: ty, y2: ty }),
      svg('text', { class: 'axis-label', x: MARGIN.left - 6, y: ty, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, format(tick)));
  });
  const xLabels = years.map((year, i) =>
    svg('text', {
      class: `axis-label${year === highlight ? ' current' : ''}`, x: round(MARGIN.left + band * i + band / 2), y: HEIGHT - 10,
      'text-anchor': 'middle',
    }, label(year)));

  const chart = svg('svg', {
    class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    preserveAspectRatio: 'xMidYMid meet',
  },
  svg('title', { id: titleId }, title),
  svg('desc', { id: descId }, description),
  grid,
  svg('line', { class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: MARGIN.top + PLOT_HEIGHT, y2: MARGIN.top + PLOT_HEIGHT }),
  xLabels,
  marks);

  return h('figure', { class: 'chart-figure' },
    h('figcaption', { class: 'chart-title' }, title),
    h('ul', { class: 'legend', 'aria-hidden': 'true' },
      legend.map((s) => h('li', {}, h('span', { class: `swatch series-${s.key}${s.dashed ? ' dashed' : ''}` }), s.label))),
    chart,
    h('details', { class: 'chart-table' },
      h('summary', {}, 'Show these figures as a table'),
      figuresTable({ title, years, columns, format })));
}

/** The chart's figures as a table: a row per year, a column per series. */
function figuresTable({ title, years, columns, format }) {
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'figures' },
      h('caption', {}, title),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Year'), columns.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)))),
      h('tbody', {}, years.map((year, i) =>
        h('tr', {}, h('th', { scope: 'row' }, year), columns.map((c) => {
          const value = c.values[i];
          return h('td', { class: 'num' }, value === null || value === undefined ? 'none' : format(value));
        }))))));
}

/**
 * An axis from 0 to a round number at or above `max`, in at most four round steps (1, 2, 2.5 or
 * 5 times a power of ten; whole numbers only for counts).
 */
function niceAxis(max, { integers = false } = {}) {
  const top = max > 0 ? max : 1;
  const rough = top / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiples = integers ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const candidates = multiples.map((m) => m * power).filter((s) => !integers || Number.isInteger(s));
  const step = candidates.find((s) => s >= rough) ?? Math.max(1, Math.ceil(rough));
  const ticks = [];
  for (let i = 0; i <= 5 && (ticks.at(-1) ?? -1) < top - 1e-9; i += 1) ticks.push(round(step * i, 6));
  return { max: ticks.at(-1), ticks };
}

function round(value, digits = 1) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * "Year by year": the council's figures for every year on record, each beside the chosen
 * average — what the published page, which shows one year at a time, cannot. The charts are
 * drawn by chart.js and each carries a table of the same figures.
 */

import { AVERAGE_LABELS, AVERAGE_PHRASES, averageOf } from './averages.js';
import { lineChart, stackedBarChart } from './chart.js';
import { h } from './dom.js';
import { count, percent, perHundredThousand } from './format.js';
import { csvLink, demoTag } from './views.js';

/**
 * @param {object} history the answer of GET /v1/councils/{council}/statistics/history
 * @param {'published'|'mean'|'pooled'} kind the average to draw beside the council's figures
 * @param {{decisionsDemo: boolean, csvHref: string, year: string|null, councilName: string}} options
 */
export function historySection(history, kind, { decisionsDemo, csvHref, year, councilName }) {
  const items = history.items;
  const years = items.map((item) => item.year);
  const span = years.length === 1 ? years[0] : `${years[0]} to ${years.at(-1)}`;
  const averageLabel = AVERAGE_LABELS[kind];
  const averagePhrase = AVERAGE_PHRASES[kind];
  const publishedDemo = kind === 'published' && items.some((item) => item.comparison.published?.demo);

  /** A rate of the council's beside the same rate's average, year by year. */
  const rateChart = (title, metric, value, format, max) => lineChart({
    title,
    description: `${title} of ${councilName} each year, ${span}, beside ${averagePhrase}.`,
    years,
    highlight: year,
    format,
    max,
    series: [
      { key: 'council', label: history.council.name, values: items.map(value) },
      { key: 'average', label: averageLabel, values: items.map((item) => averageOf(item.comparison, kind, metric).value), dashed: true },
    ],
  });

  const charts = [
    stackedBarChart({
      title: 'Complaints dealt with, by outcome',
      description: `The complaints about ${councilName} the Ombudsman dealt with each year, ${span}, split by how they were dealt with.`,
      years,
      highlight: year,
      format: count,
      totalLabel: 'Dealt with',
      stacks: [
        { key: 'investigated', label: 'Investigated', values: items.map((item) => item.complaints.investigated) },
        { key: 'assessed', label: 'Assessed and closed', values: items.map((item) => item.complaints.assessed_and_closed) },
        { key: 'not-for-us', label: 'Not for us', values: items.map((item) => item.complaints.not_for_us) },
      ],
    }),
    rateChart('Upheld rate', 'upheld_rate', (item) => item.upheld.rate, percent, 1),
    rateChart('Upheld decisions per 100,000 residents', 'upheld_per_100k', (item) => item.upheld.per_100k, perHundredThousand),
    rateChart('Satisfactory remedy rate', 'remedy_rate', (item) => item.remedy.rate, percent, 1),
    rateChart('Compliance rate', 'compliance_rate', (item) => item.compliance.rate, percent, 1),
  ];
  charts.forEach((chart, i) => chart.setAttribute('data-chart', ['outcomes', 'upheld_rate', 'upheld_per_100k', 'remedy_rate', 'compliance_rate'][i]));

  return h('section', { class: 'panel', id: 'history', 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, 'Year by year'),
    h('p', {}, `Every year with decisions about ${councilName} on record (${span}). The dashed line is ${averagePhrase} of councils of the same type; choose another under “Compare with”.`),
    decisionsDemo || publishedDemo
      ? h('p', { class: 'demo-note' }, demoTag('Demo data'), decisionsDemo
        ? ' These figures are computed from invented demonstration decisions.'
        : ' Some of the published averages drawn here are invented demonstration figures.')
      : null,
    h('div', { class: 'charts' }, charts),
    h('p', { class: 'downloads' }, csvLink(csvHref, 'Figures year by year as CSV')));
}

/**
 * Which average a council's figures are compared with. The Ombudsman publishes one per council
 * type and year; the API computes two more from the decisions on record, which answer different
 * questions: the mean of the councils' rates counts every council alike, however few its cases;
 * the pooled figure (the group's totals divided) weighs each by its caseload. The page always
 * says which is shown and how many councils it counts.
 */

import { typeGroupName } from './format.js';

export const AVERAGE_LABELS = {
  published: "Ombudsman's published average",
  mean: "Mean of councils' rates",
  pooled: 'Pooled group totals',
};

/** The same, inside a sentence. */
export const AVERAGE_PHRASES = {
  published: "the Ombudsman's published average",
  mean: "the mean of the councils' rates",
  pooled: 'the pooled totals of the councils',
};

/**
 * The chosen average of one metric.
 * @param {object} comparison an Overview's `comparison` or a LeagueTable's `averages`
 * @param {'published'|'mean'|'pooled'} kind
 * @param {'upheld_rate'|'upheld_per_100k'|'remedy_rate'|'compliance_rate'} metric
 * @returns {{value: number|null, demo: boolean, councils: number|null}} `councils`: how many
 *   councils the figure averages; null for the published one, which the Ombudsman computes over
 *   all councils of the type (the API does not know how many).
 */
export function averageOf(comparison, kind, metric) {
  if (kind === 'published') {
    return { value: comparison.published?.[metric] ?? null, demo: Boolean(comparison.published?.demo), councils: null };
  }
  const averages = comparison.computed[kind];
  return { value: averages[metric], demo: false, councils: averages.counted[metric] };
}

/**
 * Where an average comes from, to follow the figure in running text:
 * "the Ombudsman's published average for Metropolitan Boroughs, 2024-25".
 */
export function averageSource(comparison, kind, metric, year) {
  const group = typeGroupName(comparison.council_type);
  if (kind === 'published') return `the Ombudsman's published average for ${group}, ${year}`;
  const councils = comparison.computed[kind].counted[metric];
  const many = councils === 1 ? 'council' : 'councils';
  return kind === 'mean'
    ? `the mean of ${councils} ${many}' own rates, computed from the decisions on record`
    : `the totals of ${councils} ${many} pooled, computed from the decisions on record`;
}

/**
 * The method of each kind of average in words, for the switch: the API's own description of its
 * computed averages, and the number of councils each counts.
 */
export function methodDescription(comparison, kind) {
  const group = typeGroupName(comparison.council_type);
  if (kind === 'published') {
    return comparison.published
      ? `The figure the Ombudsman published for all ${group}.`
      : `The Ombudsman published no average for ${group} this year.`;
  }
  const councils = comparison.computed[kind].councils;
  return `${capitalise(comparison.methods[kind])}; ${councils} ${councils === 1 ? 'council' : 'councils'} with decisions on record.`;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The view's state lives in the URL query (`/?council=knowsley&year=2024-25`), so that a view can
 * be bookmarked and shared and back and forward move between views. Defaults are left out of the
 * URL, so links stay short.
 */

import { isReportingYear } from './format.js';

/** The league table's sort orders the API knows (GET /v1/statistics?sort=). */
export const SORT_KEYS = [
  'dealt_with', 'not_for_us', 'assessed_and_closed', 'investigated', 'upheld', 'not_upheld',
  'remedy_count', 'complied', 'upheld_rate', 'upheld_per_100k', 'remedy_rate', 'compliance_rate',
];

/** Which average the figures are compared with; see averages.js. */
export const AVERAGE_KINDS = ['published', 'mean', 'pooled'];

/** Which day the reports and service improvements are listed as of; see main.js. */
export const LIST_DATES = ['year-end', 'today'];

const DEFAULTS = { average: 'published', sort: '-upheld_rate', lists: 'year-end' };

/**
 * @typedef {object} ViewState
 * @property {string|null} council council id or GSS code, as the user or a link gave it
 * @property {string|null} year reporting year such as "2024-25"; null means the latest on record
 * @property {'published'|'mean'|'pooled'} average
 * @property {string} sort league table order, e.g. "-upheld_rate"
 * @property {'year-end'|'today'} lists
 * @property {string|null} api the API's base URL when it is on another origin (`?api=https://…`),
 *   null for this page's own origin
 */

/**
 * The state of a query string; an invalid value gives the default, so a mistyped link still shows
 * a page.
 * @returns {ViewState}
 */
export function readState(search = window.location.search) {
  const query = new URLSearchParams(search);
  const pick = (name, allowed) => (allowed.includes(query.get(name)) ? query.get(name) : DEFAULTS[name]);
  const sort = query.get('sort') ?? '';
  return {
    council: query.get('council')?.trim() || null,
    year: isReportingYear(query.get('year')) ? query.get('year') : null,
    average: pick('average', AVERAGE_KINDS),
    sort: SORT_KEYS.includes(sort.replace(/^-/, '')) ? sort : DEFAULTS.sort,
    lists: pick('lists', LIST_DATES),
    api: apiOrigin(query.get('api')),
  };
}

/**
 * The URL of a state, on the page's own path.
 * @param {ViewState} state
 */
export function stateURL(state) {
  const query = new URLSearchParams();
  if (state.api) query.set('api', state.api);
  if (state.council) query.set('council', state.council);
  if (state.year) query.set('year', state.year);
  for (const name of ['average', 'sort', 'lists']) {
    if (state[name] !== DEFAULTS[name]) query.set(name, state[name]);
  }
  const text = query.toString();
  return `${window.location.pathname}${text ? `?${text}` : ''}`;
}

/**
 * `?api=`: the API when these files are hosted elsewhere. Only http(s), optionally with a path
 * prefix (`https://example.org/council-api`); query and fragment are dropped.
 */
function apiOrigin(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

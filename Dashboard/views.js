/**
 * The sections of the Ombudsman's published council page, rebuilt from the API's answers:
 * complaint overview, complaints upheld, satisfactory remedies, compliance, annual letters and
 * reports. Each function takes data and returns elements; none fetches or keeps state, so a
 * section can be redrawn at any time (another average chosen) from the data already loaded.
 *
 * The wording follows the published page, so that a reader can put the two side by side;
 * figures carry `data-figure` so the browser test can read them without parsing prose.
 */

import { averageOf, averageSource } from './averages.js';
import { h } from './dom.js';
import { count, date, percent, perHundredThousand, plural, typeName } from './format.js';

/** The visible word for invented demonstration data. */
export function demoTag(what = 'Demo') {
  return h('span', { class: 'demo-tag' }, what);
}

/** An address from the API as a link target: only http(s), whatever was stored. */
function safeHref(url) {
  return /^https?:\/\//i.test(url ?? '') ? url : null;
}

/** A title, as a link when there is a page to go to. */
function titleLink(url, title) {
  const href = safeHref(url);
  return href ? h('a', { href, rel: 'noreferrer' }, title) : title;
}

/** A link to the CSV form of a view. */
export function csvLink(href, label) {
  // `download` saves the file rather than opening it; a cross-origin API's own
  // Content-Disposition names it then (the attribute only counts on the same origin).
  return h('a', { class: 'csv-link', href, download: '' }, h('span', { 'aria-hidden': 'true' }, '⤓ '), label);
}

/** The page's main heading: the council and the year shown. */
export function councilHeading(council, year, item, decisionsDemo) {
  return h('div', { class: 'page-heading' },
    h('h1', { id: 'council-name', tabindex: '-1' }, council.name),
    h('p', { class: 'lead' },
      `A ${typeName(council.type)}. `,
      year ? h('span', {}, 'Figures for ', h('strong', { 'data-figure': 'year' }, year)) : 'No year with decisions on record',
      item ? ` (${date(item.period.start)} to ${date(item.period.end)}).` : '.'),
    decisionsDemo
      ? h('p', { class: 'demo-note' }, demoTag('Demo data'), ' The decisions behind these figures are invented demonstration data, not the Ombudsman’s records.')
      : null);
}

const DEFINITIONS = [
  ['Complaints dealt with', 'the total number of complaints and enquiries considered. It is not appropriate to investigate all of them.'],
  ['Not for us', 'includes complaints brought to us before the council was given chance to consider it, or the complainant came to the wrong Ombudsman.'],
  ['Assessed and closed', 'includes complaints where the law says we’re not allowed to investigate, or it would be a poor use of public funds if we did.'],
  ['Investigated', 'we completed an investigation and made a decision on whether we found fault, or no fault.'],
  ['Complaints upheld', 'we completed an investigation and found evidence of fault, or the organisation provided a suitable remedy early on.'],
  ['Satisfactory remedies provided by the Council', 'the council upheld the complaint and we agreed with how it offered to put things right.'],
  ['Compliance with Ombudsman recommendations', 'not complying with our recommendations is rare. A council with a compliance rate below 100% should scrutinise the complaints where it failed to comply and identify any learning.'],
  ['Average performance rates', 'we compare the annual statistics of similar types of councils to work out an average level of performance. We do this for County Councils, District Councils, Metropolitan Boroughs, Unitary Councils, and London Boroughs.'],
];

/** Complaint overview: the four counts, in a sentence and as figures, with their definitions. */
export function overviewSection(item, csvHref) {
  const c = item.complaints;
  const tile = (key, label) => h('div', { class: 'tile' }, h('dt', {}, label), h('dd', { 'data-figure': key }, count(c[key])));
  return h('section', { class: 'panel', id: 'overview', 'aria-labelledby': 'overview-heading' },
    h('h2', { id: 'overview-heading' }, 'Complaint overview'),
    h('p', {},
      `Between ${date(item.period.start)} and ${date(item.period.end)}, we dealt with ${plural(c.dealt_with, 'complaint', 'complaints')}. `,
      `Of these, ${count(c.not_for_us)} ${c.not_for_us === 1 ? 'was' : 'were'} not for us or not ready for us to investigate. `,
      `We assessed and closed ${plural(c.assessed_and_closed, 'complaint', 'complaints')}. `,
      `We investigated ${plural(c.investigated, 'complaint', 'complaints')}.`),
    h('dl', { class: 'tiles' },
      tile('dealt_with', 'Complaints dealt with'),
      tile('not_for_us', 'Not for us'),
      tile('assessed_and_closed', 'Assessed and closed'),
      tile('investigated', 'Investigated')),
    h('details', { class: 'more' },
      h('summary', {}, 'More about this data'),
      h('dl', { class: 'definitions' }, DEFINITIONS.map(([term, text]) => h('div', {}, h('dt', {}, term), h('dd', {}, text)))),
      h('p', {}, 'For more on understanding these statistics, see “Interpreting our complaints data” on ',
        h('a', { href: 'https://www.lgo.org.uk/', rel: 'noreferrer' }, 'the Ombudsman’s website'), '.')),
    h('p', { class: 'downloads' }, csvLink(csvHref, `These figures as CSV (${item.year})`)));
}

/**
 * "This compares to an average of 81% in similar authorities", with where that average comes
 * from, or why there is none.
 */
function comparisonSentence(item, kind, metric, format, decisionsDemo, { prefix = 'This compares to an average of ', suffix = ' in similar authorities.' } = {}) {
  const average = averageOf(item.comparison, kind, metric);
  if (average.value === null) {
    return h('p', { class: 'comparison' }, kind === 'published'
      ? `The Ombudsman published no average of this figure for ${item.year}; choose a computed average under “Compare with”.`
      : 'No council of this type has this figure this year, so there is no average to compare with.');
  }
  const demo = kind === 'published' ? average.demo : decisionsDemo;
  return h('p', { class: 'comparison' },
    prefix, h('strong', { 'data-figure': `average_${metric}` }, format(average.value)), suffix,
    h('span', { class: 'source' }, ` (${averageSource(item.comparison, kind, metric, item.year)})`),
    demo ? [' ', demoTag()] : null);
}

/** Complaints upheld: the count, the rate and the rate per 100,000 residents, each against the chosen average. */
export function upheldSection(item, council, kind, decisionsDemo) {
  const u = item.upheld;
  const investigated = item.complaints.investigated;
  const body = investigated === 0
    ? [h('p', {}, `We did not investigate any complaints in ${item.year}, so there is no upheld rate.`)]
    : [
      h('p', {}, `We investigated ${plural(investigated, 'complaint', 'complaints')} and upheld `, h('strong', { 'data-figure': 'upheld' }, count(u.count)), '.'),
      h('p', { class: 'headline' }, h('strong', { 'data-figure': 'upheld_rate' }, percent(u.rate)), ' of complaints we investigated were upheld.'),
      smallNumbersNote(u.small_numbers, 'upheld_rate', plural(investigated, 'investigation', 'investigations')),
      comparisonSentence(item, kind, 'upheld_rate', percent, decisionsDemo),
    ];
  const perResidents = u.per_100k === null
    ? h('p', {}, `No population is on record for ${council.name}, so there is no figure per 100,000 residents.`)
    : [
      h('p', {}, `Adjusted for ${council.name}’s population, this is `,
        h('strong', { 'data-figure': 'upheld_per_100k' }, perHundredThousand(u.per_100k)), ' upheld decisions per 100,000 residents.'),
      h('p', { class: 'source' }, `Population ${count(u.population)}, the ${u.population_year} estimate (source: ${u.population_source}).`),
      comparisonSentence(item, kind, 'upheld_per_100k', perHundredThousand, decisionsDemo,
        { prefix: 'The average for authorities of this type is ', suffix: ' upheld decisions per 100,000 residents.' }),
    ];
  return card('upheld', 'Complaints upheld', body, perResidents);
}

/** Satisfactory remedies provided by the council before the complaint reached the Ombudsman. */
export function remedySection(item, kind, decisionsDemo) {
  const upheld = item.upheld.count;
  const body = upheld === 0
    ? [h('p', {}, `We upheld no complaints in ${item.year}, so there is no satisfactory remedy rate.`)]
    : [
      h('p', {}, 'In ', h('strong', { 'data-figure': 'remedy_count' }, count(item.remedy.count)), ` out of ${plural(upheld, 'upheld case', 'upheld cases')} we found the Council had provided a satisfactory remedy before the complaint reached the Ombudsman.`),
      h('p', { class: 'headline' }, h('strong', { 'data-figure': 'remedy_rate' }, percent(item.remedy.rate)), ' satisfactory remedy rate.'),
      smallNumbersNote(item.remedy.small_numbers, 'remedy_rate', plural(upheld, 'upheld case', 'upheld cases')),
      comparisonSentence(item, kind, 'remedy_rate', percent, decisionsDemo),
    ];
  return card('remedy', 'Satisfactory remedies provided by the Council', body);
}

/** Compliance with the Ombudsman's recommendations. */
export function complianceSection(item, kind, decisionsDemo) {
  const { recorded, count: complied, rate } = item.compliance;
  const body = recorded === 0
    ? [h('p', {}, `We recorded no compliance outcomes in ${item.year}, so there is no compliance rate.`)]
    : [
      h('p', {}, 'We recorded compliance outcomes in ', h('strong', { 'data-figure': 'compliance_recorded' }, count(recorded)), ` ${recorded === 1 ? 'case' : 'cases'}.`),
      h('p', {}, 'In ', h('strong', { 'data-figure': 'complied' }, count(complied)), ` ${complied === 1 ? 'case' : 'cases'} we were satisfied with the actions taken.`),
      h('p', { class: 'headline' }, h('strong', { 'data-figure': 'compliance_rate' }, percent(rate)), ' compliance rate with recommendations.'),
      smallNumbersNote(item.compliance.small_numbers, 'compliance_rate', plural(recorded, 'recorded case', 'recorded cases')),
      comparisonSentence(item, kind, 'compliance_rate', percent, decisionsDemo),
    ];
  return card('compliance', 'Compliance with Ombudsman recommendations', body);
}

/** The API flags a rate resting on fewer cases than its threshold; say so beside the rate. */
function smallNumbersNote(flagged, metric, cases) {
  return flagged
    ? h('p', { class: 'caution', 'data-small-numbers': metric }, `This rate rests on only ${cases}: small numbers, compare with care.`)
    : null;
}

function card(id, title, ...content) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), content);
}

/** Shown instead of the figures when the council has no decisions in the year asked for. */
export function noDecisionsNotice(council, year, years, yearLink) {
  return h('section', { class: 'notice', id: 'overview', role: 'note', 'aria-labelledby': 'overview-heading' },
    h('h2', { id: 'overview-heading' }, year ? `No decisions in ${year}` : 'No decisions on record'),
    h('p', {}, year
      ? `The Ombudsman has no decisions about ${council.name} on record for ${year}, so there are no figures for that year.`
      : `The Ombudsman has no decisions about ${council.name} on record, so there are no figures to show.`),
    years.length
      ? h('p', {}, 'Years with decisions: ', years.map((y, i) => [i ? ', ' : '', h('a', { href: yearLink(y), 'data-nav': '' }, y)]), '.')
      : null);
}

/** Annual letters: the Ombudsman's yearly summary to the council. */
export function lettersSection(page, csvHref) {
  const letters = page.items;
  return h('section', { class: 'panel', id: 'letters', 'aria-labelledby': 'letters-heading' },
    h('h2', { id: 'letters-heading' }, 'Annual letters'),
    h('p', {}, 'We write to councils each year to give a summary of the complaint statistics we record about them, and their performance in responding to our investigations.'),
    letters.length
      ? h('ul', { class: 'records' }, letters.map((letter) => h('li', {},
        h('h3', {}, titleLink(letter.url, `Annual letter ${letter.year}`), letter.demo ? [' ', demoTag()] : null),
        h('p', { class: 'source' }, `Published ${date(letter.published)}`),
        letter.text ? h('p', {}, letter.text) : null)))
      : h('p', { class: 'empty' }, 'No annual letters are on record for this council.'),
    h('p', { class: 'downloads' }, csvLink(csvHref, 'Annual letters as CSV')));
}

/** Reports published about the council within the ten years before `asOf`. */
export function reportsSection(page, councilName, asOf, csvHref) {
  const reports = page.items;
  return h('section', { class: 'panel', id: 'reports', 'aria-labelledby': 'reports-heading' },
    h('h2', { id: 'reports-heading' }, 'Reports'),
    h('p', {}, `The Ombudsman has published the following reports against ${councilName}`, h('span', { class: 'source' }, ` (as published on ${date(asOf)})`), '.'),
    h('details', { class: 'more' },
      h('summary', {}, 'Find out more about reports'),
      h('p', {}, 'We issue reports on certain investigations, particularly where there is a wider public interest to do so. Common reasons for reports are significant injustice, systemic issues, major learning points and non-compliance with our recommendations. Issuing reports is one way we help to ensure councils are accountable to local people and highlighting the learning from complaints helps to improve services for everybody. Reports are published for 10 years.')),
    reports.length
      ? h('ul', { class: 'records' }, reports.map((report) => h('li', { 'data-report': report.id },
        h('h3', {}, titleLink(report.url, report.title), report.demo ? [' ', demoTag()] : null),
        h('p', {}, report.summary),
        h('p', { class: 'source' }, `Published ${date(report.published)}`, report.reference ? `, case reference ${report.reference}` : ''))))
      : h('p', { class: 'empty' }, `No reports about ${councilName} were published in the ten years before ${date(asOf)}.`),
    h('p', { class: 'downloads' }, csvLink(csvHref, 'Reports as CSV')));
}

/** A section whose request failed: says so in place, so the rest of the page still stands. */
export function sectionError(id, title, error) {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, title),
    h('p', { class: 'error-text', role: 'alert' }, `This section could not be loaded: ${error.message}`));
}

/** A section still waiting for its answer. */
export function sectionLoading(id, title) {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-heading`, 'aria-busy': 'true' },
    h('h2', { id: `${id}-heading` }, title),
    h('p', { class: 'loading' }, 'Loading…'));
}

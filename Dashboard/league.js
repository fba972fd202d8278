/**
 * The league table: every council of one type for one year, ranked by one figure, which the
 * published page (one council at a time) cannot show. Sortable by each figure (the API sorts,
 * so the order holds across pages), ten to a page, the council shown above highlighted.
 */

import { AVERAGE_LABELS, averageOf } from './averages.js';
import { h, fill } from './dom.js';
import { count, percent, perHundredThousand, typeGroupName } from './format.js';
import { PAGE_SIZE, createPaging, pageRange, pagerNav } from './paging.js';
import { csvLink, demoTag } from './views.js';

/** The table's figures: each column's key is one of the API's sort keys. */
const COLUMNS = [
  { key: 'dealt_with', label: 'Dealt with', value: (row) => row.complaints.dealt_with, format: count },
  { key: 'not_for_us', label: 'Not for us', value: (row) => row.complaints.not_for_us, format: count },
  { key: 'assessed_and_closed', label: 'Assessed and closed', value: (row) => row.complaints.assessed_and_closed, format: count },
  { key: 'investigated', label: 'Investigated', value: (row) => row.complaints.investigated, format: count },
  { key: 'upheld', label: 'Upheld', value: (row) => row.upheld.count, format: count },
  { key: 'upheld_rate', label: 'Upheld rate', value: (row) => row.upheld.rate, format: percent, average: true },
  { key: 'upheld_per_100k', label: 'Upheld per 100,000 residents', value: (row) => row.upheld.per_100k, format: perHundredThousand, average: true },
  { key: 'remedy_rate', label: 'Satisfactory remedy rate', value: (row) => row.remedy.rate, format: percent, average: true },
  { key: 'compliance_rate', label: 'Compliance rate', value: (row) => row.compliance.rate, format: percent, average: true },
];

/**
 * @param {{api: object, onSort: (sort: string) => void, councilLink: (id: string) => string}} options
 *   onSort: the reader chose an order (it goes into the URL, which then calls show);
 *   councilLink: the page of another council, same year and settings.
 */
export function createLeagueTable({ api, onSort, councilLink }) {
  const heading = h('h2', { id: 'league-heading' }, 'League table');
  // Says what a sort or a new page shows; the visible summary says the same.
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const body = h('div');
  const element = h('section', { class: 'panel', id: 'league', 'aria-labelledby': 'league-heading' },
    heading,
    h('p', {}, 'Every council of the same type with decisions on record for the year. Choose a column heading to sort by it; choose it again to reverse the order.'),
    status,
    body);

  let view = null;
  let shown = null; // the page on screen: [data, page]
  let focusAfter = null;
  const paging = createPaging({
    section: element, body, what: 'league table',
    fetchPage: (cursor, signal) => api.leagueTable({ ...view, cursor }, { signal }),
    render: (data, page) => {
      shown = [data, page];
      render(data, page);
    },
  });

  /**
   * Shows the table of a view; another type, year or order starts again at the first page.
   * @param {{type: string, year: string, sort: string, council: string, average: string, decisionsDemo: boolean}} next
   */
  function show(next) {
    const restart = !view || view.type !== next.type || view.year !== next.year || view.sort !== next.sort;
    view = next;
    fill(heading, `League table: ${typeGroupName(next.type)}, ${next.year}`);
    if (restart) paging.restart();
    else if (shown) render(...shown);
  }

  function sortBy(key) {
    focusAfter = `sort-${key}`;
    onSort(view.sort === `-${key}` ? key : `-${key}`);
  }

  function turn(step) {
    focusAfter = step > 0 ? 'next' : 'previous';
    paging.turn(step);
  }

  function render(data, page) {
    const sortKey = view.sort.replace(/^-/, '');
    const descending = view.sort.startsWith('-');
    const order = `${COLUMNS.find((c) => c.key === sortKey)?.label.toLowerCase() ?? sortKey}, ${descending ? 'highest' : 'lowest'} first`;
    if (!data.items.length) {
      fill(status, '');
      fill(body, h('p', { class: 'empty' }, `No ${typeGroupName(view.type)} have decisions on record for ${view.year}.`));
      return;
    }
    const range = `${pageRange('Councils', page, data.items.length)} of ${count(data.averages.group_size)}`;
    const summary = `${typeGroupName(view.type)}, ${view.year}: ${range.toLowerCase()}, by ${order}`;
    fill(status, summary);

    const headerCell = (c) => {
      const sorted = c.key === sortKey;
      return h('th', { scope: 'col', class: 'num', 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : null },
        h('button', { type: 'button', class: 'sort', 'data-focus': `sort-${c.key}`, 'data-sort': c.key, onclick: () => sortBy(c.key) },
          c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (descending ? ' ▼' : ' ▲') : ' ↕')));
    };
    const rows = data.items.map((row, i) => {
      const current = row.council.id === view.council;
      return h('tr', { class: current ? 'current' : null, 'aria-current': current ? 'true' : null, 'data-council': row.council.id },
        h('td', { class: 'num rank' }, count(page * PAGE_SIZE + i + 1)),
        h('th', { scope: 'row' }, current
          ? [row.council.name, h('span', { class: 'current-tag' }, 'shown above')]
          : h('a', { href: councilLink(row.council.id), 'data-nav': '' }, row.council.name)),
        COLUMNS.map((c) => h('td', { class: 'num', 'data-key': c.key }, c.value(row) === null ? '–' : c.format(c.value(row)))));
    });
    const averages = h('tr', {},
      h('td'),
      h('th', { scope: 'row' }, AVERAGE_LABELS[view.average], averageNote(data.averages, view)),
      COLUMNS.map((c) => {
        const average = c.average ? averageOf(data.averages, view.average, c.key).value : null;
        return h('td', { class: 'num' }, c.average ? (average === null ? '–' : c.format(average)) : '');
      }));

    fill(body,
      // Above the box that scrolls sideways, so it never scrolls out of sight; the caption says
      // the same to screen readers.
      h('p', { class: 'table-summary', 'aria-hidden': 'true' }, summary),
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'League table, scrolls sideways', tabindex: '0' },
        h('table', { class: 'league-table' },
          h('caption', { class: 'visually-hidden' }, summary),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Rank'), h('th', { scope: 'col' }, 'Council'), COLUMNS.map(headerCell))),
          h('tbody', {}, rows),
          h('tfoot', {}, averages))),
      pagerNav({ label: 'League table pages', page, hasNext: Boolean(data.next_cursor), range, turn, previous: '← Previous 10', next: 'Next 10 →' }),
      h('p', { class: 'downloads' }, csvLink(api.csv.leagueTable(view), 'League table as CSV (this order, up to 100 councils)')));

    // Redrawing replaced the button that was used: give focus to its successor.
    if (focusAfter) {
      const target = body.querySelector(`[data-focus="${focusAfter}"]:not([disabled])`) ?? body.querySelector('.pager button:not([disabled])');
      focusAfter = null;
      target?.focus();
    }
  }

  return { element, show };
}

/** Which average the footer row shows, and how many councils it counts. */
function averageNote(averages, view) {
  if (view.average === 'published') {
    return h('span', { class: 'source' }, averages.published ? ' (published by the Ombudsman)' : ' (none published for this year)',
      averages.published?.demo ? [' ', demoTag()] : null);
  }
  const councils = averages.computed[view.average].councils;
  return h('span', { class: 'source' }, ` (${councils} ${councils === 1 ? 'council' : 'councils'})`, view.decisionsDemo ? [' ', demoTag()] : null);
}

/**
 * The league table: every council of one type for one year, ranked by one figure — which the
 * published page, one council at a time, cannot show. Sortable by each figure (the API sorts, so
 * the order is the same however many pages there are), paged ten at a time by the API's
 * cursors, with the council shown above highlighted wherever it appears.
 *
 * The API's cursors only go forward, so the cursors of the pages seen are kept to go back.
 */

import { AVERAGE_LABELS, averageOf } from './averages.js';
import { h, fill } from './dom.js';
import { count, percent, perHundredThousand, typeGroupName } from './format.js';
import { csvLink, demoTag } from './views.js';

/** The table's figures: each column is one of the API's sort keys. */
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

const PAGE_SIZE = 10;

/**
 * @param {{api: ReturnType<import('./api.js').createApi>, onSort: (sort: string) => void, councilLink: (id: string) => string}} options
 *   onSort: called when the reader sorts, so the order can go into the URL; councilLink: the
 *   page URL of another council (same year and settings).
 */
export function createLeagueTable({ api, onSort, councilLink }) {
  const heading = h('h2', { id: 'league-heading' }, 'League table');
  // Says what a sort or a new page shows; the caption shows the same, so this is only heard.
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'league-body' });
  const element = h('section', { class: 'panel', id: 'league', 'aria-labelledby': 'league-heading' },
    heading,
    h('p', {}, 'Every council of the same type that has decisions on record for the year. Choose a column heading to sort by it; choose it again to reverse the order.'),
    status,
    body);

  let view = null;
  let cursors = [null];
  let page = 0;
  let data = null;
  let controller = null;
  let focusAfterRender = null;

  /**
   * Shows the table for a view; a new type, year or sort starts again from the first page.
   * @param {{type: string, year: string, sort: string, council: string, average: string, decisionsDemo: boolean}} next
   */
  function show(next) {
    const restart = !view || view.type !== next.type || view.year !== next.year || view.sort !== next.sort;
    view = next;
    fill(heading, `League table: ${typeGroupName(next.type)}, ${next.year}`);
    if (restart) {
      cursors = [null];
      page = 0;
      load();
    } else if (data) {
      render();
    }
  }

  async function load() {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    element.setAttribute('aria-busy', 'true');
    fill(status, 'Loading the league table…');
    try {
      data = await api.leagueTable({ ...view, cursor: cursors[page] }, { signal });
    } catch (error) {
      if (error.name === 'AbortError') return;
      element.removeAttribute('aria-busy');
      data = null;
      fill(status, '');
      fill(body, h('p', { class: 'error-text', role: 'alert' }, `The league table could not be loaded: ${error.message}`));
      return;
    }
    cursors[page + 1] = data.next_cursor;
    element.removeAttribute('aria-busy');
    render();
  }

  function sortBy(key) {
    const descending = `-${key}`;
    const sort = view.sort === descending ? key : descending;
    focusAfterRender = `sort-${key}`;
    onSort(sort);
  }

  function turn(step) {
    page += step;
    focusAfterRender = step > 0 ? 'next' : 'previous';
    load();
  }

  function render() {
    const sortKey = view.sort.replace(/^-/, '');
    const descending = view.sort.startsWith('-');
    const column = COLUMNS.find((c) => c.key === sortKey);
    const total = data.averages.group_size;
    const first = page * PAGE_SIZE + 1;
    const last = page * PAGE_SIZE + data.items.length;
    const range = data.items.length ? `Councils ${first} to ${last} of ${total}` : 'No councils';
    fill(status, data.items.length ? `${range}, by ${column?.label.toLowerCase() ?? sortKey}, ${descending ? 'highest' : 'lowest'} first.` : '');

    if (!data.items.length) {
      fill(body, h('p', { class: 'empty' }, `No ${typeGroupName(view.type)} have decisions on record for ${view.year}.`));
      return;
    }

    const headerCell = (c) => {
      const sorted = c.key === sortKey;
      return h('th', { scope: 'col', class: 'num', 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : null },
        h('button', { type: 'button', class: 'sort', 'data-focus': `sort-${c.key}`, 'data-sort': c.key, onclick: () => sortBy(c.key) },
          c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (descending ? ' ▼' : ' ▲') : ' ↕')));
    };

    const rows = data.items.map((row, i) => {
      const current = row.council.id === view.council;
      return h('tr', { class: current ? 'current' : null, 'aria-current': current ? 'true' : null, 'data-council': row.council.id },
        h('td', { class: 'num rank' }, count(first + i)),
        h('th', { scope: 'row' },
          current ? h('span', {}, row.council.name, h('span', { class: 'current-tag' }, 'shown above'))
            : h('a', { href: councilLink(row.council.id), 'data-nav': '' }, row.council.name)),
        COLUMNS.map((c) => h('td', { class: 'num', 'data-key': c.key }, c.value(row) === null ? '–' : c.format(c.value(row)))));
    });

    const averageRow = h('tr', { class: 'average-row' },
      h('td', {}),
      h('th', { scope: 'row' }, AVERAGE_LABELS[view.average],
        averageNote(data.averages, view)),
      COLUMNS.map((c) => {
        if (!c.average) return h('td', {});
        const average = averageOf(data.averages, view.average, c.key);
        return h('td', { class: 'num' }, average.value === null ? '–' : c.format(average.value));
      }));

    fill(body,
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'League table, scrolls sideways', tabindex: '0' },
        h('table', { class: 'league-table' },
          h('caption', {}, `${typeGroupName(view.type)}, ${view.year}: ${range.toLowerCase()}, by ${column?.label.toLowerCase() ?? sortKey}, ${descending ? 'highest' : 'lowest'} first`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Rank'), h('th', { scope: 'col' }, 'Council'), COLUMNS.map(headerCell))),
          h('tbody', {}, rows),
          h('tfoot', {}, averageRow))),
      page === 0 && !data.next_cursor ? null : h('nav', { class: 'pager', 'aria-label': 'League table pages' },
        h('button', { type: 'button', 'data-focus': 'previous', disabled: page === 0, onclick: () => turn(-1) }, '← Previous 10'),
        h('span', { class: 'pager-range' }, range),
        h('button', { type: 'button', 'data-focus': 'next', disabled: !data.next_cursor, onclick: () => turn(1) }, 'Next 10 →')),
      h('p', { class: 'downloads' }, csvLink(api.csv.leagueTable(view), 'League table as CSV (this order, up to 100 councils)')));

    // Redrawing replaced the button that was used: give focus back to its successor.
    if (focusAfterRender) {
      const target = body.querySelector(`[data-focus="${focusAfterRender}"]`);
      focusAfterRender = null;
      if (target && !target.disabled) target.focus();
      else body.querySelector('[data-focus="previous"]:not([disabled]), [data-focus="next"]:not([disabled])')?.focus();
    }
  }

  return { element, show };
}

/** Which average the footer row shows, and how many councils it counts. */
function averageNote(averages, view) {
  if (view.average === 'published') {
    return averages.published
      ? h('span', { class: 'source' }, ' (published by the Ombudsman)', averages.published.demo ? [' ', demoTag()] : null)
      : h('span', { class: 'source' }, ' (none published for this year)');
  }
  const councils = averages.computed[view.average].councils;
  return h('span', { class: 'source' }, ` (${councils} ${councils === 1 ? 'council' : 'councils'})`, view.decisionsDemo ? [' ', demoTag()] : null);
}

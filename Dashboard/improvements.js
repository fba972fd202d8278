/**
 * Service improvements: what the council agreed to change after the Ombudsman's investigations.
 * Like the published page it lists the latest ten; "View all" then pages through the rest, ten
 * at a time.
 */

import { h, fill } from './dom.js';
import { date } from './format.js';
import { createPaging, pageRange, pagerNav } from './paging.js';
import { csvLink, demoTag } from './views.js';

/**
 * @param {{api: object, onDemo: () => void}} options onDemo: a listed improvement is invented
 *   demo data
 */
export function createServiceImprovements({ api, onDemo }) {
  const listHeading = h('h3', { id: 'improvements-list-heading', tabindex: '-1' });
  const body = h('div');
  const element = h('section', { class: 'panel', id: 'improvements', 'aria-labelledby': 'improvements-heading' },
    h('h2', { id: 'improvements-heading' }, 'Service improvements'),
    h('p', {}, 'The Council has agreed to make the following improvements to its services following an Ombudsman investigation.'),
    h('details', { class: 'more' },
      h('summary', {}, 'Find out more about service improvements'),
      h('p', {}, 'When we find fault, we can recommend improvements to systems and processes where they haven’t worked properly, so that others do not suffer from these same problems in future. Common examples are policy changes; procedural reviews; and staff training. Service improvements from decisions are published for 5 years and those from reports are published for 10 years.')),
    listHeading,
    body);

  let view = null;
  let all = false;
  let moveFocus = false;
  const paging = createPaging({
    section: element, body, what: 'service improvements',
    fetchPage: (cursor, signal) => api.serviceImprovements({ ...view, cursor }, { signal }),
    render,
  });

  /**
   * The latest ten published on `asOf`.
   * @param {{id: string, asOf: string}} next
   */
  function show(next) {
    view = next;
    all = false;
    paging.restart();
  }

  function turn(step) {
    all = true;
    moveFocus = true;
    paging.turn(step);
  }

  function render(data, page) {
    const asOf = date(view.asOf);
    const downloads = h('p', { class: 'downloads' }, csvLink(api.csv.serviceImprovements(view.id, view.asOf), 'Service improvements as CSV (up to 100)'));
    if (data.items.some((item) => item.demo)) onDemo();
    if (!data.items.length && page === 0) {
      fill(listHeading, 'No service improvements');
      fill(body, h('p', { class: 'empty' }, `No service improvements were published for this council on ${asOf}.`), downloads);
      return;
    }
    const range = pageRange('Cases', page, data.items.length);
    fill(listHeading, all ? `All service improvements: ${range.toLowerCase()}` : `The latest ${data.items.length} cases`);
    fill(body,
      all ? null : h('p', {}, data.next_cursor
        ? `The latest ${data.items.length} cases published on ${asOf} are listed below – choose “View all” to page through every one.`
        : `These are all the service improvements published on ${asOf}.`),
      h('ol', { class: 'cases' }, data.items.map(caseItem)),
      all
        ? pagerNav({ label: 'Service improvement pages', page, hasNext: Boolean(data.next_cursor), range, turn, previous: '← Newer', next: 'Older →' })
        : data.next_cursor && h('p', {}, h('button', { type: 'button', class: 'view-all', onclick: () => { all = true; render(data, page); listHeading.focus(); } }, 'View all service improvements')),
      downloads);
    if (moveFocus) listHeading.focus();
    moveFocus = false;
  }

  return { element, show };
}

/** One case as the published page shows it: reference, category, sub category, what was agreed. */
function caseItem(item) {
  return h('li', { class: 'case', 'data-reference': item.reference },
    h('h4', {}, `Case reference: ${item.reference}`, item.demo ? [' ', demoTag()] : null),
    h('dl', { class: 'case-facts' },
      h('div', {}, h('dt', {}, 'Category'), h('dd', {}, item.category)),
      item.subcategory ? h('div', {}, h('dt', {}, 'Sub Category'), h('dd', {}, item.subcategory)) : null,
      h('div', {}, h('dt', {}, 'From'), h('dd', {}, `${item.source === 'report' ? 'a report' : 'a decision'} of ${date(item.decided)}`))),
    h('ul', { class: 'actions' }, item.actions.map((action) => h('li', {}, action))));
}

/**
 * Service improvements: what the council agreed to change after the Ombudsman's investigations.
 * Like the published page it lists the latest ten; "View all" then pages through the rest, ten
 * at a time, with the API's cursors (kept, so that "Previous" can go back).
 */

import { h, fill } from './dom.js';
import { count, date } from './format.js';
import { csvLink, demoTag } from './views.js';

const PAGE_SIZE = 10;

/**
 * @param {{api: ReturnType<import('./api.js').createApi>, onDemo: () => void}} options onDemo:
 *   called when a listed improvement is invented demo data
 */
export function createServiceImprovements({ api, onDemo }) {
  const listHeading = h('h3', { id: 'improvements-list-heading', tabindex: '-1' });
  const status = h('p', { class: 'section-status', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'improvements-body' });
  const element = h('section', { class: 'panel', id: 'improvements', 'aria-labelledby': 'improvements-heading' },
    h('h2', { id: 'improvements-heading' }, 'Service improvements'),
    h('p', {}, 'The Council has agreed to make the following improvements to its services following an Ombudsman investigation.'),
    h('details', { class: 'more' },
      h('summary', {}, 'Find out more about service improvements'),
      h('p', {}, 'When we find fault, we can recommend improvements to systems and processes where they haven’t worked properly, so that others do not suffer from these same problems in future. Common examples are policy changes; procedural reviews; and staff training. Service improvements from decisions are published for 5 years and those from reports are published for 10 years.')),
    listHeading,
    status,
    body);

  let view = null;
  let cursors = [null];
  let page = 0;
  let all = false;
  let controller = null;

  /**
   * Shows the latest ten published on `asOf`.
   * @param {{id: string, asOf: string}} next
   */
  function show(next) {
    view = next;
    cursors = [null];
    page = 0;
    all = false;
    load();
  }

  async function load({ focus = false } = {}) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    element.setAttribute('aria-busy', 'true');
    fill(status, 'Loading service improvements…');
    let data;
    try {
      data = await api.serviceImprovements({ ...view, cursor: cursors[page] }, { signal });
    } catch (error) {
      if (error.name === 'AbortError') return;
      element.removeAttribute('aria-busy');
      fill(status, '');
      fill(body, h('p', { class: 'error-text', role: 'alert' }, `The service improvements could not be loaded: ${error.message}`));
      return;
    }
    cursors[page + 1] = data.next_cursor;
    element.removeAttribute('aria-busy');
    render(data);
    if (data.items.some((item) => item.demo)) onDemo();
    if (focus) listHeading.focus();
  }

  function render(data) {
    const first = page * PAGE_SIZE + 1;
    const last = page * PAGE_SIZE + data.items.length;
    const asOf = date(view.asOf);
    if (!data.items.length && page === 0) {
      fill(listHeading, 'No service improvements');
      fill(status, '');
      fill(body, h('p', { class: 'empty' }, `No service improvements were published for this council on ${asOf}.`),
        downloads());
      return;
    }
    fill(listHeading, all ? `All service improvements: cases ${count(first)} to ${count(last)}` : `The latest ${data.items.length === 1 ? 'case' : `${count(data.items.length)} cases`}`);
    fill(status, all ? `Cases ${first} to ${last}, as published on ${asOf}.` : '');
    fill(body,
      all ? null : h('p', {}, data.next_cursor
        ? `The latest ${PAGE_SIZE} cases published on ${asOf} are listed below – choose “View all” to page through every one.`
        : `These are all the service improvements published on ${asOf}.`),
      h('ol', { class: 'cases', start: first }, data.items.map(caseItem)),
      all
        ? h('nav', { class: 'pager', 'aria-label': 'Service improvement pages' },
          h('button', { type: 'button', disabled: page === 0, onclick: () => turn(-1) }, '← Newer'),
          h('span', { class: 'pager-range' }, `Cases ${count(first)} to ${count(last)}`),
          h('button', { type: 'button', 'data-action': 'older', disabled: !data.next_cursor, onclick: () => turn(1) }, 'Older →'))
        : data.next_cursor
          ? h('p', {}, h('button', { type: 'button', class: 'view-all', onclick: viewAll }, 'View all service improvements'))
          : null,
      downloads());
  }

  function viewAll() {
    all = true;
    load({ focus: true });
  }

  function turn(step) {
    page += step;
    load({ focus: true });
  }

  function downloads() {
    return h('p', { class: 'downloads' }, csvLink(api.csv.serviceImprovements(view.id, view.asOf), 'Service improvements as CSV (up to 100)'));
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

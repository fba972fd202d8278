/**
 * Paging through one of the API's lists, ten at a time. The API's cursors only lead forward
 * (`next_cursor`), so the cursor of every page seen is kept to lead back. A newer request
 * cancels an older one, so a slow page can never replace a newer one; while a page loads its
 * section is marked aria-busy.
 */

import { h, fill } from './dom.js';
import { count } from './format.js';

export const PAGE_SIZE = 10;

/**
 * @param {{section: HTMLElement, body: HTMLElement, what: string,
 *   fetchPage: (cursor: string|null, signal: AbortSignal) => Promise<{items: object[], next_cursor: string|null}>,
 *   render: (data: object, page: number) => void}} options
 *   `what` names the list in the message shown when a page cannot be loaded.
 */
export function createPaging({ section, body, what, fetchPage, render }) {
  let cursors = [null];
  let page = 0;
  let controller = null;

  async function load() {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    section.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await fetchPage(cursors[page], signal);
    } catch (error) {
      if (error.name === 'AbortError') return;
      section.removeAttribute('aria-busy');
      fill(body, h('p', { class: 'error-text', role: 'alert' }, `The ${what} could not be loaded: ${error.message}`));
      return;
    }
    cursors[page + 1] = data.next_cursor;
    section.removeAttribute('aria-busy');
    render(data, page);
  }

  return {
    /** Back to the first page, for a new query. */
    restart() {
      cursors = [null];
      page = 0;
      load();
    },
    /** One page on (1) or back (-1). */
    turn(step) {
      page = Math.max(0, page + step);
      load();
    },
  };
}

/** "Cases 11 to 20", for a page of `length` items. */
export function pageRange(noun, page, length) {
  return `${noun} ${count(page * PAGE_SIZE + 1)} to ${count(page * PAGE_SIZE + length)}`;
}

/**
 * The buttons to the previous and next page, beside the range shown; nothing when everything
 * fits on one page. `data-focus` lets a redrawn list give focus back to the button used.
 */
export function pagerNav({ label, page, hasNext, range, turn, previous, next }) {
  if (page === 0 && !hasNext) return null;
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', 'data-focus': 'previous', disabled: page === 0, onclick: () => turn(-1) }, previous),
    h('span', { class: 'pager-range' }, range),
    h('button', { type: 'button', 'data-focus': 'next', disabled: !hasNext, onclick: () => turn(1) }, next));
}

/**
 * The council picker: a text box that searches council names as you type and offers the matches
 * in a list, following the ARIA combobox pattern so that it works from the keyboard and with a
 * screen reader: ↓ and ↑ move through the matches, Enter picks one (the first when none is
 * chosen), Escape closes the list.
 *
 * The API does the searching (GET /v1/councils?q=), so the page never downloads the whole
 * register. Typing pauses are waited for, and a search overtaken by newer typing is cancelled,
 * so a slow answer can never replace a newer one.
 */

import { h, fill } from './dom.js';
import { typeName } from './format.js';

const DELAY_MS = 200;

/**
 * @param {{api: ReturnType<import('./api.js').createApi>, onPick: (council: {id: string, name: string}) => void}} options
 */
export function createCouncilPicker({ api, onPick }) {
  const input = h('input', {
    id: 'council-search', name: 'council', type: 'text', role: 'combobox', autocomplete: 'off',
    spellcheck: 'false', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'council-options',
    'aria-describedby': 'council-hint',
  });
  const list = h('ul', { id: 'council-options', role: 'listbox', class: 'options', 'aria-label': 'Matching councils', hidden: true });
  const message = h('p', { class: 'picker-message', 'aria-live': 'polite' });
  const element = h('div', { class: 'picker' },
    h('label', { for: 'council-search' }, 'Council'),
    h('p', { class: 'hint', id: 'council-hint' }, 'Type part of its name, then choose it from the list.'),
    h('div', { class: 'combo' }, input, list),
    message);

  let matches = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let searched = '';

  async function search() {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text === searched) return;
    searched = text;
    controller?.abort();
    if (!text) {
      matches = [];
      close();
      fill(message, '');
      return;
    }
    controller = new AbortController();
    try {
      const page = await api.searchCouncils(text, { signal: controller.signal });
      matches = page.items;
    } catch (error) {
      if (error.name === 'AbortError') return;
      matches = [];
      close();
      fill(message, `The search failed: ${error.message}`);
      searched = '';
      return;
    }
    active = -1;
    fill(message, matches.length ? `${matches.length}${matches.length === 10 ? ' or more' : ''} ${matches.length === 1 ? 'council matches' : 'councils match'}.` : `No council’s name contains “${text}”.`);
    render();
  }

  function render() {
    fill(list, matches.map((council, i) => h('li', {
      id: `council-option-${i}`, role: 'option', class: 'option', 'aria-selected': i === active ? 'true' : 'false',
      'data-id': council.id,
      // mousedown, not click: picking must happen before the input's blur closes the list.
      onmousedown: (event) => { event.preventDefault(); pick(i); },
    }, council.name, h('span', { class: 'option-type' }, ` ${typeName(council.type)}`))));
    const open = matches.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `council-option-${active}`);
      list.children[active]?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function close() {
    active = -1;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function pick(i) {
    const council = matches[i];
    if (!council) return;
    input.value = council.name;
    searched = council.name;
    close();
    fill(message, '');
    onPick(council);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, DELAY_MS);
  });
  input.addEventListener('keydown', async (event) => {
    const open = !list.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!matches.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = open ? (active + step + matches.length) % matches.length : (step > 0 ? 0 : matches.length - 1);
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open && active >= 0) {
        pick(active);
      } else {
        await search(); // typed and pressed Enter before the pause ended
        if (matches.length) pick(0);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => close());
  input.addEventListener('focus', () => { if (matches.length && input.value.trim() === searched) render(); });

  return {
    element,
    /** Shows the council the page is showing (after a link, back or forward). */
    setCouncil(name) {
      if (document.activeElement === input) return;
      input.value = name ?? '';
      searched = input.value.trim();
      matches = [];
      close();
    },
  };
}

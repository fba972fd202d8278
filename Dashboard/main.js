/**
 * The entry point: reads the view from the URL, asks the API for what it needs, and puts the
 * sections on the page. Controls, links and back/forward all go through the URL (`navigate`
 * writes it, then shows what it says), so the URL is always what is on screen.
 *
 * A council's first view costs six requests, sent at once but the league table (which needs the
 * council's type): history (every year's figures), demo check, annual letters, reports, service
 * improvements, league table. Figures are drawn when the history arrives. Another year costs
 * three requests (league table, reports, improvements); another average or sort at most one.
 */

import { createApi } from './api.js';
import { AVERAGE_LABELS, methodDescription } from './averages.js';
import { h, fill } from './dom.js';
import { today, yearEnd } from './format.js';
import { historySection } from './history.js';
import { createServiceImprovements } from './improvements.js';
import { createLeagueTable } from './league.js';
import { createCouncilPicker } from './picker.js';
import { AVERAGE_KINDS, readState, stateURL } from './state.js';
import {
  complianceSection, councilHeading, lettersSection, noDecisionsNotice, overviewSection, remedySection,
  reportsSection, sectionError, sectionLoading, upheldSection,
} from './views.js';

const main = document.getElementById('main');
const status = document.getElementById('status');
const yearSelect = document.getElementById('year');
const listsSelect = document.getElementById('lists');
const demoBanner = document.getElementById('demo-banner');

const api = createApi(readState().api);

/** The state on screen; the council's data loaded for it (so a new year, average or sort reuses
 * it); the controller that cancels what an older view still waits for. */
let shown = null;
let loaded = null;
let controller = null;
let loading = null; // the council whose first answer is awaited

const picker = createCouncilPicker({ api, onPick: (council) => navigate({ ...shown, council: council.id }) });
const league = createLeagueTable({
  api,
  onSort: (sort) => navigate({ ...shown, sort }),
  councilLink: (id) => stateURL({ ...shown, council: id }),
});
const improvements = createServiceImprovements({ api, onDemo: () => noteDemo(true) });

/** Moves to another view, as a new history entry so that back returns here. */
function navigate(next, { focusHeading = false } = {}) {
  const url = stateURL(next);
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  show(readState(), { focusHeading });
}

/** Shows what the URL says, loading only what changed. */
function show(state, { focusHeading = false } = {}) {
  const previous = shown;
  shown = state;
  syncControls();
  if (!state.council) {
    landing();
  } else if (!loaded || state.council !== loaded.key || loading) {
    loadCouncil(state, { focusHeading });
  } else if (state.year !== previous?.year || state.lists !== previous?.lists) {
    showYear(restart());
  } else {
    if (state.average !== previous?.average) drawFigures();
    league.show(leagueView());
  }
}

/** Cancels whatever an older view still waits for; the signal of the new one. */
function restart() {
  controller?.abort();
  controller = new AbortController();
  return controller.signal;
}

/** The day reports and service improvements are listed as of: the end of the year shown (the
 * page as it stood then) or today, and never a day still to come. */
function listsDate(state, year) {
  const now = today();
  if (state.lists === 'today' || !year) return now;
  const end = yearEnd(year);
  return end < now ? end : now;
}

/** A council: its history, demo check and letters, then the year. */
async function loadCouncil(state, { focusHeading }) {
  const signal = restart();
  loading = state.council;
  main.setAttribute('aria-busy', 'true');
  main.dataset.state = 'loading';
  delete main.dataset.error;
  demoBanner.hidden = true;
  fill(status, `Loading ${state.council}${state.year ? `, ${state.year}` : ''}…`);
  if (!loaded) fill(main, h('p', { class: 'loading' }, 'Loading the figures…'));

  // Everything that does not need the first answer goes out at once.
  const history = settle(api.history(state.council, { signal }));
  const demo = settle(api.decisionsAreDemo(state.council, { signal }));
  const letters = settle(api.annualLetters(state.council, { signal }));
  const early = state.year ? listsDate(state, state.year) : null;
  const reports = early ? { asOf: early, answer: settle(api.reports({ id: state.council, asOf: early }, { signal })) } : null;
  if (early) improvements.show({ id: state.council, asOf: early });

  const [historyResult, demoResult] = await Promise.all([history, demo]);
  if (signal.aborted) return;
  loading = null;
  main.removeAttribute('aria-busy');
  if (!historyResult.ok) {
    loaded = null;
    syncControls();
    failure(historyResult.error, state);
    return;
  }
  const answer = historyResult.value;
  loaded = {
    key: state.council,
    history: answer,
    council: answer.council,
    years: answer.items.map((item) => item.year),
    decisionsDemo: demoResult.ok && demoResult.value,
  };
  noteDemo(loaded.decisionsDemo);
  picker.setCouncil(answer.council.name);
  fill(main,
    h('div', { id: 'figures' }),
    h('div', { id: 'history-slot' }),
    league.element,
    h('div', { id: 'letters-slot' }, sectionLoading('letters', 'Annual letters')),
    h('div', { id: 'reports-slot' }, sectionLoading('reports', 'Reports')),
    improvements.element);
  showYear(signal, { reports, improvementsShown: early });
  if (focusHeading) document.getElementById('council-name')?.focus();

  const lettersResult = await letters;
  if (signal.aborted) return;
  fill(document.getElementById('letters-slot'), lettersResult.ok
    ? lettersSection(lettersResult.value, api.csv.annualLetters(state.council))
    : sectionError('letters', 'Annual letters', lettersResult.error));
  noteDemo(lettersResult.ok && lettersResult.value.items.some((letter) => letter.demo));
}

/**
 * The year of `shown` for the council loaded: figures and charts at once (from the history),
 * then the league table and the lists as of the year's end. `reports` and `improvementsShown`:
 * what loadCouncil already asked for, as of which day.
 */
function showYear(signal, { reports = null, improvementsShown = null } = {}) {
  const year = shown.year ?? loaded.years.at(-1) ?? null;
  if (!shown.year && year) {
    // The latest year was meant: name it in the URL, so that the link keeps showing this year.
    shown = { ...shown, year };
    window.history.replaceState(null, '', stateURL(shown));
  }
  loaded.year = year;
  loaded.item = loaded.history.items.find((item) => item.year === year) ?? null;
  const asOf = listsDate(shown, year);
  const name = loaded.council.name;
  document.title = `${name}${year ? `, ${year}` : ''} – Council complaint statistics`;
  syncControls();
  drawFigures();
  main.dataset.state = 'ready';
  performance.mark('figures-shown');
  // Heard, not shown: the heading says the same.
  fill(status, h('span', { class: 'visually-hidden' }, `Showing ${name}${year ? `, ${year}` : ''}.`));

  league.element.hidden = !year;
  if (year) league.show(leagueView());
  if (improvementsShown !== asOf) improvements.show({ id: loaded.key, asOf });
  const answer = reports?.asOf === asOf ? reports.answer : settle(api.reports({ id: loaded.key, asOf }, { signal }));
  fill(document.getElementById('reports-slot'), sectionLoading('reports', 'Reports'));
  answer.then((result) => {
    if (signal.aborted) return;
    fill(document.getElementById('reports-slot'), result.ok
      ? reportsSection(result.value, name, asOf, api.csv.reports(loaded.key, asOf))
      : sectionError('reports', 'Reports', result.error));
    noteDemo(result.ok && result.value.items.some((report) => report.demo));
  });
}

/** The heading, the year's figures and the charts, from the data loaded and the average chosen. */
function drawFigures() {
  const { council, item, year, years, decisionsDemo, history } = loaded;
  const kind = shown.average;
  fill(document.getElementById('figures'),
    councilHeading(council, year, item, decisionsDemo),
    item
      ? [
        overviewSection(item, api.csv.statistics(council.id, year)),
        h('div', { class: 'cards' },
          upheldSection(item, council, kind, decisionsDemo),
          remedySection(item, kind, decisionsDemo),
          complianceSection(item, kind, decisionsDemo)),
      ]
      : noDecisionsNotice(council, year, years, (y) => stateURL({ ...shown, year: y })));
  fill(document.getElementById('history-slot'), years.length
    ? historySection(history, kind, { decisionsDemo, csvHref: api.csv.history(council.id), year: item ? year : null, councilName: council.name })
    : null);
  noteDemo(kind === 'published' && Boolean(item?.comparison.published?.demo));
  describeAverages();
}

function leagueView() {
  return {
    type: loaded.council.type, year: loaded.year, sort: shown.sort, council: loaded.council.id,
    average: shown.average, decisionsDemo: loaded.decisionsDemo,
  };
}

/** The controls say what the URL says. */
function syncControls() {
  const years = loaded?.years ?? [];
  const year = shown.year ?? loaded?.year ?? null;
  const options = year && !years.includes(year) ? [...years, year].sort() : years;
  fill(yearSelect, options.map((y) => h('option', { value: y, selected: y === year }, years.includes(y) ? y : `${y} (no decisions)`)));
  yearSelect.disabled = !loaded || options.length === 0;
  listsSelect.disabled = !loaded;
  listsSelect.value = shown.lists;
  listsSelect.options[0].textContent = year ? `end of ${year}` : 'end of the year';
  for (const { kind, radio } of averageRadios) radio.checked = kind === shown.average;
}

/**
 * The average switch, built once so that a keyboard user moving through the radios keeps focus;
 * after each load only the descriptions change: each says the method and how many councils it
 * counts.
 */
const averageRadios = AVERAGE_KINDS.map((kind) => {
  const radio = h('input', {
    type: 'radio', name: 'average', id: `average-${kind}`, value: kind, 'aria-describedby': `average-${kind}-method`,
    onchange: () => navigate({ ...shown, average: kind }),
  });
  const method = h('p', { class: 'hint', id: `average-${kind}-method` });
  document.getElementById('average-choices')
    .append(h('div', { class: 'choice' }, radio, h('label', { for: `average-${kind}` }, AVERAGE_LABELS[kind]), method));
  return { kind, radio, method };
});

function describeAverages() {
  const comparison = loaded?.item?.comparison ?? loaded?.history.items.at(-1)?.comparison ?? null;
  for (const { kind, method } of averageRadios) fill(method, comparison ? methodDescription(comparison, kind) : '');
}

/** No council chosen yet. */
function landing() {
  controller?.abort();
  loaded = null;
  loading = null;
  document.title = 'Council complaint statistics';
  demoBanner.hidden = true;
  picker.setCouncil('');
  main.removeAttribute('aria-busy');
  main.dataset.state = 'landing';
  fill(status, '');
  fill(main, h('section', { class: 'panel landing' },
    h('h1', { id: 'council-name', tabindex: '-1' }, 'Complaint statistics for English councils'),
    h('p', { class: 'lead' }, 'Search for a council above to see how many complaints about it the Local Government and Social Care Ombudsman dealt with, how many it upheld, and how that compares with similar councils, year by year.'),
    h('p', {}, 'For example: ', h('a', { href: stateURL({ ...shown, council: 'knowsley' }), 'data-nav': '' }, 'Knowsley Metropolitan Borough Council'), '.')));
  describeAverages();
}

/** The first request failed: what happened and what to do about it, never a blank page. */
function failure(error, state) {
  const kind = error.kind === 'problem' && error.status === 404 ? 'not-found' : error.kind;
  main.dataset.state = 'error';
  main.dataset.error = kind;
  demoBanner.hidden = true;
  document.title = 'Not available – Council complaint statistics';
  const origin = window.location.origin;
  const messages = {
    'not-found': ['Council not found', [
      h('p', {}, `There is no council “${state.council}” in the API. Search for a council by name above.`),
      h('p', { class: 'source' }, `The API said: ${error.message}`)]],
    refused: ['This page may not read the API', [
      h('p', {}, error.message),
      h('p', {}, 'To allow it, start the API with ', h('code', {}, `--cors-origin ${origin}`),
        ' (or add it to ', h('code', {}, 'CORS_ORIGINS'), '), or open the dashboard the API serves itself.')]],
    unreachable: ['The API cannot be reached', [
      h('p', {}, error.message),
      h('p', {}, 'Check that the server is running', api.crossOrigin ? ' and that the address given in ?api= is right' : '', ', then try again.')]],
  };
  const [title, body] = messages[kind] ?? ['The figures could not be loaded', [
    h('p', {}, error.title && error.title !== error.message ? `${error.title}: ${error.message}` : error.message)]];
  fill(status, '');
  fill(main, h('section', { class: 'error-box', role: 'alert', 'aria-labelledby': 'error-heading' },
    h('h1', { id: 'error-heading' }, title),
    body,
    kind === 'not-found' ? null : h('p', {}, h('button', { type: 'button', onclick: () => loadCouncil(state, { focusHeading: true }) }, 'Try again'))));
}

/** Shows the page-wide demo banner once anything on the page is invented. */
function noteDemo(isDemo) {
  if (isDemo) demoBanner.hidden = false;
}

/** Attaches the outcome to a promise at once, so that a request nobody waits for any more (a
 * newer view started) can never become an unhandled rejection. */
function settle(promise) {
  return promise.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
}

// The controls.
document.getElementById('controls').addEventListener('submit', (event) => event.preventDefault());
yearSelect.addEventListener('change', () => navigate({ ...shown, year: yearSelect.value }));
listsSelect.addEventListener('change', () => navigate({ ...shown, lists: listsSelect.value }));
document.getElementById('picker-slot').append(picker.element);

// Links in the page (league table, years, home) move without reloading; new-tab clicks stay native.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-nav]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(readState(new URL(link.href).search), { focusHeading: true });
});
window.addEventListener('popstate', () => show(readState()));

// Print everything: open the notes and chart tables before, close them again after.
let opened = [];
window.addEventListener('beforeprint', () => {
  opened = [...document.querySelectorAll('details:not([open])')];
  for (const details of opened) details.open = true;
});
window.addEventListener('afterprint', () => {
  for (const details of opened) details.open = false;
  opened = [];
});

const start = readState();
document.getElementById('openapi-link').href = api.url('/openapi.json');
document.getElementById('home-link').href = stateURL({ ...start, council: null, year: null });
show(start);

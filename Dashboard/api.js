/**
 * The council-api client: the endpoints the page uses, and every way a request can fail turned
 * into an ApiError whose message a person can act on.
 *
 * Caching is left to the browser: every answer has a strong ETag and `Cache-Control: no-cache`,
 * so the browser revalidates with If-None-Match and gets 304 when nothing changed. Cheap and
 * never stale; a cache of our own could only add staleness. Requests stay CORS-"simple" (GET,
 * Accept only), so a page on another origin needs no preflight.
 */

export class ApiError extends Error {
  /**
   * @param {'problem'|'refused'|'unreachable'|'invalid'} kind problem: an error answer (problem
   *   details); refused: the API answered but does not let this origin read it (CORS);
   *   unreachable: nothing answered; invalid: not the JSON expected.
   * @param {string} message for people
   */
  constructor(kind, message, { status = null, title = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.title = title;
  }
}

/**
 * A client of the API at `base` (null: this page's own origin).
 * @param {string|null} base
 */
export function createApi(base) {
  const root = base ?? window.location.origin;
  const crossOrigin = new URL(root).origin !== window.location.origin;

  function url(path, params = {}) {
    const target = new URL(root + path);
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== '') target.searchParams.set(name, String(value));
    }
    return target.toString();
  }

  async function get(path, params = {}, { signal } = {}) {
    const target = url(path, params);
    let response;
    try {
      response = await fetch(target, { headers: { Accept: 'application/json' }, signal });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw await diagnose(signal);
    }
    if (!response.ok) throw await problem(response);
    try {
      return await response.json();
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError('invalid', `The API's answer to ${path} is not the JSON expected.`, { status: response.status });
    }
  }

  /**
   * A fetch without an answer is a network failure or a CORS refusal, which browsers report
   * alike on purpose. A `no-cors` request tells them apart: it succeeds (with an answer the page
   * cannot read) whenever the server answered at all.
   */
  async function diagnose(signal) {
    if (crossOrigin) {
      try {
        await fetch(url('/healthz'), { mode: 'no-cors', signal });
        return new ApiError(
          'refused',
          `The API at ${root} answered, but it does not allow pages from ${window.location.origin} to read its answers.`,
        );
      } catch (error) {
        if (error.name === 'AbortError') throw error;
      }
    }
    return new ApiError('unreachable', `The API at ${root} cannot be reached.`);
  }

  /** An error answer: the API's problem details when it sent them (RFC 9457). */
  async function problem(response) {
    let body = null;
    if ((response.headers.get('Content-Type') ?? '').includes('json')) {
      body = await response.json().catch(() => null);
    }
    const title = body?.title ?? `${response.status} ${response.statusText}`.trim();
    return new ApiError('problem', body?.detail ?? title, { status: response.status, title });
  }

  const council = (id) => `/v1/councils/${encodeURIComponent(id)}`;
  const PAGE = 10;

  return {
    /** The API's base URL, for messages. */
    root,
    crossOrigin,
    url,

    /** Councils whose name contains `text` (the picker). */
    searchCouncils: (text, options) => get('/v1/councils', { q: text, limit: PAGE }, options),

    /** Every year with decisions for the council, oldest first, each with the group's averages. */
    history: (id, options) => get(`${council(id)}/statistics/history`, {}, options),

    /** One page of the league table of a council type for a year. */
    leagueTable: ({ type, year, sort, cursor }, options) =>
      get('/v1/statistics', { type, year, sort, limit: PAGE, cursor }, options),

    /** One page (ten, newest first) of the service improvements published on `asOf`. */
    serviceImprovements: ({ id, asOf, cursor }, options) =>
      get(`${council(id)}/service-improvements`, { as_of: asOf, limit: PAGE, cursor }, options),

    /** The reports published within the ten years before `asOf`. */
    reports: ({ id, asOf }, options) => get(`${council(id)}/reports`, { as_of: asOf, limit: 100 }, options),

    annualLetters: (id, options) => get(`${council(id)}/annual-letters`, { limit: 100 }, options),

    /**
     * Whether the council's decisions are invented demo data. Statistics carry no `demo` of their
     * own, so the newest decision is asked: only `serve --demo` loads demo decisions, into a
     * database of its own (writes cannot set `demo`), so one speaks for all.
     */
    decisionsAreDemo: async (id, options) => {
      const page = await get('/v1/complaints', { council: id, limit: 1 }, options);
      return page.items[0]?.demo === true;
    },

    /** The CSV form of each view the API can give as CSV (`format=csv`). */
    csv: {
      statistics: (id, year) => url(`${council(id)}/statistics`, { year, format: 'csv' }),
      history: (id) => url(`${council(id)}/statistics/history`, { format: 'csv' }),
      leagueTable: ({ type, year, sort }) => url('/v1/statistics', { type, year, sort, limit: 100, format: 'csv' }),
      serviceImprovements: (id, asOf) =>
        url(`${council(id)}/service-improvements`, { as_of: asOf, limit: 100, format: 'csv' }),
      reports: (id, asOf) => url(`${council(id)}/reports`, { as_of: asOf, limit: 100, format: 'csv' }),
      annualLetters: (id) => url(`${council(id)}/annual-letters`, { limit: 100, format: 'csv' }),
    },
  };
}

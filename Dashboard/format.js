/**
 * How figures, dates and reporting years are written on the page. One place, so the page, its
 * charts and its tables always round the same way (the way the Ombudsman's page does: rates as
 * whole percentages, figures per 100,000 residents to one decimal place).
 */

const LOCALE = 'en-GB';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Dates from the API are calendar days, not instants: format them in UTC so that no time zone
// can move one to the day before.
const longDate = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 1234 → "1,234". */
export function count(value) {
  return integer.format(value);
}

/** An API rate (a fraction from 0 to 1, or null) → "81%", or null when there is none. */
export function percent(rate) {
  return rate === null || rate === undefined ? null : `${integer.format(Math.round(rate * 100))}%`;
}

/** Upheld decisions per 100,000 residents → "2.6", or null when there is none. */
export function perHundredThousand(value) {
  return value === null || value === undefined ? null : oneDecimal.format(value);
}

/** "4 complaints", "1 complaint". */
export function plural(value, one, many) {
  return `${count(value)} ${value === 1 ? one : many}`;
}

/** "2024-04-01" → "1 April 2024". */
export function date(iso) {
  return longDate.format(new Date(`${iso}T00:00:00Z`));
}

/** Today as the API writes dates (the browser's own calendar day). */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A reporting year such as "2024-25": 1 April 2024 to 31 March 2025. */
export function isReportingYear(text) {
  const match = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  return Boolean(match) && (Number(match[1]) + 1) % 100 === Number(match[2]);
}

/** The last day of a reporting year: "2024-25" → "2025-03-31". */
export function yearEnd(year) {
  return `${Number(year.slice(0, 4)) + 1}-03-31`;
}

/** "2024-25" → "24-25", for chart axes with many years. */
export function shortYear(year) {
  return year.slice(2);
}

const TYPE_NAMES = {
  county: ['county council', 'County Councils'],
  district: ['district council', 'District Councils'],
  metropolitan_borough: ['metropolitan borough', 'Metropolitan Boroughs'],
  unitary: ['unitary council', 'Unitary Councils'],
  london_borough: ['London borough', 'London Boroughs'],
};

/** The Ombudsman's names for its comparison groups: "Metropolitan Boroughs". */
export function typeGroupName(type) {
  return TYPE_NAMES[type]?.[1] ?? type;
}

/** One council of a type, in running text: "metropolitan borough". */
export function typeName(type) {
  return TYPE_NAMES[type]?.[0] ?? type;
}

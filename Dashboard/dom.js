/**
 * A small DOM builder. Elements come from createElement and text from text nodes, never from
 * HTML strings: what the API says can never become markup, and the CSP needs no 'unsafe-inline'.
 *
 * @example h('p', { class: 'lead' }, 'We investigated ', h('strong', {}, '4'), ' complaints.')
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An HTML element.
 * @param {string} tag
 * @param {Record<string, unknown>|null} [attributes] `onclick` and the like take a function;
 *   `true` gives an empty attribute; null, undefined and false leave the attribute out.
 * @param {...unknown} children nodes, strings, numbers, nested arrays; null and false are skipped.
 * @returns {HTMLElement}
 */
export function h(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/**
 * An SVG element (charts), built the same way.
 * @returns {SVGElement}
 */
export function svg(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

/** Replaces the children of `element` with `children` (same rules as h). */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A unique id for aria-labelledby and label/for pairs built at run time. */
let counter = 0;
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style') {
      // Style attributes are blocked by the CSP (style-src 'self'); use a class instead.
      throw new Error('dom: style attributes are not allowed, use a class');
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

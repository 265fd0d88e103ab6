// Builds DOM from text only: strings become text nodes and properties become attributes or
// listeners, so data from a server (a phonebook name like <img src=x onerror=...>) can never
// turn into markup. Nothing in the console parses text as HTML.

/**
 * Creates an element. `props`: `class`, `text` (textContent), `on<event>` (a listener),
 * `dataset` (an object), anything else an attribute (true for a boolean attribute).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key.startsWith('on')) {
      throw new Error(`a listener must be a function: ${key}`);
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Replaces the children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A two-column table of [name, value] pairs; empty pairs give a note. */
export function pairsTable(pairs, emptyNote) {
  if (pairs.length === 0) return el('p', { class: 'note', text: emptyNote });
  return el('table', { class: 'pairs' },
    el('tbody', {}, pairs.map(([name, value]) =>
      el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { text: value })))));
}

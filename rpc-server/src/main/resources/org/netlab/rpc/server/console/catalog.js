// The services of both protocols as the server describes them (/console/api/services), as one
// list of methods, and the menu that lists them by protocol and service.

import { el, replace } from './dom.js';

/**
 * Reads the description. Each method: {key, protocol, service, serviceComment, method, path,
 * comment, example, ...} plus, for gRPC, requestType, responseType and the streaming flags, and
 * for XML-RPC, params, paramTypes, returnType and signatures.
 */
export async function loadCatalog() {
  const response = await fetch('api/services', { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`the description answered HTTP ${response.status}`);
  const described = await response.json();
  const methods = [];
  for (const service of described.grpc.services) {
    for (const method of service.methods) {
      methods.push({
        key: `grpc:${service.name}/${method.name}`,
        protocol: 'grpc',
        service: service.name,
        serviceComment: service.comment,
        method: method.name,
        path: method.path,
        comment: method.comment,
        requestType: method.requestType,
        responseType: method.responseType,
        clientStreaming: method.clientStreaming,
        serverStreaming: method.serverStreaming,
        example: method.example,
      });
    }
  }
  for (const method of described.xmlrpc.methods) {
    methods.push({
      key: `xmlrpc:${method.name}`,
      protocol: 'xmlrpc',
      service: method.group,
      serviceComment: '',
      method: method.name,
      path: described.xmlrpc.path,
      comment: method.help,
      params: method.params,
      paramTypes: method.params.map((p) => p.type),
      returnType: method.returnType,
      signatures: method.signatures,
      example: method.example,
    });
  }
  return { methods, types: described.grpc.types };
}

/** The method of a protocol, service and name, or undefined. */
export function findMethod(catalog, protocol, service, method) {
  return catalog.methods.find(
    (m) => m.protocol === protocol && m.service === service && m.method === method);
}

const LAB_GROUP = 'lab';
const PROTOCOL_TITLES = { grpc: 'gRPC (JSON gateway)', xmlrpc: 'XML-RPC (/RPC2)' };

/** Lists the methods in `nav`, grouped, with a filter; `onSelect(method)` on a click. */
export function renderCatalog(nav, catalog, onSelect) {
  const buttons = [];
  const groups = [];
  const filter = el('input', {
    id: 'filter', type: 'search', placeholder: 'Filter methods', 'aria-label': 'Filter methods',
    oninput: () => {
      const wanted = filter.value.trim().toLowerCase();
      for (const button of buttons) {
        button.parentElement.hidden = wanted !== '' && !button.dataset.search.includes(wanted);
      }
      for (const group of groups) {
        group.hidden = [...group.querySelectorAll('li')].every((li) => li.hidden);
      }
    },
  });
  const sections = Object.entries(PROTOCOL_TITLES).map(([protocol, title]) => {
    const services = new Map();
    for (const method of catalog.methods.filter((m) => m.protocol === protocol)) {
      if (!services.has(method.service)) services.set(method.service, []);
      services.get(method.service).push(method);
    }
    // The lab's old XML-RPC names after the namespaced ones they repeat.
    const lab = services.get(LAB_GROUP);
    if (lab) {
      services.delete(LAB_GROUP);
      services.set(LAB_GROUP, lab);
    }
    return el('section', { class: 'protocol' },
      el('h2', { text: title }),
      [...services.entries()].map(([service, methods]) => {
        const group = el('details', { open: true, class: 'service' },
          el('summary', { title: service, text: service.slice(service.lastIndexOf('.') + 1) }),
          el('ul', {}, methods.map((method) => {
            const button = el('button', {
              type: 'button',
              class: 'method',
              dataset: { key: method.key, search: `${service} ${method.method}`.toLowerCase() },
              text: method.method,
              onclick: () => onSelect(method),
            });
            buttons.push(button);
            return el('li', {}, button);
          })));
        groups.push(group);
        return group;
      }));
  });
  replace(nav, filter, sections);
}

/** Marks the selected method in the menu. */
export function markSelected(nav, method) {
  for (const button of nav.querySelectorAll('button.method')) {
    button.classList.toggle('selected', button.dataset.key === method.key);
    if (button.dataset.key === method.key) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

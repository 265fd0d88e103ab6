// One method: what it does (the comments of the .proto files, or XML-RPC's help), its request
// and response types, a form prefilled with an example, the call button, the answer (status,
// headers, trailers, latency, messages) and the same call as commands to copy.

import { el, pairsTable, replace } from './dom.js';
import { curlCommand, pythonCommand, rpcClientCommand } from './commands.js';
import * as session from './session.js';

/** Whether calls carry a token, as the form says it. */
export function authNote() {
  return session.signedIn() ? 'Calls carry your token.' : 'Not signed in: calls are anonymous.';
}

const ONE_LINE = 72;

/** JSON on one line, with a space after each comma and colon as a person writes it. */
function oneLine(value) {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The text an example starts the form with: one line when it is short. */
export function exampleText(method) {
  const short = oneLine(method.example);
  return short.length <= ONE_LINE ? short : JSON.stringify(method.example, null, 2);
}

function typeSection(title, typeName, types) {
  const shown = new Set();
  const tables = [];
  const visit = (name) => {
    const type = types[name];
    if (!type || shown.has(name)) return;
    shown.add(name);
    if (type.kind === 'enum') {
      tables.push(el('div', { class: 'type' },
        el('h4', {}, el('code', { text: name }), ' (enum)'),
        type.comment ? el('p', { class: 'comment', text: type.comment }) : null,
        el('table', { class: 'fields' },
          el('thead', {}, el('tr', {}, ['value', 'number', 'comment'].map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', {}, type.values.map((v) => el('tr', {},
            el('td', {}, el('code', { text: v.name })),
            el('td', { text: String(v.number) }),
            el('td', { class: 'comment', text: v.comment })))))));
      return;
    }
    tables.push(el('div', { class: 'type' },
      el('h4', {}, el('code', { text: name })),
      type.comment ? el('p', { class: 'comment', text: type.comment }) : null,
      type.json ? el('p', { class: 'note', text: `In JSON: ${type.json}.` }) : null,
      type.fields.length === 0
        ? el('p', { class: 'note', text: 'No fields: send {}.' })
        : el('table', { class: 'fields' },
          el('thead', {}, el('tr', {}, ['JSON name', 'type', 'comment'].map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', {}, type.fields.map((f) => el('tr', {},
            el('td', {}, el('code', { text: f.jsonName })),
            el('td', {}, el('code', { text: `${f.repeated ? 'repeated ' : ''}${f.type}` })),
            el('td', { class: 'comment', text: f.comment })))))));
    type.fields.forEach((f) => visit(f.type));
  };
  visit(typeName);
  return el('section', { class: 'types' }, el('h3', { text: title }), tables);
}

function grpcDescription(method, types) {
  return [
    el('p', { class: 'path' }, el('code', { text: `POST ${method.path}` }),
      method.serverStreaming ? ' · server streaming (Connect envelopes)' : ' · unary (Connect JSON)'),
    method.comment ? el('p', { class: 'comment', id: 'method-comment', text: method.comment }) : null,
    method.serviceComment
      ? el('details', { class: 'service-comment' },
        el('summary', { text: `About ${method.service}` }),
        el('p', { class: 'comment', text: method.serviceComment }))
      : null,
    el('div', { class: 'type-columns' },
      typeSection('Request', method.requestType, types),
      typeSection(method.serverStreaming ? 'Response (a stream of them)' : 'Response',
        method.responseType, types)),
  ];
}

function xmlRpcDescription(method) {
  return [
    el('p', { class: 'path' }, el('code', { text: `POST ${method.path}` }), ' · XML-RPC'),
    el('p', { class: 'comment', id: 'method-comment', text: method.comment }),
    el('section', { class: 'types' },
      el('h3', { text: 'Parameters (a JSON array, in this order)' }),
      method.params.length === 0
        ? el('p', { class: 'note', text: 'None: send [].' })
        : el('table', { class: 'fields' },
          el('thead', {}, el('tr', {}, ['name', 'type', ''].map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', {}, method.params.map((p) => el('tr', {},
            el('td', {}, el('code', { text: p.name })),
            el('td', {}, el('code', { text: p.type })),
            el('td', { class: 'note', text: p.optional ? 'optional' : '' }))))),
      el('p', {}, 'Returns ', el('code', { text: method.returnType }), '. Signatures: ',
        el('code', { text: method.signatures.map((s) => `${s[0]}(${s.slice(1).join(', ')})`).join(' · ') }))),
  ];
}

/**
 * Shows `method` in `main` with `bodyText` in the form. `onCall(text)` runs when the button is
 * pressed; `onEdit(text)` on each change of the form.
 */
export function renderMethod(main, method, types, bodyText, { onCall, onEdit }) {
  const body = el('textarea', {
    id: 'body', rows: 8, spellcheck: 'false', 'aria-label': 'Request as JSON',
    oninput: () => onEdit(body.value),
  });
  body.value = bodyText;
  const callButton = el('button', {
    id: 'call', type: 'submit', class: 'primary',
    text: method.clientStreaming ? 'Not callable from here' : 'Call',
    disabled: method.clientStreaming,
  });
  const form = el('form', {
    class: 'call-form', id: 'call-form',
    onsubmit: (event) => {
      event.preventDefault();
      onCall(body.value);
    },
  },
  el('label', { for: 'body', text: method.protocol === 'grpc' ? 'Request (JSON)' : 'Parameters (JSON array)' }),
  body,
  el('div', { class: 'actions' },
    callButton,
    el('button', {
      type: 'button', id: 'reset', text: 'Example',
      onclick: () => { body.value = exampleText(method); onEdit(body.value); },
    }),
    el('a', { id: 'permalink', href: '#', text: 'Permalink' }),
    el('span', { class: 'note', id: 'auth-note', text: authNote() })));
  replace(main,
    el('h2', { id: 'method-title' },
      el('span', { class: `protocol-tag ${method.protocol}`, text: method.protocol === 'grpc' ? 'gRPC' : 'XML-RPC' }),
      ' ',
      el('code', { text: method.protocol === 'grpc' ? `${method.service}/${method.method}` : method.method })),
    method.protocol === 'grpc' ? grpcDescription(method, types) : xmlRpcDescription(method),
    form,
    el('section', { id: 'answer', class: 'answer', 'aria-live': 'polite' }),
    el('section', { id: 'commands', class: 'commands' }));
}

/** Shows that a call is under way; streamed messages are added with addMessage(). */
export function renderPending(section) {
  replace(section,
    el('h3', { text: 'Answer' }),
    el('p', { id: 'answer-status', class: 'status pending', text: 'Calling…' }),
    el('div', { id: 'answer-messages' }));
}

function messageBlock(message) {
  return el('pre', { class: 'message', text: JSON.stringify(message, null, 2) });
}

/** Adds one streamed message to the pending answer. */
export function addMessage(section, message) {
  section.querySelector('#answer-messages')?.append(messageBlock(message));
}

/** Shows a finished call's answer. */
export function renderAnswer(section, answer) {
  const outcome = answer.error
    ? `${answer.error.code}: ${answer.error.message}`
    : 'ok';
  replace(section,
    el('h3', { text: 'Answer' }),
    el('p', { id: 'answer-status', class: `status ${answer.error ? 'bad' : 'good'}` },
      el('strong', { text: `${answer.status} ${answer.statusText}`.trim() }), ' · ',
      el('span', { id: 'answer-outcome', text: outcome }), ' · ',
      el('span', { id: 'answer-latency', text: `${answer.latencyMs.toFixed(1)} ms` })),
    el('div', { id: 'answer-messages' }, answer.messages.map(messageBlock)),
    answer.messages.length > 1 ? el('p', { class: 'note', text: `${answer.messages.length} messages.` }) : null,
    el('details', { id: 'answer-headers' }, el('summary', { text: 'Headers' }),
      pairsTable(answer.headers, 'No headers.')),
    el('details', { id: 'answer-trailers', open: answer.trailers.length > 0 }, el('summary', { text: 'Trailers' }),
      pairsTable(answer.trailers, 'No trailers.')));
}

/** Shows a call that could not be made (bad JSON, no connection). */
export function renderFailure(section, message) {
  replace(section,
    el('h3', { text: 'Answer' }),
    el('p', { id: 'answer-status', class: 'status bad', text: message }));
}

function commandBlock(id, title, text) {
  const pre = el('pre', { id, class: 'command', text: text ?? 'No equivalent for this method.' });
  const copy = el('button', {
    type: 'button', class: 'copy', text: 'Copy', disabled: text === null,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        copy.textContent = 'Copied';
      } catch {
        // Clipboard refused (no permission): select the text so that Ctrl-C copies it.
        window.getSelection().selectAllChildren(pre);
        copy.textContent = 'Selected: press Ctrl-C';
      }
      setTimeout(() => { copy.textContent = 'Copy'; }, 2000);
    },
  });
  return el('div', { class: 'command-block' }, el('h4', {}, title, ' ', copy), pre);
}

/** Shows the call as curl, rpc-client and Python commands, none holding the token. */
export function renderCommands(section, method, request) {
  const call = { ...method, request };
  const origin = window.location.origin;
  const signedIn = session.signedIn();
  replace(section,
    el('h3', { text: 'The same call elsewhere' }),
    el('p', { class: 'note', text: 'ca.pem is the server\'s CA (a local server\'s <data-dir>/tls/ca.pem); the token comes from $RPC_TOKEN.' }),
    commandBlock('command-curl', 'curl', curlCommand(call, origin, signedIn)),
    commandBlock('command-rpc-client', 'rpc-client', rpcClientCommand(call, origin)),
    commandBlock('command-python', 'Python xmlrpc.client', pythonCommand(call, origin, signedIn)));
}

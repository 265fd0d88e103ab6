// The same call as a command to copy: curl, rpc-client and Python's xmlrpc.client. A command
// never holds the token: curl and Python read it from $RPC_TOKEN, and rpc-client reads that
// variable by itself. ca.pem stands for the server's CA, <data-dir>/tls/ca.pem of a local server.

import { envelope } from './connect-client.js';
import { encodeCall } from './xmlrpc-client.js';

const GRPC_PORT = 50051;
const AUTHORIZATION = '-H "Authorization: Bearer $RPC_TOKEN"';

/** A word the shell reads as it is. */
export function shellQuote(text) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * What each method is for rpc-client and for XML-RPC: keyed by gRPC method and by XML-RPC name,
 * each gives rpc-client's words and the XML-RPC call, from the call's arguments.
 */
const LONG_NAMES = { add: 'add', sub: 'subtract', mul: 'multiply', div: 'divide' };
const calc = (word) => ({
  cli: (a) => ['calc', word, ...(word === 'abs' ? [a.x] : [a.x, a.y]).map(String)],
  xmlRpc: (a) => (word === 'abs'
    ? ['calculator.abs', [a.x]]
    : [`calculator.${LONG_NAMES[word]}`, [a.x, a.y]]),
});
const ROLE_NAMES = { ROLE_READER: 'reader', ROLE_WRITER: 'writer', ROLE_ADMIN: 'admin' };
const role = (value) => ROLE_NAMES[value] ?? String(value ?? '').toLowerCase();
const expiry = (seconds) => (Number(seconds) > 0 ? ['--expires-in', `${Number(seconds)}s`] : []);

const BY_OPERATION = {
  add: calc('add'),
  sub: calc('sub'),
  mul: calc('mul'),
  div: calc('div'),
  abs: calc('abs'),
  addEntry: {
    cli: (a) => ['phonebook', 'add', a.name, a.number],
    xmlRpc: (a) => ['phonebook.addEntry', [a.name, a.number]],
  },
  updateEntry: {
    cli: (a) => ['phonebook', 'update', a.name, a.number],
    xmlRpc: (a) => ['phonebook.updateEntry', [a.name, a.number]],
  },
  findEntry: {
    cli: (a) => ['phonebook', 'find', a.name],
    xmlRpc: (a) => ['phonebook.findEntry', [a.name]],
  },
  countEntries: { cli: () => ['phonebook', 'count'], xmlRpc: () => ['phonebook.countEntries', []] },
  removeEntry: {
    cli: (a) => ['phonebook', 'remove', a.name],
    xmlRpc: (a) => ['phonebook.removeEntry', [a.name]],
  },
  removeAll: { cli: () => ['phonebook', 'clear', '--yes'], xmlRpc: () => ['phonebook.removeAll', []] },
  listEntries: {
    cli: (a) => ['phonebook', 'list', ...(a.prefix ? [a.prefix] : [])],
    xmlRpc: (a) => ['phonebook.listEntries', a.prefix === undefined ? [] : [a.prefix]],
  },
  createToken: {
    cli: (a) => ['token', 'create', a.name, '--role', role(a.role), ...expiry(a.lifetime)],
    xmlRpc: (a) => ['token.create', [a.name, role(a.role), ...(Number(a.lifetime) > 0 ? [Number(a.lifetime)] : [])]],
  },
  listTokens: { cli: () => ['token', 'list'], xmlRpc: () => ['token.list', []] },
  revokeToken: {
    cli: (a) => ['token', 'revoke', a.name],
    xmlRpc: (a) => ['token.revoke', [a.name]],
  },
};

/** gRPC methods: the operation and its arguments from the request message. */
const GRPC = {
  'netlab.calculator.v1.CalculatorService/Add': ['add', (m) => m],
  'netlab.calculator.v1.CalculatorService/Subtract': ['sub', (m) => m],
  'netlab.calculator.v1.CalculatorService/Multiply': ['mul', (m) => m],
  'netlab.calculator.v1.CalculatorService/Divide': ['div', (m) => m],
  'netlab.calculator.v1.CalculatorService/Abs': ['abs', (m) => m],
  'netlab.phonebook.v1.PhonebookService/AddEntry': ['addEntry', (m) => m],
  'netlab.phonebook.v1.PhonebookService/UpdateEntry': ['updateEntry', (m) => m],
  'netlab.phonebook.v1.PhonebookService/FindNumber': ['findEntry', (m) => m],
  'netlab.phonebook.v1.PhonebookService/CountEntries': ['countEntries', (m) => m],
  'netlab.phonebook.v1.PhonebookService/RemoveEntry': ['removeEntry', (m) => m],
  'netlab.phonebook.v1.PhonebookService/RemoveAll': ['removeAll', (m) => m],
  'netlab.phonebook.v1.PhonebookService/ListEntries': ['listEntries', (m) => ({ prefix: m.namePrefix ?? '' })],
  'netlab.admin.v1.TokenService/CreateToken': ['createToken',
    (m) => ({ name: m.name, role: m.role, lifetime: m.lifetimeSeconds })],
  'netlab.admin.v1.TokenService/ListTokens': ['listTokens', (m) => m],
  'netlab.admin.v1.TokenService/RevokeToken': ['revokeToken', (m) => m],
};

/** XML-RPC methods: the operation and its arguments from the parameters. */
const pair = (p) => ({ x: p[0], y: p[1] });
const entry = (p) => ({ name: p[0], number: p[1] });
const named = (p) => ({ name: p[0] });
const XML_RPC = {
  'calculator.add': ['add', pair], add: ['add', pair],
  'calculator.subtract': ['sub', pair], diff: ['sub', pair],
  'calculator.multiply': ['mul', pair], mult: ['mul', pair],
  'calculator.divide': ['div', pair], quotient: ['div', pair],
  'calculator.abs': ['abs', (p) => ({ x: p[0] })], absolue: ['abs', (p) => ({ x: p[0] })],
  'phonebook.addEntry': ['addEntry', entry], ajouterEntree: ['addEntry', entry],
  'phonebook.updateEntry': ['updateEntry', entry],
  'phonebook.findEntry': ['findEntry', named], 'phonebook.findNumber': ['findEntry', named],
  trouverNumero: ['findEntry', named],
  'phonebook.countEntries': ['countEntries', () => ({})], nbNumeros: ['countEntries', () => ({})],
  'phonebook.removeEntry': ['removeEntry', named], supprimerEntree: ['removeEntry', named],
  'phonebook.removeAll': ['removeAll', () => ({})], supprimerTout: ['removeAll', () => ({})],
  'phonebook.listEntries': ['listEntries', (p) => ({ prefix: p[0] })],
  'token.create': ['createToken', (p) => ({ name: p[0], role: p[1], lifetime: p[2] })],
  'token.list': ['listTokens', () => ({})],
  'token.revoke': ['revokeToken', named],
};

function operationOf(call) {
  const table = call.protocol === 'grpc' ? GRPC : XML_RPC;
  const key = call.protocol === 'grpc' ? `${call.service}/${call.method}` : call.method;
  const found = table[key];
  if (!found) return null;
  const [operation, argumentsOf] = found;
  return { ...BY_OPERATION[operation], args: argumentsOf(call.request) };
}

function authorizationWords(signedIn) {
  return signedIn ? [AUTHORIZATION] : [];
}

/** printf's form of bytes: \xHH each. */
function printfBytes(bytes) {
  return [...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
}

/**
 * A curl command for `call` ({protocol, service, method, request, path, paramTypes}), sent to
 * `origin` (e.g. https://localhost:8443).
 */
export function curlCommand(call, origin, signedIn) {
  const words = ['curl', '--cacert', 'ca.pem'];
  if (call.protocol === 'xmlrpc') {
    words.push('-H', shellQuote('Content-Type: text/xml'), ...authorizationWords(signedIn),
      '--data-binary', shellQuote(encodeCall(call.method, call.request, call.paramTypes)),
      `${origin}${call.path}`);
  } else if (call.serverStreaming) {
    // The body is one envelope: a flag byte and a 4-byte length, then the JSON.
    const head = envelope(call.request).subarray(0, 5);
    words.push('-H', shellQuote('Content-Type: application/connect+json'),
      ...authorizationWords(signedIn),
      '--data-binary', `@<(printf '${printfBytes(head)}'; printf %s ${shellQuote(JSON.stringify(call.request))})`,
      '--output', '-', `${origin}${call.path}`);
  } else {
    words.push('-H', shellQuote('Content-Type: application/json'), ...authorizationWords(signedIn),
      '--data', shellQuote(JSON.stringify(call.request)), `${origin}${call.path}`);
  }
  return words.join(' ');
}

/** The rpc-client command doing the same, or null when it has none. */
export function rpcClientCommand(call, origin) {
  const operation = operationOf(call);
  if (!operation) return null;
  const url = new URL(origin);
  const server = call.protocol === 'xmlrpc'
    ? `${origin}${call.path}`
    : `grpcs://${url.hostname}:${GRPC_PORT}`; // the gRPC port is not this one: the default
  const words = ['rpc-client', '--server', server, '--ca', 'ca.pem',
    ...operation.cli(operation.args).map((word) => shellQuote(String(word)))];
  return `${words.join(' ')}   # token from $RPC_TOKEN`;
}

/** A Python literal of a JSON value. */
export function pythonLiteral(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, member]) => `${JSON.stringify(key)}: ${pythonLiteral(member)}`)
    .join(', ')}}`;
}

/** A python3 -c line calling the XML-RPC method that does the same, or null when none does. */
export function pythonCommand(call, origin, signedIn) {
  let method;
  let params;
  if (call.protocol === 'xmlrpc') {
    [method, params] = [call.method, call.request];
  } else {
    const operation = operationOf(call);
    if (!operation) return null;
    [method, params] = operation.xmlRpc(operation.args);
  }
  const url = new URL(origin);
  const address = signedIn
    ? `"${url.protocol}//token:" + os.environ["RPC_TOKEN"] + "@${url.host}/RPC2"`
    : `"${url.protocol}//${url.host}/RPC2"`;
  const program = 'import os, ssl, xmlrpc.client; '
    + `server = xmlrpc.client.ServerProxy(${address}, `
    + 'context=ssl.create_default_context(cafile="ca.pem")); '
    + `print(server.${method}(${params.map(pythonLiteral).join(', ')}))`;
  return `python3 -c ${shellQuote(program)}`;
}

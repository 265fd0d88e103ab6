// XML-RPC from the page: a small encoder that builds the call as an XML document (so text is
// escaped by the serializer, never by hand) and a decoder of answers read with DOMParser.

import { answerOf } from './answer.js';

const MAX_INT = 2 ** 31 - 1;
const MIN_INT = -(2 ** 31);

/**
 * The body of a call of `methodName` with `params` (JSON values). `types` are the declared
 * parameter types, so that a whole number sent where a double is declared goes as <double>.
 */
export function encodeCall(methodName, params, types = []) {
  const doc = document.implementation.createDocument(null, 'methodCall', null);
  const root = doc.documentElement;
  const name = doc.createElement('methodName');
  name.textContent = methodName;
  root.append(name);
  const list = doc.createElement('params');
  params.forEach((param, index) => {
    const wrapper = doc.createElement('param');
    wrapper.append(encodeValue(doc, param, types[index]));
    list.append(wrapper);
  });
  root.append(list);
  return `<?xml version="1.0" encoding="UTF-8"?>${new XMLSerializer().serializeToString(doc)}`;
}

function encodeValue(doc, value, declared) {
  const wrapper = doc.createElement('value');
  const typed = (type, text) => {
    const node = doc.createElement(type);
    node.textContent = text;
    wrapper.append(node);
  };
  if (value === null || value === undefined) {
    throw new Error('XML-RPC has no null: leave the parameter out instead');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} is not a number XML-RPC can carry`);
    const whole = Number.isInteger(value) && value >= MIN_INT && value <= MAX_INT;
    typed(whole && declared !== 'double' ? 'int' : 'double', String(value));
  } else if (typeof value === 'string') {
    typed('string', value);
  } else if (typeof value === 'boolean') {
    typed('boolean', value ? '1' : '0');
  } else if (Array.isArray(value)) {
    const array = doc.createElement('array');
    const data = doc.createElement('data');
    value.forEach((item) => data.append(encodeValue(doc, item)));
    array.append(data);
    wrapper.append(array);
  } else {
    const struct = doc.createElement('struct');
    for (const [key, member] of Object.entries(value)) {
      const node = doc.createElement('member');
      const name = doc.createElement('name');
      name.textContent = key;
      node.append(name, encodeValue(doc, member));
      struct.append(node);
    }
    wrapper.append(struct);
  }
  return wrapper;
}

/**
 * An answer's value, or {fault: {faultCode, faultString}}.
 * @throws Error when the text is not an XML-RPC answer
 */
export function decodeResponse(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) {
    throw new Error('the answer is not XML');
  }
  const root = doc.documentElement;
  if (root.nodeName !== 'methodResponse') throw new Error('the answer is not a methodResponse');
  const fault = child(root, 'fault');
  if (fault) return { fault: decodeValue(child(fault, 'value')) };
  const value = child(child(child(root, 'params'), 'param'), 'value');
  if (!value) throw new Error('the answer has no value');
  return { value: decodeValue(value) };
}

function child(node, name) {
  if (!node) return null;
  for (const element of node.children) {
    if (element.nodeName === name) return element;
  }
  return null;
}

function decodeValue(value) {
  const typed = value.firstElementChild;
  if (!typed) return value.textContent; // a value without a type is a string
  const text = typed.textContent;
  switch (typed.nodeName) {
    case 'i4': case 'int': case 'i8': case 'double':
      return Number(text);
    case 'boolean':
      return text.trim() === '1';
    case 'nil':
      return null;
    case 'array':
      return [...(child(typed, 'data')?.children ?? [])]
        .filter((item) => item.nodeName === 'value')
        .map(decodeValue);
    case 'struct': {
      // No prototype: a member named __proto__ stays a member.
      const struct = Object.create(null);
      for (const member of typed.children) {
        const name = child(member, 'name');
        const memberValue = child(member, 'value');
        if (name && memberValue) struct[name.textContent] = decodeValue(memberValue);
      }
      return struct;
    }
    default: // string, dateTime.iso8601, base64: shown as their text
      return text;
  }
}

/**
 * Calls `methodName` at `path`. Resolves to {status, statusText, headers, trailers, messages,
 * error, latencyMs, requestBody}; a fault is an error {code, message}.
 */
export async function call(path, methodName, params, types, extraHeaders) {
  const body = encodeCall(methodName, params, types);
  const started = performance.now();
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', ...extraHeaders },
    body,
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  const answer = answerOf(response, performance.now() - started);
  if (!response.ok) {
    answer.error = { code: `HTTP ${response.status}`, message: text.trim() };
    return answer;
  }
  try {
    const decoded = decodeResponse(text);
    if (decoded.fault) {
      answer.error = {
        code: `fault ${decoded.fault.faultCode}`,
        message: String(decoded.fault.faultString ?? ''),
      };
    } else {
      answer.messages.push(decoded.value);
    }
  } catch (error) {
    answer.error = { code: 'unreadable answer', message: error.message };
  }
  return answer;
}

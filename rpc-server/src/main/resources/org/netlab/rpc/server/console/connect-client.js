// gRPC methods through the server's JSON gateway, in the Connect protocol: a unary call is a
// POST of JSON that answers JSON (an error: a non-200 status and {"code", "message"}); a
// server-streaming call sends one envelope (a flag byte, a 4-byte big-endian length, JSON) and
// reads envelopes until the last one, flagged 0x02, that holds {"error"?, "metadata"?}.

import { answerOf } from './answer.js';

const END_STREAM = 0x02;
const ENVELOPE_HEAD = 5;

/** Connect's code for an HTTP status that carries no Connect error of its own. */
export function codeOfHttpStatus(status) {
  switch (status) {
    case 400: return 'internal';
    case 401: return 'unauthenticated';
    case 403: return 'permission_denied';
    case 404: return 'unimplemented';
    case 429: case 502: case 503: case 504: return 'unavailable';
    default: return 'unknown';
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Splits Connect's unary trailers (headers named trailer-*) from the other headers. */
function headersAndTrailers(headers) {
  const plain = [];
  const trailers = [];
  for (const [name, value] of headers) {
    if (name.startsWith('trailer-')) trailers.push([name.slice('trailer-'.length), value]);
    else plain.push([name, value]);
  }
  return { plain, trailers };
}

function errorOf(status, text) {
  const body = parseJson(text);
  if (body && typeof body.code === 'string') {
    return { code: body.code, message: body.message ?? '', details: body.details };
  }
  return { code: codeOfHttpStatus(status), message: text.trim() };
}

/**
 * A unary call. Resolves to {status, statusText, headers, trailers, messages, error,
 * latencyMs}; rejects only when no answer came at all (network, TLS).
 */
export async function unary(path, request, extraHeaders) {
  const started = performance.now();
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Connect-Protocol-Version': '1',
      ...extraHeaders,
    },
    body: JSON.stringify(request),
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  const latencyMs = performance.now() - started;
  const { plain, trailers } = headersAndTrailers(response.headers);
  const answer = answerOf(response, latencyMs, plain, trailers);
  if (response.ok) {
    const message = parseJson(text);
    if (message === undefined) {
      answer.error = { code: 'internal', message: `the answer is not JSON: ${text.slice(0, 200)}` };
    } else {
      answer.messages.push(message);
    }
  } else {
    answer.error = errorOf(response.status, text);
  }
  return answer;
}

/** One envelope holding `request` as JSON. */
export function envelope(request) {
  const payload = new TextEncoder().encode(JSON.stringify(request));
  const framed = new Uint8Array(ENVELOPE_HEAD + payload.length);
  new DataView(framed.buffer).setUint32(1, payload.length, false);
  framed.set(payload, ENVELOPE_HEAD);
  return framed;
}

/**
 * A server-streaming call; `onMessage` sees each message as it arrives. Resolves as unary()
 * does once the stream has ended, with the end-stream metadata as trailers.
 */
export async function serverStream(path, request, extraHeaders, onMessage) {
  const started = performance.now();
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/connect+json',
      'Connect-Protocol-Version': '1',
      ...extraHeaders,
    },
    body: envelope(request),
    credentials: 'omit',
    cache: 'no-store',
  });
  const answer = answerOf(response, 0);
  if (!response.ok) {
    answer.error = errorOf(response.status, await response.text());
    answer.latencyMs = performance.now() - started;
    return answer;
  }
  const decoder = new TextDecoder();
  let buffered = new Uint8Array(0);
  let ended = false;
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (value) {
      const joined = new Uint8Array(buffered.length + value.length);
      joined.set(buffered);
      joined.set(value, buffered.length);
      buffered = joined;
    }
    while (buffered.length >= ENVELOPE_HEAD) {
      const view = new DataView(buffered.buffer, buffered.byteOffset, buffered.length);
      const flags = view.getUint8(0);
      const length = view.getUint32(1, false);
      if (buffered.length < ENVELOPE_HEAD + length) break;
      const text = decoder.decode(buffered.subarray(ENVELOPE_HEAD, ENVELOPE_HEAD + length));
      buffered = buffered.slice(ENVELOPE_HEAD + length);
      const parsed = parseJson(text);
      if (flags & END_STREAM) {
        ended = true;
        if (parsed?.error) {
          answer.error = { code: parsed.error.code ?? 'unknown', message: parsed.error.message ?? '' };
        }
        for (const [name, values] of Object.entries(parsed?.metadata ?? {})) {
          answer.trailers.push([name, [].concat(values).join(', ')]);
        }
      } else {
        answer.messages.push(parsed);
        onMessage(parsed);
      }
    }
    if (done) break;
  }
  if (!ended && !answer.error) {
    answer.error = { code: 'internal', message: 'the stream ended without its end-stream message' };
  }
  answer.latencyMs = performance.now() - started;
  return answer;
}

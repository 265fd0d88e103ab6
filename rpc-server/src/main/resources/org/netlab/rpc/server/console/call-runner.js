// Runs the call in the form: reads the JSON the person typed, checks its shape for the protocol
// and sends it through the gateway (gRPC) or to /RPC2 (XML-RPC), with the token when signed in.

import { serverStream, unary } from './connect-client.js';
import { call as xmlRpcCall } from './xmlrpc-client.js';
import * as session from './session.js';

/**
 * The request in the form's text: a JSON object for gRPC, a JSON array of parameters for
 * XML-RPC.
 * @throws Error saying what is wrong, for the person to fix
 */
export function parseRequest(method, text) {
  let request;
  try {
    request = JSON.parse(text);
  } catch (error) {
    throw new Error(`The request is not JSON: ${error.message}`);
  }
  if (method.protocol === 'grpc' && (request === null || typeof request !== 'object' || Array.isArray(request))) {
    throw new Error('A gRPC request is a JSON object, e.g. {"x": 2, "y": 3}.');
  }
  if (method.protocol === 'xmlrpc' && !Array.isArray(request)) {
    throw new Error('XML-RPC parameters are a JSON array, e.g. [2, 3].');
  }
  return request;
}

/**
 * Calls `method` with `request`; `onMessage` sees each streamed message as it comes. Resolves
 * to the answer {status, statusText, headers, trailers, messages, error, latencyMs}.
 */
export function run(method, request, onMessage) {
  const auth = session.authorization();
  if (method.protocol === 'xmlrpc') {
    return xmlRpcCall(method.path, method.method, request, method.paramTypes, auth);
  }
  if (method.clientStreaming) {
    return Promise.reject(new Error('The console cannot send a stream of requests.'));
  }
  return method.serverStreaming
    ? serverStream(method.path, request, auth, onMessage)
    : unary(method.path, request, auth);
}

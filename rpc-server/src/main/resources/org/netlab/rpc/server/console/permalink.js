// A call kept in the URL's fragment, #call=<percent-encoded JSON {protocol, service, method,
// body}>: the fragment never leaves the browser and never holds the token. Opening such a link
// restores the method and its form; calling stays a click away, so a link alone cannot make a
// signed-in person call anything.

const PREFIX = '#call=';

/** The fragment of a call; `body` is the form's text as typed. */
export function encode({ protocol, service, method, body }) {
  return PREFIX + encodeURIComponent(JSON.stringify({ protocol, service, method, body }));
}

/** The call in a fragment, or null when it holds none (or something malformed). */
export function decode(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const call = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
    const strings = ['protocol', 'service', 'method', 'body'].every(
      (key) => typeof call[key] === 'string');
    return strings && (call.protocol === 'grpc' || call.protocol === 'xmlrpc') ? call : null;
  } catch {
    return null;
  }
}

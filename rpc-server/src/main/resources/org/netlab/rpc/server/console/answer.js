// The shape of every answer the page shows, whichever protocol carried the call.

/** The answer of `response`, before anything is read from its body. */
export function answerOf(response, latencyMs, headers = [...response.headers], trailers = []) {
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    trailers,
    messages: [],
    error: null,
    latencyMs,
  };
}

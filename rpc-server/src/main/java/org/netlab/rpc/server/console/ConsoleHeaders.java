package org.netlab.rpc.server.console;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The headers every console answer carries, files, JSON, redirects and refusals alike. The policy
 * lets the page run only the scripts and styles served here, talk only to this origin, and not be
 * framed; together with a page that builds its DOM from text only, a name like {@code <img src=x
 * onerror=...>} that comes back from the phonebook can be nothing but text.
 */
final class ConsoleHeaders {
  /** No inline script or style, no eval, nothing from elsewhere. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none';"
          + " form-action 'self'";

  /** Files are checked again on each use (cheap with their ETag), so an upgrade shows at once. */
  static final String REVALIDATE = "no-cache";

  /** Answers computed per request, and refusals. */
  static final String NO_STORE = "no-store";

  private ConsoleHeaders() {}

  static void addSecurityHeaders(HttpHeaders headers) {
    headers
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY")
        .set("Cross-Origin-Opener-Policy", "same-origin")
        .set("Cross-Origin-Resource-Policy", "same-origin");
  }
}

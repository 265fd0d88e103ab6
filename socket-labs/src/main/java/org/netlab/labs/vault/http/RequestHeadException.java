package org.netlab.labs.vault.http;

/**
 * A request head the server will not act on: malformed, too large, or shaped like request
 * smuggling. The server answers {@link #status()} and closes the connection, because it cannot tell
 * with confidence where the next request would start.
 */
final class RequestHeadException extends Exception {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;

  RequestHeadException(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}

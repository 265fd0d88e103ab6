package org.netlab.labs.vault.client;

import java.io.IOException;
import org.netlab.labs.cli.RefusedException;

/**
 * What a status other than the one asked for means to a person, in one line, and its exit code: the
 * vault's three refusals and any other 4xx are {@link RefusedException} (exit 1); a redirect not
 * followed, a 5xx or anything else is an {@link IOException} (exit 3, no usable answer).
 */
final class StatusFailures {
  private StatusFailures() {}

  /** The failure to throw for {@code response}, whose status was not the one expected. */
  static IOException of(Response response) {
    int status = response.status();
    String shown = response.head().statusText();
    return switch (status) {
      case 403 ->
          new RefusedException("403 forbidden: this client is not on the server's allow-list");
      case 400 ->
          new RefusedException(
              "400 bad request: the server does not serve this type of file"
                  + " (or the path is malformed)");
      case 404 -> new RefusedException("404 not found: " + VaultUrl.decode(response.url().path()));
      default -> {
        if (status >= 300 && status < 400) {
          String location =
              response.head().fields().first("Location").map(ResponseParser::printable).orElse("");
          yield new IOException(
              shown
                  + (location.isEmpty() ? "" : ", to " + location)
                  + ": not followed (vault follows one 301 to the same scheme, host and port)");
        }
        if (status >= 400 && status < 500) {
          yield new RefusedException(ResponseParser.printable(shown));
        }
        if (status >= 500 && status < 600) {
          yield new IOException("server error: " + ResponseParser.printable(shown));
        }
        yield new IOException("unexpected answer: " + ResponseParser.printable(shown));
      }
    };
  }
}

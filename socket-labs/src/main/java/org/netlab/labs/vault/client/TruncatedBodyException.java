package org.netlab.labs.vault.client;

import java.io.IOException;

/**
 * The connection closed before the whole body came: what did come is kept, so {@code vault get -c}
 * can fetch the rest. Exit code {@link org.netlab.cli.ExitCodes#NO_ANSWER}.
 */
public final class TruncatedBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param expected the announced length, or -1 when the cut was inside a chunked body
   */
  public TruncatedBodyException(long received, long expected) {
    super(
        expected >= 0
            ? "the connection closed after " + received + " of " + expected + " bytes"
            : "the connection closed inside a chunked body, after " + received + " bytes");
  }
}

package org.netlab.labs.vault.client;

import java.io.IOException;

/**
 * The server answered something that is not an HTTP/1.1 response this client can read: a bad status
 * line or header, a head over the size limit, a body whose length cannot be told or that ends
 * early. Exit code {@link org.netlab.cli.ExitCodes#NO_ANSWER}, as for a wrong protocol.
 */
public final class MalformedResponseException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message) {
    super("malformed answer: " + message);
  }
}

package org.netlab.labs.vault.client;

import java.util.Objects;

/**
 * The status line and header fields of a response (RFC 9112 sections 4 and 5).
 *
 * @param minorVersion 0 or 1: the {@code HTTP/1.x} the server answered in
 * @param status the three-digit status code
 * @param reason the reason phrase, possibly empty
 */
public record ResponseHead(int minorVersion, int status, String reason, HttpFields fields) {
  public ResponseHead {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must have three digits: " + status);
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fields, "fields");
  }

  /** A 1xx answer, which another follows. */
  public boolean isInformational() {
    return status < 200;
  }

  /** The status line's code and reason, as a person reads them: {@code 404 Not Found}. */
  public String statusText() {
    return reason.isEmpty() ? String.valueOf(status) : status + " " + reason;
  }
}

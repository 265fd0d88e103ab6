package org.netlab.labs.finger;

/** A query line that does not follow the RFC 1288 grammar or our limits; the message says why. */
public final class InvalidQueryException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) {
    super(message);
  }
}

package org.netlab.rpc.client;

import java.util.Objects;

/**
 * A call that never got an answer from the service: the server could not be reached, its
 * certificate was not trusted, the deadline passed, or it spoke something else. Distinct from
 * {@link org.netlab.domain.ServiceException}, which is the service's own refusal; command lines
 * exit differently for the two.
 */
public final class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why no answer came. */
  public enum Kind {
    /** Nothing listens there, or the connection broke. */
    UNREACHABLE,
    /** The TLS handshake failed: certificate not trusted, or client certificate refused. */
    UNTRUSTED,
    /** The deadline passed before the answer came. */
    TIMEOUT,
    /** The peer answered with something that is not this protocol. */
    PROTOCOL
  }

  private final Kind kind;

  public TransportException(Kind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}

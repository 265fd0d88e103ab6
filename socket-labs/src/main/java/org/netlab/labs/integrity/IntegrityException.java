package org.netlab.labs.integrity;

import java.io.IOException;

/**
 * A received frame that must not be shown: malformed, truncated, with a tag that does not verify,
 * or with a sequence number not above the last accepted one (a replay or a reordering). The
 * conversation itself is still usable; the caller reports {@link #USER_MESSAGE} and reads on.
 */
public final class IntegrityException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What a person is told, whatever the reason; the reason goes to the log. */
  public static final String USER_MESSAGE = "The received message has lost its integrity.";

  private final String reason;

  public IntegrityException(String reason) {
    super(USER_MESSAGE + " (" + reason + ")");
    this.reason = reason;
  }

  /** Why the frame was rejected, for logs: never shown in place of the message. */
  public String reason() {
    return reason;
  }
}

package org.netlab.labs.finger;

import java.util.Locale;

/** How a finger connection ended, as the request log records it. */
public enum Outcome {
  ANSWERED,
  NO_SUCH_USER,
  LIST_REFUSED,
  FORWARDING_REFUSED,
  FORWARDED,
  FORWARDING_FAILED,
  INVALID_QUERY,
  QUERY_TOO_LONG,
  IDLE_TIMEOUT,
  NO_QUERY,
  BUSY,
  FAILED;

  /** The word written to the request log, such as {@code no-such-user}. */
  public String logName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

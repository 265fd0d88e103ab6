package org.netlab.rpc.server;

import java.time.Duration;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log that calls are refused because something the services need is out of reach (the
 * store, typically): whichever protocol carried them, every call runs into an outage, so it is told
 * in a few lines a second with a count, each line naming the cause, never a stack trace.
 */
public final class OutageLog {
  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);
  private static final RateLimitedLog OUTAGES =
      new RateLimitedLog(log, "calls refused for an outage", 5, Duration.ofSeconds(1));

  private OutageLog() {}

  /** Logs {@code refusal} when it is an outage with a cause to name; other refusals are not. */
  public static void refused(ServiceException refusal) {
    if (refusal.code() == ErrorCode.UNAVAILABLE && refusal.getCause() != null) {
      OUTAGES.warn("call refused: " + refusal.getMessage() + " (" + refusal.getCause() + ")");
    }
  }
}

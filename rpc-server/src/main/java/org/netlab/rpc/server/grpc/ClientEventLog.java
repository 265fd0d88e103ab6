package org.netlab.rpc.server.grpc;

import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * What clients do wrong, on purpose or not, logged in one line each at most, rate-limited, and
 * never with a stack trace: stack traces are for our own defects.
 */
final class ClientEventLog {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ClientEventLog.class);
  private static final Duration WINDOW = Duration.ofSeconds(1);

  /** Client mistakes and attacks: a few lines a second, so a burst shows its kind. */
  private static final RateLimitedLog CLIENT_ERRORS =
      new RateLimitedLog(log, "client errors", 5, WINDOW);

  private ClientEventLog() {}

  /** A request whose message could not be parsed was refused. */
  static void malformedRequest(String line) {
    CLIENT_ERRORS.info(line);
  }
}

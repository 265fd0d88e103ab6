package org.netlab.rpc.client;

import java.time.Duration;

/**
 * The numbers of netlab's client retries, shared by both transports so that a call is retried the
 * same way whatever carries it: at most {@link #MAX_ATTEMPTS} attempts, the waits between them
 * growing from {@link #INITIAL_BACKOFF} by {@link #BACKOFF_MULTIPLIER} up to {@link #MAX_BACKOFF},
 * each drawn at random below its bound ("full jitter", as gRPC's retry design A6 does) so that
 * clients that failed together do not come back together. Which failures are retried is each
 * transport's own rule; no retry ever goes beyond the call's timeout.
 */
public final class RetryPolicy {
  /** Attempts of one call, the first included. */
  public static final int MAX_ATTEMPTS = 4;

  /** The bound of the wait before the first retry. */
  public static final Duration INITIAL_BACKOFF = Duration.ofMillis(50);

  /** How much the bound grows from one retry to the next. */
  public static final double BACKOFF_MULTIPLIER = 2;

  /** The largest bound of a wait between attempts. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private RetryPolicy() {}

  /**
   * The wait before retry number {@code retry} (1 before the second attempt).
   *
   * @param random a number in [0, 1), the jitter
   * @throws IllegalArgumentException when {@code retry} is below 1 or {@code random} out of range
   */
  public static Duration backoff(int retry, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are numbered from 1, not " + retry);
    }
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("the jitter must be in [0, 1), not " + random);
    }
    double bound =
        Math.min(
            MAX_BACKOFF.toNanos(),
            INITIAL_BACKOFF.toNanos() * Math.pow(BACKOFF_MULTIPLIER, retry - 1));
    return Duration.ofNanos((long) (bound * random));
  }
}

package org.netlab.rpc.server.metrics;

/**
 * Counts and times the calls of one method over one protocol. A protocol adapter gets one per
 * method once, when it is set up or at the method's first call, and keeps it: nothing is looked up
 * by name or label per call.
 */
public interface MethodMeter {
  /** The outcome of a call that succeeded; a failed one is the name of its error code. */
  String OK = "OK";

  /** Counts and times nothing: the meter of a server without metrics. */
  MethodMeter NONE =
      new MethodMeter() {
        @Override
        public long started() {
          return 0;
        }

        @Override
        public void finished(long startNanos, String code) {}

        @Override
        public void finishedWithin(long startNanos, String code) {}
      };

  /** Counts a call as in flight; answers when it started, by {@link System#nanoTime()}. */
  long started();

  /**
   * Counts a call that {@link #started()} as finished, with its duration and outcome.
   *
   * @param code {@link #OK}, or the name of the error code the call ended with (a gRPC status code
   *     or a netlab {@code ErrorCode}: a small fixed set, never text from the caller)
   */
  void finished(long startNanos, String code);

  /**
   * Counts a call made inside another one (a call of an XML-RPC {@code system.multicall}), with its
   * duration and outcome; it is not counted in flight, since the call around it is.
   *
   * @param startNanos when it started, by {@link System#nanoTime()}
   */
  void finishedWithin(long startNanos, String code);
}

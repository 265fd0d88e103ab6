package org.netlab.rpc.server.metrics;

/** Where protocol adapters get the {@link MethodMeter} of each method they serve. */
public interface CallMeters {
  /** The protocol label of calls over XML-RPC. */
  String XML_RPC = "xmlrpc";

  /** Meters that count nothing: a server without metrics. */
  CallMeters NONE = (protocol, service, method) -> MethodMeter.NONE;

  /**
   * The meter of one method; calls with the same three names share their counts.
   *
   * @param protocol {@code grpc}, {@code connect} or {@link #XML_RPC}
   * @param service the service as the protocol names it, e.g. {@code
   *     netlab.calculator.v1.CalculatorService} or, over XML-RPC, {@code calculator}
   * @param method the method as the protocol names it, e.g. {@code Add} or {@code calculator.add}
   */
  MethodMeter method(String protocol, String service, String method);

  /** Whether these meters count anything, so that an adapter can leave out its hooks when not. */
  default boolean counting() {
    return this != NONE;
  }
}

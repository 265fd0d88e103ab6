package org.netlab.rpc.server.xmlrpc.dispatch;

import java.net.InetAddress;
import org.netlab.access.Caller;

/**
 * Who made an XML-RPC call and from where: what every method it runs, the calls of a multicall
 * included, is checked against; and the idempotency key its request carried.
 *
 * @param source the client's address, null when unknown
 * @param idempotencyKey the request's {@code Idempotency-Key}, well formed, or null
 */
public record CallOrigin(Caller caller, InetAddress source, String idempotencyKey) {
  /** A call without an idempotency key. */
  public CallOrigin(Caller caller, InetAddress source) {
    this(caller, source, null);
  }

  /**
   * The origin of call {@code index} (from 0) of a multicall: each call has a key of its own, the
   * request's with {@code /} and the call's number, so that a multicall sent again is answered call
   * by call as first.
   */
  CallOrigin ofMulticallItem(int index) {
    return idempotencyKey == null
        ? this
        : new CallOrigin(caller, source, idempotencyKey + "/" + (index + 1));
  }
}

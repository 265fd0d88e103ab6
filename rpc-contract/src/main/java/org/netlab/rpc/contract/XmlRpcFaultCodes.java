package org.netlab.rpc.contract;

import java.util.Optional;
import org.netlab.domain.ErrorCode;

/**
 * The XML-RPC faultCodes of netlab, for the server that sends them and the client that reads them.
 * Domain refusals use HTTP-like numbers; protocol errors use the codes of the XML-RPC fault-code
 * interoperability convention.
 *
 * <table>
 *   <caption>faultCode table (docs/rpc-server.md shows the same)</caption>
 *   <tr><th>faultCode</th><th>meaning</th></tr>
 *   <tr><td>400</td><td>INVALID_ARGUMENT</td></tr>
 *   <tr><td>401</td><td>UNAUTHENTICATED</td></tr>
 *   <tr><td>403</td><td>PERMISSION_DENIED</td></tr>
 *   <tr><td>404</td><td>NOT_FOUND</td></tr>
 *   <tr><td>409</td><td>ALREADY_EXISTS</td></tr>
 *   <tr><td>500</td><td>INTERNAL</td></tr>
 *   <tr><td>503</td><td>UNAVAILABLE</td></tr>
 *   <tr><td>-32700</td><td>the request is not a well-formed XML-RPC call</td></tr>
 *   <tr><td>-32601</td><td>no such method</td></tr>
 *   <tr><td>-32602</td><td>wrong number or types of parameters</td></tr>
 * </table>
 */
public final class XmlRpcFaultCodes {
  /** The request is not a well-formed XML-RPC call. */
  public static final int NOT_WELL_FORMED = -32700;

  /** No method of that name. */
  public static final int METHOD_NOT_FOUND = -32601;

  /** Wrong number or types of parameters; read as {@link ErrorCode#INVALID_ARGUMENT}. */
  public static final int INVALID_PARAMS = -32602;

  private XmlRpcFaultCodes() {}

  /** The faultCode of a refusal with {@code code}. */
  public static int faultCode(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case INTERNAL -> 500;
      case UNAVAILABLE -> 503;
    };
  }

  /**
   * The domain code a fault stands for; empty for the protocol faults {@link #NOT_WELL_FORMED} and
   * {@link #METHOD_NOT_FOUND} and for codes netlab never sends.
   */
  public static Optional<ErrorCode> errorCode(int faultCode) {
    if (faultCode == INVALID_PARAMS) {
      return Optional.of(ErrorCode.INVALID_ARGUMENT);
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (faultCode(code) == faultCode) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}

package org.netlab.rpc.server.xmlrpc;

import java.util.EnumMap;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to XML-RPC faults. Domain errors keep their message and get a fixed
 * faultCode; protocol errors use the codes of the XML-RPC fault-code interoperability convention;
 * anything else is a generic {@code INTERNAL} fault whose details are logged, never sent.
 *
 * <table>
 *   <caption>faultCode table (the README shows the same)</caption>
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
final class XmlRpcFaults {
  static final int NOT_WELL_FORMED = -32700;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;

  private static final Logger log = LoggerFactory.getLogger(XmlRpcFaults.class);
  private static final Map<ErrorCode, Integer> DOMAIN_CODES = new EnumMap<>(ErrorCode.class);

  static {
    DOMAIN_CODES.put(ErrorCode.INVALID_ARGUMENT, 400);
    DOMAIN_CODES.put(ErrorCode.UNAUTHENTICATED, 401);
    DOMAIN_CODES.put(ErrorCode.PERMISSION_DENIED, 403);
    DOMAIN_CODES.put(ErrorCode.NOT_FOUND, 404);
    DOMAIN_CODES.put(ErrorCode.ALREADY_EXISTS, 409);
    DOMAIN_CODES.put(ErrorCode.INTERNAL, 500);
    DOMAIN_CODES.put(ErrorCode.UNAVAILABLE, 503);
  }

  private static final String INTERNAL_MESSAGE =
      "the server failed to process the call; its log has the details";

  /** A fault ready for the wire: a code and a message a person can act on. */
  record Fault(int code, String message) {}

  /** A failure that already is a fault; only this package creates them. */
  static final class FaultException extends XmlRpcException {
    private static final long serialVersionUID = 1L;

    FaultException(int code, String message) {
      super(code, message);
    }
  }

  private XmlRpcFaults() {}

  static FaultException notWellFormed(String detail) {
    return new FaultException(
        NOT_WELL_FORMED, "the request is not a well-formed XML-RPC call: " + detail);
  }

  static FaultException methodNotFound(String method) {
    return new FaultException(
        METHOD_NOT_FOUND, "no method named '" + method + "'; system.listMethods lists them");
  }

  static FaultException invalidParams(String message) {
    return new FaultException(INVALID_PARAMS, message);
  }

  static int faultCode(ErrorCode code) {
    return DOMAIN_CODES.get(code);
  }

  /** The fault to send for a failure; unexpected failures are logged here. */
  static Fault of(Throwable failure) {
    if (failure instanceof FaultException fault) {
      return new Fault(fault.code, fault.getMessage());
    }
    if (failure instanceof ServiceException service) {
      if (service.code() == ErrorCode.INTERNAL) {
        log.error("internal error in an XML-RPC call", service);
        return new Fault(faultCode(ErrorCode.INTERNAL), INTERNAL_MESSAGE);
      }
      if (service.code() == ErrorCode.UNAVAILABLE && service.getCause() != null) {
        log.warn("XML-RPC call refused: {}", service.getMessage(), service.getCause());
      }
      return new Fault(faultCode(service.code()), service.getMessage());
    }
    log.error("unexpected failure in an XML-RPC call", failure);
    return new Fault(faultCode(ErrorCode.INTERNAL), INTERNAL_MESSAGE);
  }
}

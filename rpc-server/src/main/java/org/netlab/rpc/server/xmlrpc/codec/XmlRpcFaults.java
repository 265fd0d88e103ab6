package org.netlab.rpc.server.xmlrpc.codec;

import org.apache.xmlrpc.XmlRpcException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.XmlRpcFaultCodes;
import org.netlab.rpc.server.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to XML-RPC faults. Domain errors keep their message and get the
 * faultCode of {@link XmlRpcFaultCodes}; protocol errors use the codes of the XML-RPC fault-code
 * interoperability convention; anything else is a generic {@code INTERNAL} fault whose details are
 * logged, never sent.
 */
public final class XmlRpcFaults {
  private static final Logger log = LoggerFactory.getLogger(XmlRpcFaults.class);
  private static final String INTERNAL_MESSAGE =
      "the server failed to process the call; its log has the details";

  /** A fault ready for the wire: a code and a message a person can act on. */
  public record Fault(int code, String message) {}

  /** A failure that already is a fault; only the factories below create them. */
  public static final class FaultException extends XmlRpcException {
    private static final long serialVersionUID = 1L;

    FaultException(int code, String message) {
      super(code, message);
    }
  }

  private XmlRpcFaults() {}

  static FaultException notWellFormed(String detail) {
    return new FaultException(
        XmlRpcFaultCodes.NOT_WELL_FORMED,
        "the request is not a well-formed XML-RPC call: " + detail);
  }

  public static FaultException methodNotFound(String method) {
    return new FaultException(
        XmlRpcFaultCodes.METHOD_NOT_FOUND,
        "no method named '" + method + "'; system.listMethods lists them");
  }

  public static FaultException invalidParams(String message) {
    return new FaultException(XmlRpcFaultCodes.INVALID_PARAMS, message);
  }

  /** The fault to send for a failure; unexpected failures are logged here. */
  public static Fault of(Throwable failure) {
    if (failure instanceof FaultException fault) {
      return new Fault(fault.code, fault.getMessage());
    }
    if (failure instanceof ServiceException service) {
      if (service.code() == ErrorCode.INTERNAL) {
        log.error("internal error in an XML-RPC call", service);
        return new Fault(XmlRpcFaultCodes.faultCode(ErrorCode.INTERNAL), INTERNAL_MESSAGE);
      }
      OutageLog.refused(service);
      return new Fault(XmlRpcFaultCodes.faultCode(service.code()), service.getMessage());
    }
    log.error("unexpected failure in an XML-RPC call", failure);
    return new Fault(XmlRpcFaultCodes.faultCode(ErrorCode.INTERNAL), INTERNAL_MESSAGE);
  }
}

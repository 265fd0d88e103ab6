package org.netlab.rpc.server.xmlrpc.dispatch;

import org.apache.xmlrpc.XmlRpcException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.XmlRpcFaultCodes;

/** The error code a failed XML-RPC call ends with, as the audit trail and the metrics name it. */
final class FailureCodes {
  private FailureCodes() {}

  /**
   * A refusal's own code; a fault's domain code (bad parameters are INVALID_ARGUMENT); anything
   * else, a defect, INTERNAL.
   */
  static ErrorCode of(Throwable failure) {
    if (failure instanceof ServiceException refused) {
      return refused.code();
    }
    if (failure instanceof XmlRpcException fault) {
      return XmlRpcFaultCodes.errorCode(fault.code).orElse(ErrorCode.INVALID_ARGUMENT);
    }
    return ErrorCode.INTERNAL;
  }
}

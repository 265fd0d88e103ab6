package org.netlab.rpc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netlab.domain.ErrorCode;

class XmlRpcFaultCodesTest {
  @Test
  void everyErrorCodeSurvivesItsFaultCode() {
    Set<Integer> seen = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      int faultCode = XmlRpcFaultCodes.faultCode(code);
      assertTrue(seen.add(faultCode), "two codes share " + faultCode);
      assertEquals(Optional.of(code), XmlRpcFaultCodes.errorCode(faultCode));
    }
  }

  @Test
  void invalidParamsReadsAsInvalidArgument() {
    assertEquals(
        Optional.of(ErrorCode.INVALID_ARGUMENT),
        XmlRpcFaultCodes.errorCode(XmlRpcFaultCodes.INVALID_PARAMS));
  }

  @Test
  void protocolFaultsAndForeignCodesAreNoDomainCode() {
    assertEquals(Optional.empty(), XmlRpcFaultCodes.errorCode(XmlRpcFaultCodes.NOT_WELL_FORMED));
    assertEquals(Optional.empty(), XmlRpcFaultCodes.errorCode(XmlRpcFaultCodes.METHOD_NOT_FOUND));
    assertEquals(Optional.empty(), XmlRpcFaultCodes.errorCode(418));
  }
}

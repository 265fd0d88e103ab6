package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the faultCode of a raw XML-RPC answer and checks it leaks nothing of Java. */
public final class Faults {
  private static final Pattern FAULT_CODE =
      Pattern.compile("faultCode</name>\\s*<value>\\s*<(?:i4|int)>(-?\\d+)</");

  private Faults() {}

  /** Asserts an HTTP 200 fault with this code and answers the whole body. */
  public static String assertFault(int expectedCode, HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    Matcher code = FAULT_CODE.matcher(response.body());
    assertTrue(code.find(), "not a fault: " + response.body());
    assertEquals(expectedCode, Integer.parseInt(code.group(1)), response.body());
    assertNoJava(response.body());
    return response.body();
  }

  /** The faultCode of a fault's body; fails when the body is not a fault. */
  public static int faultCode(String body) {
    Matcher code = FAULT_CODE.matcher(body);
    assertTrue(code.find(), "not a fault: " + body);
    return Integer.parseInt(code.group(1));
  }

  public static void assertNoJava(String body) {
    assertFalse(body.contains("java."), body);
    assertFalse(body.contains("org.apache"), body);
    assertFalse(body.contains("Exception"), body);
    assertFalse(body.contains("faultCause"), body);
  }
}

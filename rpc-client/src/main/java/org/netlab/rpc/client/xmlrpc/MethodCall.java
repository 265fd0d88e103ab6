package org.netlab.rpc.client.xmlrpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.netlab.xmlrpc.codec.ScalarValue;
import org.netlab.xmlrpc.codec.XmlRpcCall;
import org.netlab.xmlrpc.codec.XmlRpcDialect;
import org.xml.sax.SAXException;

/**
 * The bytes of one methodCall: scalar parameters written straight as UTF-8 ({@link ScalarValue}),
 * the same bytes Apache XML-RPC's writer would produce; a call with any other parameter is written
 * whole by Apache's writer ({@link XmlRpcDialect#writer}).
 */
final class MethodCall {
  private static final byte[] HEAD =
      ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall><methodName>");
  private static final byte[] PARAMS = ascii("</methodName><params>");
  private static final byte[] PARAM_HEAD = ascii("<param><value>");
  private static final byte[] PARAM_TAIL = ascii("</value></param>");
  private static final byte[] TAIL = ascii("</params></methodCall>");

  private MethodCall() {}

  /**
   * @throws IllegalArgumentException for a parameter XML-RPC has no type for (a bug in a caller)
   */
  static byte[] bytes(String method, Object... params) {
    ByteArrayOutputStream call = new ByteArrayOutputStream(256);
    byte[] name = ScalarValue.bytes(method);
    if (name == null) {
      return withApachesWriter(method, params);
    }
    call.writeBytes(HEAD);
    call.writeBytes(name);
    call.writeBytes(PARAMS);
    for (Object param : params) {
      byte[] value = ScalarValue.bytes(param);
      if (value == null) {
        return withApachesWriter(method, params);
      }
      call.writeBytes(PARAM_HEAD);
      call.writeBytes(value);
      call.writeBytes(PARAM_TAIL);
    }
    call.writeBytes(TAIL);
    return call.toByteArray();
  }

  private static byte[] withApachesWriter(String method, Object[] params) {
    ByteArrayOutputStream call = new ByteArrayOutputStream(512);
    try {
      XmlRpcDialect.writer(call).write(new XmlRpcCall(method, List.of(params)));
    } catch (SAXException e) {
      throw new IllegalArgumentException(
          "cannot write a call of " + method + ": " + e.getMessage(), e);
    }
    return call.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

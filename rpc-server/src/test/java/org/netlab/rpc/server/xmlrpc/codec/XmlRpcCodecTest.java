package org.netlab.rpc.server.xmlrpc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.rpc.contract.XmlRpcFaultCodes;
import org.netlab.rpc.server.xmlrpc.DtdHost;
import org.netlab.rpc.server.xmlrpc.Faults;
import org.netlab.rpc.server.xmlrpc.XmlRpcCalls;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;

/**
 * The codec alone: bodies parsed as the HTTP layer hands them over, malformed and hostile ones
 * refused with a -32700 fault that says why, and faults written without a word of Java.
 */
@Timeout(30)
class XmlRpcCodecTest {
  private final XmlRpcCodec codec = new XmlRpcCodec(XmlRpcLimits.defaults().maxNestingDepth());

  @Test
  void extensionsAndExceptionsAreOff() {
    XmlRpcStreamRequestConfig config = new XmlRpcCodec(8).config();
    assertFalse(config.isEnabledForExtensions());
    assertFalse(config.isEnabledForExceptions());
  }

  @Test
  void parseReadsTheWholeBodyAndClosesIt() throws Exception {
    for (String xml : List.of(XmlRpcCalls.addTwoAndThree() + "\n", "<methodCall></methodName>")) {
      boolean[] closed = {false};
      ByteArrayInputStream body =
          new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
              closed[0] = true;
            }
          };
      try {
        codec.parse(body);
        assertEquals(0, body.available(), xml);
      } catch (XmlRpcException malformed) {
        assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, malformed.code);
      }
      assertTrue(closed[0], xml);
    }
  }

  @Test
  void parseFailureIsAFaultForAnswerFault() throws Exception {
    XmlRpcException failure =
        assertThrows(XmlRpcException.class, () -> codec.parse(body("<methodCall>")));
    String fault = answerFault(failure);
    assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, Faults.faultCode(fault));
    assertTrue(fault.contains("not a well-formed XML-RPC call"), fault);
  }

  @Test
  void answerFaultOfAnUnexpectedErrorNamesNoJava() throws Exception {
    String fault = answerFault(new IllegalArgumentException("java.lang.Object@1f2e3d"));
    assertEquals(500, Faults.faultCode(fault));
    Faults.assertNoJava(fault);
  }

  @Test
  void doctypeIsRefusedBeforeAnyEntityIsExpanded() {
    String body =
        "<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY x \"2\">]>"
            + withoutDeclaration(XmlRpcCalls.call("add", "<int>&x;</int>", "<int>3</int>"));
    XmlRpcException refused = notWellFormed(body);
    assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
    assertFalse(refused.getMessage().contains("&x;"), refused.getMessage());
  }

  @Test
  void billionLaughsIsRefusedAtTheDoctype() {
    StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [");
    laughs.append("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      laughs.append("<!ENTITY lol").append(i).append(" \"");
      laughs.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    laughs
        .append("]>")
        .append(withoutDeclaration(XmlRpcCalls.call("x", "<string>&lol9;</string>")));
    XmlRpcException refused = notWellFormed(laughs.toString());
    assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
  }

  @Test
  void doctypeIsRefusedWithoutFetchingAnyUrl() throws Exception {
    try (DtdHost dtdHost = new DtdHost()) {
      String url = dtdHost.url();
      String call = withoutDeclaration(XmlRpcCalls.call("x", "<string>&y;</string>"));
      List<String> bodies =
          List.of(
              "<!DOCTYPE methodCall SYSTEM \"" + url + "external.dtd\">" + call,
              "<!DOCTYPE methodCall PUBLIC \"-//x//y//EN\" \"" + url + "public.dtd\">" + call,
              "<!DOCTYPE m [<!ENTITY y SYSTEM \"" + url + "general\">]>" + call,
              "<!DOCTYPE m [<!ENTITY % p SYSTEM \"" + url + "parameter\"> %p;]>" + call);
      for (String body : bodies) {
        XmlRpcException refused = notWellFormed("<?xml version=\"1.0\"?>" + body);
        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
      }
      assertEquals(List.of(), dtdHost.fetched());
    }
  }

  @Test
  void entityDeclaredNowhereIsNotWellFormed() {
    XmlRpcException refused = notWellFormed(XmlRpcCalls.call("x", "<string>&y;</string>"));
    assertTrue(refused.getMessage().contains("&y;"), refused.getMessage());
  }

  @Test
  void malformedXmlIsNotWellFormedWithItsLineAndColumn() {
    XmlRpcException refused = notWellFormed("<methodCall>\n<methodName>add</methodCall>");
    assertEquals(
        "the request is not a well-formed XML-RPC call: Unexpected end tag: expected"
            + " </methodName> (line 2, column 26)",
        refused.getMessage());
  }

  @Test
  void badValueIsNotWellFormedWithItsLineAndColumnCountedFromOne() {
    String body =
        "<?xml version=\"1.0\"?>\n<methodCall>\n  <methodName>add</methodName>\n"
            + "  <params><param><value><int>two</int></value></param></params></methodCall>";
    // Xerces reports the same position.
    assertEquals(
        "the request is not a well-formed XML-RPC call: Failed to parse integer value: two"
            + " (line 4, column 39)",
        notWellFormed(body).getMessage());
  }

  @Test
  void emptyBodyIsNotWellFormed() {
    notWellFormed("");
  }

  @Test
  void bytesThatAreNotUtf8AreNotWellFormed() {
    byte[] start =
        "<?xml version=\"1.0\"?><methodCall><methodName>".getBytes(StandardCharsets.UTF_8);
    byte[] end = "</methodName></methodCall>".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, '<'})) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(start);
      body.writeBytes(bad);
      body.writeBytes(end);
      XmlRpcException refused =
          assertThrows(
              XmlRpcException.class,
              () -> codec.parse(new ByteArrayInputStream(body.toByteArray())));
      assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, refused.code);
      assertTrue(refused.getMessage().contains("(line 1, column "), refused.getMessage());
    }
  }

  @Test
  void utf32BodyIsRefusedWithAFaultThatSaysSo() throws Exception {
    String call = "<?xml version=\"1.0\" encoding=\"UTF-32\"?>" + withoutDeclaration(add());
    List<byte[]> bodies =
        List.of(
            call.getBytes("UTF-32BE"),
            call.getBytes("UTF-32LE"),
            ("\uFEFF" + call).getBytes("UTF-32BE"),
            ("\uFEFF" + add()).getBytes("UTF-32LE"));
    for (byte[] body : bodies) {
      XmlRpcException refused =
          assertThrows(XmlRpcException.class, () -> codec.parse(new ByteArrayInputStream(body)));
      assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, refused.code);
      assertTrue(refused.getMessage().contains("UTF-32"), refused.getMessage());
    }
  }

  @Test
  void encodingTheParserCannotDecodeIsRefusedWithAFaultThatNamesIt() throws Exception {
    String utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>" + withoutDeclaration(add());
    assertTrue(notWellFormed(utf7).getMessage().contains("UTF-7"));
    byte[] ebcdic =
        ("<?xml version=\"1.0\" encoding=\"IBM037\"?>" + withoutDeclaration(add()))
            .getBytes("IBM037");
    XmlRpcException refused =
        assertThrows(XmlRpcException.class, () -> codec.parse(new ByteArrayInputStream(ebcdic)));
    assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, refused.code);
    assertTrue(refused.getMessage().contains("EBCDIC"), refused.getMessage());
  }

  @Test
  void utf16AndLatin1BodiesAreRead() throws Exception {
    String help = XmlRpcCalls.call("system.methodHelp", "<string>caf\u00e9 \u20ac</string>");
    String latin9 = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>" + withoutDeclaration(help);
    String utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + withoutDeclaration(help);
    for (byte[] body :
        List.of(
            latin9.getBytes("ISO-8859-15"),
            utf16.getBytes("UTF-16"),
            ("\uFEFF" + help).getBytes("UTF-16LE"))) {
      XmlRpcRequest call = codec.parse(new ByteArrayInputStream(body));
      assertEquals("caf\u00e9 \u20ac", call.getParameter(0));
    }
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    XmlRpcCodec shallow = new XmlRpcCodec(2);
    String deep =
        "<array><data><value>".repeat(3) + "<int>1</int>" + "</value></data></array>".repeat(3);
    XmlRpcException refused =
        assertThrows(XmlRpcException.class, () -> shallow.parse(body(XmlRpcCalls.call("x", deep))));
    assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, refused.code);
    assertTrue(refused.getMessage().contains("limit of 2 levels"), refused.getMessage());
  }

  @Test
  void parserServesTheNextCallAfterARefusal() throws Exception {
    notWellFormed("<!DOCTYPE m>" + add());
    notWellFormed("<methodCall><methodName>add</methodCall>");
    notWellFormed(add().substring(0, 40));
    XmlRpcRequest call = codec.parse(body(add()));
    assertEquals("add", call.getMethodName());
    assertEquals(2, call.getParameterCount());
  }

  private static InputStream body(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private XmlRpcException notWellFormed(String body) {
    XmlRpcException refused = assertThrows(XmlRpcException.class, () -> codec.parse(body(body)));
    assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, refused.code, refused.getMessage());
    assertTrue(
        refused.getMessage().startsWith("the request is not a well-formed XML-RPC call: "),
        refused.getMessage());
    Faults.assertNoJava(refused.getMessage());
    return refused;
  }

  private static String add() {
    return XmlRpcCalls.addTwoAndThree();
  }

  private static String withoutDeclaration(String call) {
    return call.substring("<?xml version=\"1.0\"?>".length());
  }

  private String answerFault(Throwable error) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.writeFault(error, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}

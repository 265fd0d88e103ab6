package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.rpc.contract.XmlRpcFaultCodes;

/**
 * The codec of the endpoint without HTTP: {@code parse}, {@code method}, {@code answer} and {@code
 * answerFault} as an HTTP layer calls them, against the bytes of Apache's stream server built from
 * the same codec and methods.
 */
@Timeout(30)
class XmlRpcCodecTest {
  private static final Pattern FAULT_CODE =
      Pattern.compile("faultCode</name>\\s*<value>\\s*<(?:i4|int)>(-?\\d+)</");

  private final XmlRpcCodec codec = codec();
  private final XmlRpcMethodTable methods = calculatorAnd(List.of());
  private final XmlRpcDispatcher server = new XmlRpcDispatcher(codec, methods);
  private final ApacheStreamServer apache = new ApacheStreamServer(codec, methods);

  @Test
  void addAnswersFiveThroughParseAndAnswer() throws Exception {
    XmlRpcRequest call = server.parse(body(XmlRpcCalls.addTwoAndThree()));
    assertEquals("add", call.getMethodName());
    assertEquals(List.of(2, 3), List.of(call.getParameter(0), call.getParameter(1)));
    assertEquals(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>"
            + "<double>5.0</double></value></param></params></methodResponse>",
        answer(call));
  }

  @Test
  void parseAndAnswerGiveTheBytesOfExecute() throws Exception {
    List<String> bodies =
        List.of(
            XmlRpcCalls.addTwoAndThree(),
            XmlRpcCalls.call("calculator.divide", "<double>1.5</double>", "<int>4</int>"),
            XmlRpcCalls.call("calculator.divide", "<double>1</double>", "<int>0</int>"),
            XmlRpcCalls.call("system.listMethods"),
            XmlRpcCalls.call("system.methodHelp", "<string>add</string>"),
            XmlRpcCalls.call("system.methodSignature", "<string>add</string>"),
            XmlRpcCalls.call("noSuchMethod"),
            XmlRpcCalls.call("add", "<string>two</string>", "<int>3</int>"),
            XmlRpcCalls.call("add", "<int>two</int>", "<int>3</int>"),
            "<methodCall><methodName>add</methodCall>",
            "");
    for (String body : bodies) {
      assertSameBytes(viaExecute(body), viaParseAndAnswer(body), body);
    }
  }

  @Test
  void callParsedOnOneThreadIsAnsweredOnAnother() throws Exception {
    XmlRpcRequest call =
        server.parse(body(XmlRpcCalls.call("mult", "<int>6</int>", "<int>7</int>")));
    XmlRpcMethod method = server.method(call);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      String answer = other.submit(() -> answer(method, call)).get();
      assertTrue(answer.contains("<double>42.0</double>"), answer);
    } finally {
      other.shutdownNow();
    }
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
        server.parse(body);
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
        assertThrows(XmlRpcException.class, () -> server.parse(body("<methodCall>")));
    String fault = answerFault(failure);
    assertEquals(XmlRpcFaultCodes.NOT_WELL_FORMED, faultCode(fault));
    assertTrue(fault.contains("not a well-formed XML-RPC call"), fault);
  }

  @Test
  void methodThatFailsIsAnsweredWithAnInternalFaultThatNamesNoJava() throws Exception {
    XmlRpcDispatcher failing =
        new XmlRpcDispatcher(
            codec(),
            calculatorAnd(
                List.of(
                    new XmlRpcMethod(
                        "explode",
                        "int",
                        List.of(),
                        "Fails.",
                        args -> {
                          throw new IllegalStateException("secret detail at java.lang.Object");
                        }))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XmlRpcRequest call = failing.parse(body(XmlRpcCalls.call("explode")));
    failing.answer(failing.method(call), call, out);
    String fault = out.toString(StandardCharsets.UTF_8);
    assertEquals(500, faultCode(fault));
    assertFalse(fault.contains("secret"), fault);
    Faults.assertNoJava(fault);
  }

  @Test
  void answerFaultOfAnUnexpectedErrorNamesNoJava() throws Exception {
    String fault = answerFault(new IllegalArgumentException("java.lang.Object@1f2e3d"));
    assertEquals(500, faultCode(fault));
    Faults.assertNoJava(fault);
  }

  @Test
  void outputThatFailsIsAnIOException() throws Exception {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("connection reset");
          }
        };
    XmlRpcRequest call = server.parse(body(XmlRpcCalls.addTwoAndThree()));
    XmlRpcMethod method = server.method(call);
    assertEquals(
        "connection reset",
        assertThrows(IOException.class, () -> server.answer(method, call, broken)).getMessage());
    assertThrows(
        IOException.class, () -> server.answerFault(XmlRpcFaults.methodNotFound("x"), broken));
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
              () -> server.parse(new ByteArrayInputStream(body.toByteArray())));
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
          assertThrows(XmlRpcException.class, () -> server.parse(new ByteArrayInputStream(body)));
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
        assertThrows(XmlRpcException.class, () -> server.parse(new ByteArrayInputStream(ebcdic)));
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
      XmlRpcRequest call = server.parse(new ByteArrayInputStream(body));
      assertEquals("caf\u00e9 \u20ac", call.getParameter(0));
    }
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    XmlRpcDispatcher shallow =
        new XmlRpcDispatcher(new XmlRpcCodec(2), new XmlRpcMethodTable(List.of(), List.of()));
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
    XmlRpcRequest call = server.parse(body(add()));
    assertEquals("add", call.getMethodName());
    assertEquals(2, call.getParameterCount());
  }

  static XmlRpcCodec codec() {
    return new XmlRpcCodec(XmlRpcLimits.defaults().maxNestingDepth());
  }

  static XmlRpcMethodTable calculatorAnd(List<XmlRpcMethod> extra) {
    List<XmlRpcMethod> methods =
        new ArrayList<>(new CalculatorXmlRpcHandler(new FiniteCalculator()).methods());
    methods.addAll(extra);
    return new XmlRpcMethodTable(methods, List.of());
  }

  static InputStream body(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  static int faultCode(String answer) {
    Matcher code = FAULT_CODE.matcher(answer);
    assertTrue(code.find(), "not a fault: " + answer);
    return Integer.parseInt(code.group(1));
  }

  private XmlRpcException notWellFormed(String body) {
    XmlRpcException refused = assertThrows(XmlRpcException.class, () -> server.parse(body(body)));
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

  private String answer(XmlRpcRequest call) throws IOException, XmlRpcException {
    return answer(server.method(call), call);
  }

  private String answer(XmlRpcMethod method, XmlRpcRequest call) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.answer(method, call, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private String answerFault(Throwable error) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.answerFault(error, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private byte[] viaParseAndAnswer(String body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XmlRpcRequest call;
    XmlRpcMethod method;
    try {
      call = server.parse(body(body));
      method = server.method(call);
    } catch (XmlRpcException e) {
      server.answerFault(e, out);
      return out.toByteArray();
    }
    server.answer(method, call, out);
    return out.toByteArray();
  }

  private byte[] viaExecute(String body) throws XmlRpcException {
    return apache.execute(body);
  }

  static void assertSameBytes(byte[] expected, byte[] actual, String what) {
    assertArrayEquals(
        expected,
        actual,
        () ->
            what
                + ": expected "
                + new String(expected, StandardCharsets.UTF_8)
                + " but was "
                + new String(actual, StandardCharsets.UTF_8));
  }
}

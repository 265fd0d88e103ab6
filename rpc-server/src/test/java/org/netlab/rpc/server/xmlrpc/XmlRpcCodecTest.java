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
import org.apache.xmlrpc.common.ServerStreamConnection;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.calculator.FiniteCalculator;

/**
 * The codec of the endpoint without HTTP: {@code parse}, {@code answer} and {@code answerFault} as
 * an HTTP layer calls them, against the bytes of {@code execute} over a stream connection.
 */
@Timeout(30)
class XmlRpcCodecTest {
  private static final Pattern FAULT_CODE =
      Pattern.compile("faultCode</name>\\s*<value>\\s*<(?:i4|int)>(-?\\d+)</");

  private final HardenedXmlRpcServer server = server(List.of());

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
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      String answer = other.submit(() -> answer(call)).get();
      assertTrue(answer.contains("<double>42.0</double>"), answer);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void parseFailureIsAFaultForAnswerFault() throws Exception {
    XmlRpcException failure =
        assertThrows(XmlRpcException.class, () -> server.parse(body("<methodCall>")));
    String fault = answerFault(failure);
    assertEquals(XmlRpcFaults.NOT_WELL_FORMED, faultCode(fault));
    assertTrue(fault.contains("not a well-formed XML-RPC call"), fault);
  }

  @Test
  void methodThatFailsIsAnsweredWithAnInternalFaultThatNamesNoJava() throws Exception {
    HardenedXmlRpcServer failing =
        server(
            List.of(
                new XmlRpcMethod(
                    "explode",
                    "int",
                    List.of(),
                    "Fails.",
                    args -> {
                      throw new IllegalStateException("secret detail at java.lang.Object");
                    })));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    failing.answer(failing.parse(body(XmlRpcCalls.call("explode"))), out);
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
    assertEquals(
        "connection reset",
        assertThrows(IOException.class, () -> server.answer(call, broken)).getMessage());
    assertThrows(
        IOException.class, () -> server.answerFault(XmlRpcFaults.methodNotFound("x"), broken));
  }

  static HardenedXmlRpcServer server(List<XmlRpcMethod> extra) {
    List<XmlRpcMethod> methods =
        new ArrayList<>(new CalculatorXmlRpcHandler(new FiniteCalculator()).methods());
    methods.addAll(extra);
    return new HardenedXmlRpcServer(
        new XmlRpcMethodTable(methods), XmlRpcLimits.defaults().maxNestingDepth());
  }

  static InputStream body(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  static int faultCode(String answer) {
    Matcher code = FAULT_CODE.matcher(answer);
    assertTrue(code.find(), "not a fault: " + answer);
    return Integer.parseInt(code.group(1));
  }

  private String answer(XmlRpcRequest call) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.answer(call, out);
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
    try {
      call = server.parse(body(body));
    } catch (XmlRpcException e) {
      server.answerFault(e, out);
      return out.toByteArray();
    }
    server.answer(call, out);
    return out.toByteArray();
  }

  /** As the JDK HTTP handler calls the server, with the request config it builds. */
  private byte[] viaExecute(String body) throws XmlRpcException {
    XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = body(body);
    server.execute(
        config,
        new ServerStreamConnection() {
          @Override
          public InputStream newInputStream() {
            return in;
          }

          @Override
          public OutputStream newOutputStream() {
            return out;
          }

          @Override
          public void close() {}
        });
    return out.toByteArray();
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

package org.netlab.rpc.server.xmlrpc.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.assertSameBytes;

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
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.access.Gatekeeper;
import org.netlab.access.Operation;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.xmlrpc.Faults;
import org.netlab.rpc.server.xmlrpc.XmlRpcCalls;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcCodec;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * The dispatcher without HTTP: {@code parse}, {@code method}, {@code answer} and {@code
 * answerFault} as an HTTP layer calls them, against the bytes of Apache's stream server built from
 * the same codec and methods.
 */
@Timeout(30)
class XmlRpcDispatcherTest {
  private final XmlRpcCodec codec = codec();
  private final XmlRpcMethodTable methods = calculatorAnd(List.of());
  private final XmlRpcDispatcher server =
      new XmlRpcDispatcher(codec, methods, Gatekeeper.unchecked());
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
  void methodThatFailsIsAnsweredWithAnInternalFaultThatNamesNoJava() throws Exception {
    XmlRpcDispatcher failing =
        new XmlRpcDispatcher(
            codec(),
            calculatorAnd(
                List.of(
                    new XmlRpcMethod(
                        Operation.CALCULATE,
                        "explode",
                        "int",
                        List.of(),
                        "Fails.",
                        args -> {
                          throw new IllegalStateException("secret detail at java.lang.Object");
                        }))),
            Gatekeeper.unchecked());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XmlRpcRequest call = failing.parse(body(XmlRpcCalls.call("explode")));
    failing.answer(failing.method(call), call, TestAccess.noCredentials(), out);
    String fault = out.toString(StandardCharsets.UTF_8);
    assertEquals(500, Faults.faultCode(fault));
    assertFalse(fault.contains("secret"), fault);
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
        assertThrows(
                IOException.class,
                () -> server.answer(method, call, TestAccess.noCredentials(), broken))
            .getMessage());
    assertThrows(
        IOException.class, () -> server.answerFault(XmlRpcFaults.methodNotFound("x"), broken));
  }

  static XmlRpcCodec codec() {
    return new XmlRpcCodec(XmlRpcLimits.defaults().maxNestingDepth());
  }

  static XmlRpcMethodTable calculatorAnd(List<XmlRpcMethod> extra) {
    List<XmlRpcMethod> methods =
        new ArrayList<>(new CalculatorXmlRpcHandler(new FiniteCalculator()).methods());
    methods.addAll(extra);
    return new XmlRpcMethodTable(methods, List.of(), TestAccess.unchecked());
  }

  static InputStream body(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private String answer(XmlRpcRequest call) throws IOException, XmlRpcException {
    return answer(server.method(call), call);
  }

  private String answer(XmlRpcMethod method, XmlRpcRequest call) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.answer(method, call, TestAccess.noCredentials(), out);
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
    server.answer(method, call, TestAccess.noCredentials(), out);
    return out.toByteArray();
  }

  private byte[] viaExecute(String body) throws XmlRpcException {
    return apache.execute(body);
  }
}

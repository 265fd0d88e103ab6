package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.server.xmlrpc.Faults;
import org.netlab.rpc.server.xmlrpc.XmlRpcCalls;
import org.netlab.rpc.server.xmlrpc.XmlRpcTestClients;
import org.netlab.rpc.server.xmlrpc.XmlRpcTestServer;

/**
 * Every method, lab name and error of the endpoint through our clients over HTTPS; the domain
 * answers themselves are checked by the contracts (XmlRpcContractsTest).
 */
@Timeout(60)
class XmlRpcEndpointTest {
  @TempDir Path directory;
  private XmlRpcTestServer server;
  private XmlRpcConnection connection;
  private XmlRpcCalculatorClient calculator;
  private XmlRpcPhonebookClient phonebook;

  @BeforeEach
  void start() throws Exception {
    server = XmlRpcTestServer.start(directory);
    connection = new XmlRpcConnection(XmlRpcTestClients.settings(server));
    calculator = new XmlRpcCalculatorClient(connection);
    phonebook = new XmlRpcPhonebookClient(connection);
  }

  @AfterEach
  void stop() {
    connection.close();
    server.close();
  }

  @Test
  void urlIsHttpsOnLoopbackAtRpc2() {
    assertEquals(
        URI.create("https://127.0.0.1:" + server.endpoint.port() + "/RPC2"), server.endpoint.uri());
  }

  @Test
  void labCalculatorNamesAcceptIntsAndDoubles() {
    assertEquals(5.0, connection.call("add", 2, 3));
    assertEquals(6.0, connection.call("mult", 2, 3.0));
    assertEquals(-1.0, connection.call("diff", 2.0, 3));
    assertEquals(2.5, connection.call("quotient", 5, 2));
    assertEquals(7.0, connection.call("absolue", -7));
  }

  @Test
  void divisionByZeroIsInvalidArgumentUnderBothNames() {
    ServiceException viaClient =
        assertThrows(ServiceException.class, () -> calculator.divide(1, 0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, viaClient.code());
    assertEquals("division by zero: y must not be 0", viaClient.getMessage());
    ServiceException viaLabName =
        assertThrows(ServiceException.class, () -> connection.call("quotient", 1, 0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, viaLabName.code());
  }

  @Test
  void overflowIsInvalidArgument() {
    ServiceException error =
        assertThrows(ServiceException.class, () -> calculator.multiply(Double.MAX_VALUE, 2));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertTrue(error.getMessage().contains("overflows"), error.getMessage());
  }

  @Test
  void phonebookMethodsAnswerThroughTheClient() {
    assertEquals(new Entry("Alice", "+33 1 23 45"), phonebook.add(" Alice ", "+33 1 23 45"));
    phonebook.add("bob", "555-0100");
    assertEquals(new Entry("Alice", "999"), phonebook.update("ALICE", "999"));
    assertEquals(new Entry("Alice", "999"), phonebook.find("alice"));
    assertEquals(2, phonebook.count());
    assertEquals(
        List.of(new Entry("Alice", "999"), new Entry("bob", "555-0100")), phonebook.list(""));
    assertEquals(List.of(new Entry("bob", "555-0100")), phonebook.list("B"));
    phonebook.remove("BOB");
    assertEquals(1, phonebook.count());
    assertEquals(1, phonebook.removeAll());
    assertEquals(List.of(), phonebook.list(""));
  }

  @Test
  void namespacedPhonebookExtrasAnswerPlainValues() {
    phonebook.add("Alice", "123");
    assertEquals("123", connection.call("phonebook.findNumber", "ALICE"));
    Object[] all = connection.call(Object[].class, "phonebook.listEntries");
    assertEquals(1, all.length);
    assertEquals(Map.of("name", "Alice", "number", "123"), all[0]);
  }

  @Test
  void labPhonebookNamesRoundTrip() {
    assertEquals(true, connection.call("ajouterEntree", "Alice", "0123456789"));
    assertEquals("0123456789", connection.call("trouverNumero", "alice"));
    assertEquals(1, connection.call("nbNumeros"));
    assertEquals(true, connection.call("supprimerEntree", "Alice"));
    assertEquals(0, connection.call("nbNumeros"));
    connection.call("ajouterEntree", "Bob", "123");
    assertEquals(true, connection.call("supprimerTout"));
    assertEquals(0, phonebook.count());
  }

  @Test
  void phonebookErrorsKeepTheirDomainCodeAndMessage() {
    phonebook.add("Alice", "123");
    ServiceException taken =
        assertThrows(ServiceException.class, () -> phonebook.add("alice", "456"));
    assertEquals(ErrorCode.ALREADY_EXISTS, taken.code());
    assertEquals("an entry named 'alice' exists already", taken.getMessage());
    ServiceException missing =
        assertThrows(ServiceException.class, () -> connection.call("trouverNumero", "Bob"));
    assertEquals(ErrorCode.NOT_FOUND, missing.code());
    assertEquals("no entry named 'Bob'", missing.getMessage());
    assertEquals(
        ErrorCode.NOT_FOUND,
        assertThrows(ServiceException.class, () -> phonebook.remove("Bob")).code());
    assertEquals(
        ErrorCode.NOT_FOUND,
        assertThrows(ServiceException.class, () -> phonebook.update("Bob", "123")).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(ServiceException.class, () -> phonebook.add("Carol", "12")).code());
  }

  @Test
  void unknownMethodIsAFaultThatNamesIt() throws Exception {
    String body = Faults.assertFault(-32601, server.post(XmlRpcCalls.call("calculator.power")));
    assertTrue(body.contains("no method named 'calculator.power'"), body);
    TransportException viaClient =
        assertThrows(TransportException.class, () -> connection.call("calculator.power", 1));
    assertEquals(TransportException.Kind.PROTOCOL, viaClient.kind());
  }

  @Test
  void wrongArityIsInvalidParamsWithTheUsage() throws Exception {
    ServiceException error =
        assertThrows(ServiceException.class, () -> connection.call("calculator.add", 1));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertEquals(
        "calculator.add takes 2 parameters, got 1;" + " usage: calculator.add(double x, double y)",
        error.getMessage());
    Faults.assertFault(-32602, server.post(XmlRpcCalls.call("nbNumeros", "<int>1</int>")));
  }

  @Test
  void wrongTypeNamesTheParameterAndWhatWasExpected() throws Exception {
    ServiceException error =
        assertThrows(ServiceException.class, () -> connection.call("add", "two", 3));
    assertEquals(
        "parameter 1 (x) of add must be an int or a double, got a string;"
            + " usage: add(double x, double y)",
        error.getMessage());
    Faults.assertFault(-32602, server.post(XmlRpcCalls.call("trouverNumero", "<int>1</int>")));
  }

  @Test
  void listMethodsNamesEveryMethodAndLabName() {
    List<Object> names = Arrays.asList(connection.call(Object[].class, "system.listMethods"));
    for (String name :
        List.of(
            "calculator.add",
            "calculator.subtract",
            "calculator.multiply",
            "calculator.divide",
            "calculator.abs",
            "phonebook.addEntry",
            "phonebook.updateEntry",
            "phonebook.findEntry",
            "phonebook.findNumber",
            "phonebook.countEntries",
            "phonebook.removeEntry",
            "phonebook.removeAll",
            "phonebook.listEntries",
            "add",
            "mult",
            "diff",
            "quotient",
            "absolue",
            "ajouterEntree",
            "trouverNumero",
            "nbNumeros",
            "supprimerEntree",
            "supprimerTout",
            "system.listMethods",
            "system.methodSignature",
            "system.methodHelp",
            "system.multicall")) {
      assertTrue(names.contains(name), name + " missing from " + names);
    }
  }

  @Test
  void methodSignatureListsReturnTypeThenParameters() {
    Object[] add = connection.call(Object[].class, "system.methodSignature", "add");
    assertEquals(1, add.length);
    assertArrayEquals(new Object[] {"double", "double", "double"}, (Object[]) add[0]);
    Object[] list =
        connection.call(Object[].class, "system.methodSignature", "phonebook.listEntries");
    assertArrayEquals(new Object[] {"array"}, (Object[]) list[0]);
    assertArrayEquals(new Object[] {"array", "string"}, (Object[]) list[1]);
  }

  @Test
  void methodHelpDescribesTheMethod() {
    assertEquals(
        "calculator.divide(double x, double y): Returns x / y; y = 0 is refused.",
        connection.call("system.methodHelp", "calculator.divide"));
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(ServiceException.class, () -> connection.call("system.methodHelp", 3)).code());
  }

  @Test
  void multicallAnswersEachCallOrItsFaultInOrder() {
    Object[] answers =
        connection.call(
            Object[].class,
            "system.multicall",
            (Object)
                new Object[] {
                  Map.of("methodName", "add", "params", new Object[] {2, 3}),
                  Map.of("methodName", "quotient", "params", new Object[] {1, 0}),
                  Map.of("methodName", "system.multicall", "params", new Object[] {new Object[0]}),
                  Map.of("methodName", "nbNumeros", "params", new Object[0])
                });
    assertEquals(4, answers.length);
    assertArrayEquals(new Object[] {5.0}, (Object[]) answers[0]);
    assertEquals(
        Map.of("faultCode", 400, "faultString", "division by zero: y must not be 0"), answers[1]);
    assertEquals(-32602, ((Map<?, ?>) answers[2]).get("faultCode"));
    assertArrayEquals(new Object[] {0}, (Object[]) answers[3]);
  }

  @Test
  void callsFollowEachOtherOnOneKeepAliveConnection() throws Exception {
    byte[] call = XmlRpcCalls.addTwoAndThree().getBytes(StandardCharsets.US_ASCII);
    String request =
        "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
            + "Content-Length: "
            + call.length
            + "\r\n\r\n"
            + new String(call, StandardCharsets.US_ASCII);
    try (SSLSocket socket =
        (SSLSocket)
            server.clientTls.getSocketFactory().createSocket("127.0.0.1", server.endpoint.port())) {
      socket.setSoTimeout(10_000);
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String answer = readAnswer(socket.getInputStream());
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("<double>5.0</double>"), answer);
      }
    }
  }

  @Test
  void pipelinedCallsAreAnsweredInTheOrderSent() throws Exception {
    // The phonebook call runs on a worker, the sum on the event loop: the sum must still wait.
    String requests = post(XmlRpcCalls.call("nbNumeros")) + post(XmlRpcCalls.addTwoAndThree());
    try (SSLSocket socket =
        (SSLSocket)
            server.clientTls.getSocketFactory().createSocket("127.0.0.1", server.endpoint.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      String count = readAnswer(socket.getInputStream());
      String sum = readAnswer(socket.getInputStream());
      assertTrue(count.contains("<i4>0</i4>"), count);
      assertTrue(sum.contains("<double>5.0</double>"), sum);
    }
  }

  @Test
  void http10CallIsAnsweredAndTheConnectionClosed() throws Exception {
    String request = post(XmlRpcCalls.addTwoAndThree()).replace("HTTP/1.1", "HTTP/1.0");
    try (SSLSocket socket =
        (SSLSocket)
            server.clientTls.getSocketFactory().createSocket("127.0.0.1", server.endpoint.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      // An HTTP/1.0 client without keep-alive reads the answer up to the end of the stream.
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.endsWith("</methodResponse>"), answer);
    }
  }

  private static String post(String call) {
    return "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
        + "Content-Length: "
        + call.getBytes(StandardCharsets.US_ASCII).length
        + "\r\n\r\n"
        + call;
  }

  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder answer = new StringBuilder();
    while (answer.indexOf("</methodResponse>") < 0) {
      int c = in.read();
      if (c == -1) {
        break;
      }
      answer.append((char) c);
    }
    return answer.toString();
  }

  @Test
  void getIsRefusedWith405() throws Exception {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.endpoint.uri()));
    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void anotherPathIsRefusedWith404() throws Exception {
    URI other = server.endpoint.uri().resolve("/RPC2/extra");
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(other)
                .POST(HttpRequest.BodyPublishers.ofString(XmlRpcCalls.addTwoAndThree())));
    assertEquals(404, response.statusCode());
  }

  @Test
  void closingTwiceIsSafeAndStopsServing() {
    server.endpoint.close();
    server.endpoint.close();
    TransportException error = assertThrows(TransportException.class, () -> calculator.add(1, 2));
    assertEquals(TransportException.Kind.UNREACHABLE, error.kind());
  }
}

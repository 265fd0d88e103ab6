package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, oversized and hostile requests: each gets a fault or a 4xx, none reaches the network
 * or burns the CPU, and the server answers a normal call afterwards.
 */
@Timeout(30)
class XmlRpcHostileInputTest {
  @TempDir Path directory;
  private XmlRpcTestServer server;

  @BeforeEach
  void start() throws IOException {
    server = XmlRpcTestServer.start(directory, XmlRpcLimits.defaults().withMaxNestingDepth(8));
  }

  @AfterEach
  void stillServesThenStop() throws Exception {
    try {
      HttpResponse<String> normal = server.post(XmlRpcCalls.addTwoAndThree());
      assertEquals(200, normal.statusCode());
      assertTrue(normal.body().contains("<double>5.0</double>"), normal.body());
    } finally {
      server.close();
    }
  }

  @Test
  void doctypeWithAnExternalDtdIsRefusedWithoutFetchingIt() throws Exception {
    try (DtdHost dtdHost = new DtdHost()) {
      String dtd = dtdHost.url() + "evil.dtd";
      String external =
          "<?xml version=\"1.0\"?><!DOCTYPE methodCall SYSTEM \""
              + dtd
              + "\">"
              + XmlRpcCalls.addTwoAndThree().substring("<?xml version=\"1.0\"?>".length());
      String body = Faults.assertFault(-32700, server.post(external));
      assertTrue(body.contains("DOCTYPE"), body);
      String entity =
          "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \""
              + dtd
              + "?entity\">]>"
              + XmlRpcCalls.call("trouverNumero", "<string>&x;</string>")
                  .substring("<?xml version=\"1.0\"?>".length());
      Faults.assertFault(-32700, server.post(entity));
      assertEquals(List.of(), dtdHost.fetched());
    }
  }

  @Test
  void billionLaughsIsRefusedAtOnce() throws Exception {
    StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [");
    laughs.append("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      laughs
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    laughs
        .append("]>")
        .append(
            XmlRpcCalls.call("trouverNumero", "<string>&lol9;</string>")
                .substring("<?xml version=\"1.0\"?>".length()));
    String body = Faults.assertFault(-32700, server.post(laughs.toString()));
    // Refused at the DOCTYPE, not after expanding entities up to the JDK's own limit.
    assertTrue(body.contains("DOCTYPE"), body);
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
    int twentyMegabytes = 20 << 20;
    String head =
        "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
            + "Content-Length: "
            + twentyMegabytes
            + "\r\n\r\n";
    String status =
        server.rawStatusLine(
            head, "<?xml version=\"1.0\"?><methodCall>".getBytes(StandardCharsets.US_ASCII));
    assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
  }

  @Test
  void refusalIsReadWholeWhileTheRefusedBodyIsStillArriving() throws Exception {
    // Closing with the body unread would reset the connection and could destroy the 404.
    byte[] body = new byte[512 * 1024];
    String head =
        "POST /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    for (int i = 0; i < 20; i++) {
      assertEquals("HTTP/1.1 404 Not Found", server.rawStatusLine(head, body));
    }
  }

  @Test
  void garbageInsteadOfAnHttpRequestIsRefusedWith400() throws Exception {
    assertEquals(
        "HTTP/1.1 400 Bad Request",
        server.rawStatusLine("\u0001\u0002 not http at all\r\n\r\n", new byte[0]));
  }

  @Test
  void requestLineOverTheLimitIsRefusedWith414() throws Exception {
    String head = "POST /RPC2?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    assertEquals("HTTP/1.1 414 Request-URI Too Long", server.rawStatusLine(head, new byte[0]));
  }

  @Test
  void headersOverTheLimitAreRefusedWith431() throws Exception {
    String head =
        "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "X-Padding: "
            + "a".repeat(10_000)
            + "\r\nContent-Length: 0\r\n\r\n";
    assertEquals(
        "HTTP/1.1 431 Request Header Fields Too Large", server.rawStatusLine(head, new byte[0]));
  }

  @Test
  void unparsableContentLengthIsRefusedWith400() throws Exception {
    String head = "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten\r\n\r\n";
    assertEquals("HTTP/1.1 400 Bad Request", server.rawStatusLine(head, new byte[0]));
  }

  @Test
  void bodyWithoutContentLengthIsRefusedWith411() throws Exception {
    byte[] call = XmlRpcCalls.addTwoAndThree().getBytes(StandardCharsets.US_ASCII);
    String head =
        "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(call.length)
            + "\r\n";
    String status =
        server.rawStatusLine(
            head,
            (new String(call, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    assertEquals("HTTP/1.1 411 Length Required", status);
  }

  @Test
  void malformedXmlIsANotWellFormedFault() throws Exception {
    Faults.assertFault(-32700, server.post("<methodCall><methodName>add</methodCall>"));
  }

  @Test
  void emptyBodyIsANotWellFormedFault() throws Exception {
    Faults.assertFault(-32700, server.post(""));
  }

  @Test
  void callWithoutParamsIsAnInvalidParamsFault() throws Exception {
    String body =
        Faults.assertFault(
            -32602,
            server.post(
                "<?xml version=\"1.0\"?><methodCall><methodName>add</methodName>"
                    + "</methodCall>"));
    assertTrue(body.contains("add takes 2 parameters, got 0"), body);
  }

  @Test
  void stringWhereANumberBelongsIsAnInvalidParamsFault() throws Exception {
    Faults.assertFault(
        -32602, server.post(XmlRpcCalls.call("add", "<string>two</string>", "<int>3</int>")));
  }

  @Test
  void nonNumericIntIsANotWellFormedFault() throws Exception {
    Faults.assertFault(
        -32700, server.post(XmlRpcCalls.call("add", "<int>two</int>", "<int>3</int>")));
  }

  @Test
  void serializedJavaObjectIsRefusedSinceExtensionsAreOff() throws Exception {
    String serialized = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xAC, (byte) 0xED});
    Faults.assertFault(
        -32700,
        server.post(
            XmlRpcCalls.call(
                "add",
                "<ex:serializable xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">"
                    + serialized
                    + "</ex:serializable>",
                "<int>3</int>")));
    Faults.assertFault(
        -32700,
        server.post(
            XmlRpcCalls.call(
                "add",
                "<ex:i8 xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">2</ex:i8>",
                "<int>3</int>")));
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() throws Exception {
    String deep =
        "<array><data><value>".repeat(9) + "<int>1</int>" + "</value></data></array>".repeat(9);
    String body =
        Faults.assertFault(-32700, server.post(XmlRpcCalls.call("add", deep, "<int>3</int>")));
    assertTrue(body.contains("nest deeper than the limit of 8 levels"), body);
  }
}

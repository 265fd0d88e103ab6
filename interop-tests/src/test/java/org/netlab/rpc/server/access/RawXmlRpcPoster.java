package org.netlab.rpc.server.access;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.netlab.rpc.contract.BearerAuthorization;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.SslContexts;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An XML-RPC client that knows no method: posts a {@code <methodCall>} for any method with the
 * JDK's {@link HttpClient}, {@code Authorization: Bearer TOKEN} when given a token, and reads the
 * answer itself, so that a test sees exactly the fault codes on the wire.
 */
final class RawXmlRpcPoster implements AutoCloseable {
  private final HttpClient http;
  private final URI url;

  private RawXmlRpcPoster(HttpClient http, URI url) {
    this.http = http;
    this.url = url;
  }

  /** A poster to {@code server}'s XML-RPC endpoint, trusting its CA. */
  static RawXmlRpcPoster to(LoopbackServer server) throws IOException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(SslContexts.forClient(server.caFile(), null, null))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new RawXmlRpcPoster(http, URI.create(server.xmlRpcUrl()));
  }

  /**
   * Calls {@code method} with {@code params} (Integer, Double, String, List and Map values) as the
   * holder of {@code token}, or as nobody when it is null.
   */
  Answer call(String token, String method, Object... params)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
    body.append(escaped(method)).append("</methodName><params>");
    for (Object param : params) {
      body.append("<param>");
      appendValue(body, param);
      body.append("</param>");
    }
    body.append("</params></methodCall>");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (token != null) {
      request.header(BearerAuthorization.HTTP_HEADER, BearerAuthorization.value(token));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.body());
  }

  private static void appendValue(StringBuilder body, Object value) {
    body.append("<value>");
    switch (value) {
      case Integer number -> body.append("<int>").append(number).append("</int>");
      case Double number -> body.append("<double>").append(number).append("</double>");
      case String text -> body.append("<string>").append(escaped(text)).append("</string>");
      case List<?> list -> {
        body.append("<array><data>");
        list.forEach(element -> appendValue(body, element));
        body.append("</data></array>");
      }
      case Map<?, ?> struct -> {
        body.append("<struct>");
        struct.forEach(
            (name, member) -> {
              body.append("<member><name>").append(escaped((String) name)).append("</name>");
              appendValue(body, member);
              body.append("</member>");
            });
        body.append("</struct>");
      }
      default -> throw new IllegalArgumentException("cannot send " + value.getClass());
    }
    body.append("</value>");
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** An HTTP answer, and what its {@code <methodResponse>} says when it has one. */
  record Answer(int httpStatus, String body) {
    private static final String RESULT = "/methodResponse/params/param/value";

    /** The fault's code, or empty when the call answered a result. */
    OptionalInt faultCode() {
      String code =
          text(document(), "/methodResponse/fault/value/struct/member[name='faultCode']/value");
      return code.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(code));
    }

    /** The result's text, such as {@code 5.0}; empty for a fault. */
    String result() {
      return text(document(), RESULT);
    }

    /** The texts of an array result, such as the names {@code system.listMethods} answers. */
    List<String> resultList() {
      List<String> texts = new ArrayList<>();
      for (Element value : elements(document(), RESULT + "/array/data/value")) {
        texts.add(value.getTextContent().strip());
      }
      return texts;
    }

    /**
     * What each call of a {@code system.multicall} answered, in order: {@code ok RESULT} or {@code
     * fault CODE}.
     */
    List<String> multicallOutcomes() {
      List<String> outcomes = new ArrayList<>();
      for (Element value : elements(document(), RESULT + "/array/data/value")) {
        Element answer = firstChildElement(value);
        outcomes.add(
            answer.getTagName().equals("struct")
                ? "fault " + text(answer, "member[name='faultCode']/value")
                : "ok " + text(answer, "data/value"));
      }
      return outcomes;
    }

    private Document document() {
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new AssertionError("not a methodResponse (HTTP " + httpStatus + "): " + body, e);
      }
    }

    private static String text(Node context, String path) {
      try {
        return ((String) xpath().evaluate(path, context, XPathConstants.STRING)).strip();
      } catch (XPathExpressionException e) {
        throw new IllegalStateException(path, e);
      }
    }

    private static List<Element> elements(Node context, String path) {
      try {
        NodeList nodes = (NodeList) xpath().evaluate(path, context, XPathConstants.NODESET);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
          found.add((Element) nodes.item(i));
        }
        return found;
      } catch (XPathExpressionException e) {
        throw new IllegalStateException(path, e);
      }
    }

    private static Element firstChildElement(Element parent) {
      for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element element) {
          return element;
        }
      }
      throw new AssertionError("an empty <value> in a multicall answer");
    }

    private static XPath xpath() {
      return XPathFactory.newInstance().newXPath();
    }
  }

  @Override
  public void close() {
    http.close();
  }
}

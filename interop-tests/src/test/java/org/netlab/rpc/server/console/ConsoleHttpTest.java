package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.grpc.MethodDescriptor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.proto.admin.v1.TokenServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.SslContexts;

/**
 * The console over HTTPS with the JDK's client and raw requests: the strict headers on every
 * answer, the right content types, 404 for files it does not list however the path is spelled,
 * HEAD, revalidation, redirects, and the description of both protocols.
 */
@Timeout(60)
class ConsoleHttpTest {
  private static final List<String> FILES =
      List.of("", "index.html", "app.js", "console.css", "favicon.svg", "api/services");

  @TempDir static Path dataDir;

  private static LoopbackServer server;
  private static SSLContext tls;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    server = LoopbackServer.start(dataDir);
    tls = SslContexts.forClient(server.caFile(), null, null);
    http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.webUrl(path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static RawHttpsRequest.Answer raw(String method, String target) throws Exception {
    return RawHttpsRequest.send(tls, server.webUrl("/"), method, target);
  }

  private static void assertStrictHeaders(
      String what, java.util.function.Function<String, String> header) {
    String policy = header.apply("Content-Security-Policy");
    assertEquals(ConsoleHeaders.CONTENT_SECURITY_POLICY, policy, what);
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertEquals("nosniff", header.apply("X-Content-Type-Options"), what);
    assertEquals("no-referrer", header.apply("Referrer-Policy"), what);
    assertTrue(header.apply("Cache-Control") != null, what + " has no Cache-Control");
  }

  @Test
  void everyConsoleFileCarriesTheStrictHeadersAndItsContentType() throws Exception {
    for (String file : FILES) {
      HttpResponse<String> answer = get("/console/" + file);
      assertEquals(200, answer.statusCode(), file);
      assertStrictHeaders(file, name -> answer.headers().firstValue(name).orElse(null));
    }
    assertEquals("text/html; charset=utf-8", contentType("/console/"));
    assertEquals("text/javascript; charset=utf-8", contentType("/console/app.js"));
    assertEquals("text/css; charset=utf-8", contentType("/console/console.css"));
    assertEquals("image/svg+xml", contentType("/console/favicon.svg"));
    assertEquals("application/json", contentType("/console/api/services"));
    assertEquals(
        "no-store",
        get("/console/api/services").headers().firstValue("Cache-Control").orElseThrow());
  }

  private static String contentType(String path) throws Exception {
    return get(path).headers().firstValue("Content-Type").orElseThrow();
  }

  @Test
  void refusalsAndRedirectsCarryTheStrictHeadersToo() throws Exception {
    HttpResponse<String> missing = get("/console/missing.js");
    assertEquals(404, missing.statusCode());
    assertStrictHeaders("404", name -> missing.headers().firstValue(name).orElse(null));
    assertEquals(
        "text/plain; charset=utf-8", missing.headers().firstValue("Content-Type").orElseThrow());

    HttpResponse<String> console = get("/console");
    assertEquals(301, console.statusCode());
    assertEquals("/console/", console.headers().firstValue("Location").orElseThrow());
    assertStrictHeaders("301", name -> console.headers().firstValue(name).orElse(null));

    HttpResponse<String> root = get("/");
    assertEquals(302, root.statusCode());
    assertEquals("/console/", root.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void unknownFilesAndTraversalShapesAreNotFound() throws Exception {
    for (String target :
        List.of(
            "/console/../RPC2",
            "/console/../",
            "/console/%2e%2e/",
            "/console/%2E%2E/RPC2",
            "/console/..%2fRPC2",
            "/console/%2fetc%2fpasswd",
            "/console//app.js",
            "/console/./app.js",
            "/console/app.js/",
            "/console/APP.JS",
            "/console/app.js%00",
            "/console/..;/app.js",
            "/console/api/",
            "/console/api/services/",
            "/console/org/netlab/rpc/server/console/app.js",
            "/console/ConsoleRoute.class")) {
      RawHttpsRequest.Answer answer = raw("GET", target);
      assertEquals(404, answer.status(), target);
      assertStrictHeaders(target, answer::header);
      assertFalse(answer.body().contains("import "), target + " served a module");
    }
  }

  @Test
  void headAnswersTheHeadersOfGetWithoutItsBody() throws Exception {
    HttpResponse<String> full = get("/console/app.js");
    RawHttpsRequest.Answer head = raw("HEAD", "/console/app.js");
    assertEquals(200, head.status());
    assertEquals("", head.body());
    assertEquals(
        String.valueOf(full.body().getBytes(StandardCharsets.UTF_8).length),
        head.header("Content-Length"));
    assertEquals(full.headers().firstValue("ETag").orElseThrow(), head.header("ETag"));
    assertStrictHeaders("HEAD", head::header);
  }

  @Test
  void anUnchangedFileIsNotSentAgain() throws Exception {
    String etag = get("/console/app.js").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get("/console/app.js", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void methodsOtherThanGetAndHeadAreRefused() throws Exception {
    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(server.webUrl("/console/"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, posted.statusCode());
    assertEquals("GET, HEAD", posted.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void theDescriptionListsEveryMethodOfBothProtocolsWithTheProtoComments() throws Exception {
    String json = get("/console/api/services").body();
    assertTrue(json.contains("x + y."), "Add's comment from calculator.proto");
    Struct.Builder catalog = Struct.newBuilder();
    JsonFormat.parser().merge(json, catalog);

    Set<String> grpcPaths = new HashSet<>();
    for (Value service : list(catalog.getFieldsOrThrow("grpc"), "services").getValuesList()) {
      for (Value method : list(service, "methods").getValuesList()) {
        grpcPaths.add(method.getStructValue().getFieldsOrThrow("path").getStringValue());
      }
    }
    for (io.grpc.ServiceDescriptor service :
        List.of(
            CalculatorServiceGrpc.getServiceDescriptor(),
            PhonebookServiceGrpc.getServiceDescriptor(),
            TokenServiceGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        assertTrue(
            grpcPaths.contains("/" + method.getFullMethodName()), method.getFullMethodName());
      }
    }

    Set<String> xmlRpcNames = new HashSet<>();
    for (Value method : list(catalog.getFieldsOrThrow("xmlrpc"), "methods").getValuesList()) {
      xmlRpcNames.add(method.getStructValue().getFieldsOrThrow("name").getStringValue());
    }
    assertEquals(listMethods(), xmlRpcNames);
  }

  private static ListValue list(Value object, String field) {
    return object.getStructValue().getFieldsOrThrow(field).getListValue();
  }

  /** What the XML-RPC endpoint itself answers to {@code system.listMethods}. */
  private static Set<String> listMethods() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(server.xmlRpcUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "<?xml version=\"1.0\"?><methodCall><methodName>system.listMethods"
                            + "</methodName><params/></methodCall>"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Set<String> names = new HashSet<>();
    Matcher strings =
        Pattern.compile("<value>(?:<string>)?([^<]+)(?:</string>)?</value>").matcher(answer.body());
    while (strings.find()) {
      names.add(strings.group(1));
    }
    assertTrue(names.contains("calculator.add"), answer.body());
    return names;
  }
}

package org.netlab.rpc.server.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.Role;
import org.netlab.rpc.server.LoopbackServer;

/**
 * The JSON gateway as curl sees it, with the calls the docs show: Connect's unary JSON and its
 * error shape with the matching HTTP status, the same access rules and audit trail as gRPC, a
 * server-streaming list in Connect's envelopes, and a precise refusal of each malformed request,
 * after which the next caller is served.
 */
@Timeout(120)
class ConnectGatewayCurlTest {
  private static final String CALCULATOR = "/netlab.calculator.v1.CalculatorService/";
  private static final String PHONEBOOK = "/netlab.phonebook.v1.PhonebookService/";
  private static final String JSON = "Content-Type: application/json";

  @TempDir Path work;
  private LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(CurlCall.curlAvailable(), "skipped: curl is not installed (Debian package curl)");
    server = LoopbackServer.start(work.resolve("server"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private CurlCall post(String path, String body, String... options) throws Exception {
    return post(path, body.getBytes(StandardCharsets.UTF_8), options);
  }

  private CurlCall post(String path, byte[] body, String... options) throws Exception {
    return CurlCall.post(work, server.caFile(), server.httpsBaseUrl() + path, body, options);
  }

  private String bearer(String token) {
    return "Authorization: Bearer " + token;
  }

  @Test
  void addAnswersTheSumAsJson() throws Exception {
    CurlCall sum = post(CALCULATOR + "Add", "{\"x\": 2, \"y\": 3}", "-H", JSON);
    assertEquals(200, sum.status(), sum.text());
    assertTrue(sum.headers().contains("content-type: application/json"), sum.headers());
    assertEquals("{\"value\":5.0}", sum.text());
  }

  @Test
  void aZeroResultIsWrittenNotLeftOut() throws Exception {
    CurlCall difference = post(CALCULATOR + "Subtract", "{\"x\": 2, \"y\": 2}", "-H", JSON);
    assertEquals("{\"value\":0.0}", difference.text());
  }

  @Test
  void aServiceErrorAnswersConnectsErrorShapeWithItsHttpStatus() throws Exception {
    CurlCall divided = post(CALCULATOR + "Divide", "{\"x\": 1, \"y\": 0}", "-H", JSON);
    assertEquals(400, divided.status());
    assertEquals(
        "{\"code\":\"invalid_argument\",\"message\":\"division by zero: y must not be 0\"}",
        divided.text());
    assertTrue(
        divided.headers().contains("trailer-netlab-error-code: invalid_argument"),
        divided.headers());
  }

  @Test
  void thePhonebookTakesTheSameTokensAndRolesAsGrpcAndAuditsTheWrite() throws Exception {
    String entry = "{\"name\": \"ada\", \"number\": \"+44 20 7946 0001\"}";
    CurlCall anonymous = post(PHONEBOOK + "AddEntry", entry, "-H", JSON);
    assertEquals(401, anonymous.status());
    assertTrue(anonymous.text().startsWith("{\"code\":\"unauthenticated\""), anonymous.text());

    String reader = server.access().tokens().create("rita", Role.READER, null).token();
    CurlCall refused = post(PHONEBOOK + "AddEntry", entry, "-H", JSON, "-H", bearer(reader));
    assertEquals(403, refused.status());
    assertTrue(refused.text().startsWith("{\"code\":\"permission_denied\""), refused.text());

    CurlCall added =
        post(PHONEBOOK + "AddEntry", entry, "-H", JSON, "-H", bearer(server.adminToken()));
    assertEquals(200, added.status(), added.text());
    assertEquals("{\"name\":\"ada\",\"number\":\"+44 20 7946 0001\"}", added.text());
    CurlCall found =
        post(PHONEBOOK + "FindNumber", "{\"name\": \"ADA\"}", "-H", JSON, "-H", bearer(reader));
    assertEquals("{\"name\":\"ada\",\"number\":\"+44 20 7946 0001\"}", found.text());

    String trail = server.store().audit().recent(10).toString();
    assertTrue(trail.contains("rita") && trail.contains("admin"), trail);
  }

  @Test
  void healthAnswersAnyoneAndTurnsNotServingWhenTheServerDrains() throws Exception {
    String check = "/grpc.health.v1.Health/Check";
    assertEquals("{\"status\":\"SERVING\"}", post(check, "{}", "-H", JSON).text());
    server.beginDrain();
    assertEquals("{\"status\":\"NOT_SERVING\"}", post(check, "{}", "-H", JSON).text());
  }

  @Test
  void listEntriesStreamsEachEntryInAnEnvelopeThenTheEnd() throws Exception {
    for (String name : List.of("ada", "alan", "grace")) {
      CurlCall added =
          post(
              PHONEBOOK + "AddEntry",
              "{\"name\": \"" + name + "\", \"number\": \"555 0100\"}",
              "-H",
              JSON,
              "-H",
              bearer(server.adminToken()));
      assertEquals(200, added.status(), added.text());
    }
    CurlCall listed =
        post(
            PHONEBOOK + "ListEntries",
            envelope(0, "{\"namePrefix\": \"a\"}"),
            "-H",
            "Content-Type: application/connect+json",
            "-H",
            bearer(server.adminToken()));
    assertEquals(200, listed.status());
    assertTrue(listed.headers().contains("content-type: application/connect+json"));
    assertEquals(
        List.of(
            "0 {\"name\":\"ada\",\"number\":\"555 0100\"}",
            "0 {\"name\":\"alan\",\"number\":\"555 0100\"}",
            "2 {}"),
        envelopes(listed.body()));
  }

  @Test
  void aStreamThatFailsEndsWithTheErrorInItsLastEnvelope() throws Exception {
    CurlCall listed =
        post(
            PHONEBOOK + "ListEntries",
            envelope(0, "{}"),
            "-H",
            "Content-Type: application/connect+json");
    assertEquals(200, listed.status(), "Connect streams report errors at their end");
    List<String> frames = envelopes(listed.body());
    assertEquals(1, frames.size(), frames.toString());
    assertTrue(
        frames.get(0).startsWith("2 {\"error\":{\"code\":\"unauthenticated\""), frames.get(0));
  }

  @Test
  void malformedRequestsAreRefusedPreciselyAndTheNextCallerIsServed() throws Exception {
    CurlCall unknownField = post(CALCULATOR + "Add", "{\"x\": 2, \"z\": 3}", "-H", JSON);
    assertEquals(400, unknownField.status());
    assertTrue(unknownField.text().contains("invalid_argument"), unknownField.text());
    assertTrue(unknownField.text().contains("z"), unknownField.text());

    CurlCall notJson = post(CALCULATOR + "Add", "{\"x\": 2,", "-H", JSON);
    assertEquals(400, notJson.status());
    assertTrue(
        notJson.text().contains("not a valid netlab.calculator.v1.BinaryOperation"),
        notJson.text());

    String deep = "[".repeat(100) + "]".repeat(100);
    CurlCall nested = post(CALCULATOR + "Add", "{\"x\": " + deep + "}", "-H", JSON);
    assertEquals(400, nested.status());
    assertTrue(nested.text().contains("nests deeper than 32 levels"), nested.text());

    CurlCall wrongType = post(CALCULATOR + "Add", "x=2&y=3", "-H", "Content-Type: text/plain");
    assertEquals(415, wrongType.status());
    assertTrue(wrongType.headers().contains("accept-post: application/json"), wrongType.headers());

    CurlCall streamingAsUnary =
        post(PHONEBOOK + "ListEntries", "{}", "-H", JSON, "-H", bearer(server.adminToken()));
    assertEquals(415, streamingAsUnary.status());

    CurlCall badTimeout =
        post(CALCULATOR + "Add", "{}", "-H", JSON, "-H", "Connect-Timeout-Ms: soon");
    assertEquals(400, badTimeout.status());
    assertTrue(badTimeout.text().contains("Connect-Timeout-Ms"), badTimeout.text());

    CurlCall compressed =
        post(CALCULATOR + "Add", "{}", "-H", JSON, "-H", "Content-Encoding: gzip");
    assertEquals(501, compressed.status());

    CurlCall unknownMethod = post(CALCULATOR + "Power", "{}", "-H", JSON);
    assertEquals(404, unknownMethod.status());

    CurlCall tooBig = post(CALCULATOR + "Add", new byte[(1 << 20) + 1], "-H", JSON);
    assertEquals(413, tooBig.status());

    CurlCall get =
        CurlCall.post(
            work, server.caFile(), server.httpsBaseUrl() + CALCULATOR + "Add", new byte[0], "-G");
    assertEquals(405, get.status());
    assertTrue(get.headers().contains("allow: post"), get.headers());

    CurlCall chunked =
        post(
            CALCULATOR + "Add",
            "{\"x\": 4, \"y\": 5}",
            "-H",
            JSON,
            "-H",
            "Transfer-Encoding: chunked");
    assertEquals("{\"value\":9.0}", chunked.text(), "a chunked body, as Node's clients send");
  }

  @Test
  void theDeadlineOfConnectTimeoutMsIsTheCallsDeadline() throws Exception {
    CurlCall sum =
        post(
            CALCULATOR + "Add",
            "{\"x\": 1, \"y\": 1}",
            "-H",
            JSON,
            "-H",
            "Connect-Timeout-Ms: 5000");
    assertEquals("{\"value\":2.0}", sum.text());
  }

  @Test
  void binaryProtobufIsTakenAsWellAsJson() throws Exception {
    // BinaryOperation{x: 2, y: 3}: field 1 and 2, both fixed64 doubles.
    ByteBuffer message = ByteBuffer.allocate(18).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    message.put((byte) 0x09).putDouble(2).put((byte) 0x11).putDouble(3);
    CurlCall sum =
        post(CALCULATOR + "Add", message.array(), "-H", "Content-Type: application/proto");
    assertEquals(200, sum.status());
    ByteBuffer five = ByteBuffer.allocate(9).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    five.put((byte) 0x09).putDouble(5);
    assertArrayEquals(five.array(), sum.body());
  }

  private static byte[] envelope(int flags, String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(flags);
    out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** Each envelope of a stream as "FLAGS JSON". */
  private static List<String> envelopes(byte[] body) {
    List<String> frames = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(body);
    while (in.hasRemaining()) {
      int flags = in.get() & 0xff;
      byte[] payload = new byte[in.getInt()];
      in.get(payload);
      frames.add(flags + " " + new String(payload, StandardCharsets.UTF_8));
    }
    return frames;
  }
}

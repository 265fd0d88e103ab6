package org.netlab.rpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.Entry;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc.PhonebookServiceBlockingStub;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.contract.IdempotencyKeys;
import org.netlab.rpc.contract.ServedBy;
import org.netlab.rpc.server.connect.CurlCall;
import org.netlab.rpc.server.grpc.TestChannel;

/**
 * A write sent again with its idempotency key, over each protocol, is answered as it first was and
 * applied once; a key sent with another request, or malformed, is refused; and every answer names
 * the server that gave it. XML-RPC and the JSON gateway are called by curl, an independent client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdempotentWritesTest {
  @TempDir Path dataDir;
  @TempDir Path work;
  private LoopbackServer server;
  private TestChannel channel;

  @BeforeEach
  void start() throws Exception {
    server = LoopbackServer.start(dataDir);
    channel = TestChannel.open(server.clientSettings());
  }

  @AfterEach
  void stop() {
    channel.close();
    server.close();
  }

  @Test
  void aGrpcAddSentTwiceWithOneKeyIsAnsweredTwiceAndAppliedOnce() {
    Entry first = keyed("key-000000000001").addEntry(add("Ada"));
    Entry again = keyed("key-000000000001").addEntry(add("Ada"));
    assertEquals(first, again);
    StatusRuntimeException fresh =
        assertThrows(
            StatusRuntimeException.class, () -> keyed("key-000000000002").addEntry(add("Ada")));
    assertEquals(Status.Code.ALREADY_EXISTS, fresh.getStatus().getCode(), "a new key, a new call");
    assertEquals(1, count());
  }

  @Test
  void aGrpcKeySentAgainWithAnotherRequestIsRefusedAsInvalidArgument() {
    keyed("key-000000000001").addEntry(add("Ada"));
    StatusRuntimeException other =
        assertThrows(
            StatusRuntimeException.class, () -> keyed("key-000000000001").addEntry(add("Alan")));
    assertEquals(Status.Code.INVALID_ARGUMENT, other.getStatus().getCode());
    assertTrue(other.getStatus().getDescription().contains("another request"));
    assertEquals(1, count());
  }

  @Test
  void aMalformedGrpcKeyIsRefusedAndNothingIsWritten() {
    StatusRuntimeException refused =
        assertThrows(StatusRuntimeException.class, () -> keyed("short").addEntry(add("Ada")));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    assertEquals(IdempotencyKeys.formRule(), refused.getStatus().getDescription());
    assertEquals(0, count());
  }

  @Test
  void everyGrpcAnswerNamesItsServerInATrailerRefusalsIncluded() {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    PhonebookServiceBlockingStub stub =
        authorized()
            .withInterceptors(
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers));
    stub.addEntry(add("Ada"));
    assertEquals(ServerName.ofProcess(), trailers.get().get(ServedBy.GRPC_KEY));
    trailers.set(null);
    assertThrows(
        StatusRuntimeException.class,
        () -> stub.findNumber(FindNumberRequest.newBuilder().setName("Nobody").build()));
    assertEquals(ServerName.ofProcess(), trailers.get().get(ServedBy.GRPC_KEY));
  }

  @Test
  void anXmlRpcAddSentTwiceByCurlWithOneKeyIsAnsweredTwiceAndAppliedOnce() throws Exception {
    Assumptions.assumeTrue(CurlCall.curlAvailable(), "curl is not installed");
    String addAda = methodCall("phonebook.addEntry", "Ada", "555-0100");
    CurlCall first = xmlRpc(addAda, "-H", "Idempotency-Key: key-000000000001");
    CurlCall again = xmlRpc(addAda, "-H", "Idempotency-Key: key-000000000001");
    assertEquals(200, again.status());
    assertEquals(first.text(), again.text());
    assertTrue(again.text().contains("555-0100") && !again.text().contains("fault"), again.text());
    assertTrue(
        again.headers().contains(ServedBy.HTTP_HEADER + ": " + ServerName.ofProcess()),
        again.headers());
    CurlCall fresh = xmlRpc(addAda, "-H", "Idempotency-Key: key-000000000002");
    assertTrue(fresh.text().contains("faultCode"), "a new key, a new call: " + fresh.text());
    assertEquals(1, count());
  }

  @Test
  void aMulticallSentAgainWithItsKeyIsAnsweredCallByCallAsFirst() throws Exception {
    Assumptions.assumeTrue(CurlCall.curlAvailable(), "curl is not installed");
    String multicall =
        "<?xml version=\"1.0\"?><methodCall><methodName>system.multicall</methodName><params>"
            + "<param><value><array><data>"
            + call("Ada")
            + call("Alan")
            + "</data></array></value></param></params></methodCall>";
    CurlCall first = xmlRpc(multicall, "-H", "Idempotency-Key: batch-00000001");
    CurlCall again = xmlRpc(multicall, "-H", "Idempotency-Key: batch-00000001");
    assertEquals(first.text(), again.text());
    assertTrue(!again.text().contains("faultCode"), again.text());
    assertEquals(2, count(), "each call of the multicall once");
  }

  @Test
  void aGatewayAddSentTwiceByCurlWithOneKeyIsAnsweredTwiceAndAppliedOnce() throws Exception {
    Assumptions.assumeTrue(CurlCall.curlAvailable(), "curl is not installed");
    String url = server.httpsBaseUrl() + "/netlab.phonebook.v1.PhonebookService/AddEntry";
    byte[] body = "{\"name\":\"Ada\",\"number\":\"555-0100\"}".getBytes(StandardCharsets.UTF_8);
    String[] options = {
      "-H", "Content-Type: application/json",
      "-H", "Authorization: Bearer " + server.adminToken(),
      "-H", "Idempotency-Key: key-000000000001"
    };
    CurlCall first = CurlCall.post(work, server.caFile(), url, body, options);
    CurlCall again = CurlCall.post(work, server.caFile(), url, body, options);
    assertEquals(200, first.status(), first.text());
    assertEquals(200, again.status(), again.text());
    assertEquals(first.text(), again.text());
    assertEquals(1, count());
  }

  private CurlCall xmlRpc(String body, String... options) throws Exception {
    String[] all = new String[options.length + 4];
    all[0] = "-H";
    all[1] = "Content-Type: text/xml";
    all[2] = "-H";
    all[3] = "Authorization: Bearer " + server.adminToken();
    System.arraycopy(options, 0, all, 4, options.length);
    return CurlCall.post(
        work, server.caFile(), server.xmlRpcUrl(), body.getBytes(StandardCharsets.UTF_8), all);
  }

  private static String methodCall(String method, String... strings) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
    xml.append(method).append("</methodName><params>");
    for (String s : strings) {
      xml.append("<param><value><string>").append(s).append("</string></value></param>");
    }
    return xml.append("</params></methodCall>").toString();
  }

  private static String call(String name) {
    return "<value><struct><member><name>methodName</name><value><string>phonebook.addEntry"
        + "</string></value></member><member><name>params</name><value><array><data>"
        + "<value><string>"
        + name
        + "</string></value><value><string>555-0100</string></value>"
        + "</data></array></value></member></struct></value>";
  }

  private long count() {
    try (RpcConnection connection = RpcConnection.open(server.clientSettings())) {
      return connection.phonebook().count();
    }
  }

  private PhonebookServiceBlockingStub authorized() {
    return PhonebookServiceGrpc.newBlockingStub(channel.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private PhonebookServiceBlockingStub keyed(String key) {
    Metadata headers = new Metadata();
    headers.put(IdempotencyKeys.GRPC_KEY, key);
    return authorized().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static AddEntryRequest add(String name) {
    return AddEntryRequest.newBuilder().setName(name).setNumber("555-0100").build();
  }
}

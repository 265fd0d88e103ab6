package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.server.GatedPhonebook;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.tls.SslContexts;

/**
 * Clients that err or attack get a precise status, and the server's log stays short: a client's
 * mistake or malice is logged in one line at most, rate-limited, never with a stack trace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileGrpcClientTest {
  /** What a burst of 500 hostile calls may add to the log: a few rate-limited lines. */
  private static final int MAX_LOG_LINES = 60;

  private static final int CALLS = 500;

  /** GOAWAY error code ENHANCE_YOUR_CALM, RFC 9113 section 7. */
  private static final long ENHANCE_YOUR_CALM = 0xb;

  /** Not a protobuf message: a length-delimited field 1 that announces 127 bytes and has none. */
  private static final byte[] MALFORMED = {0x0a, 0x7f};

  @TempDir Path dataDir;

  @Test
  void malformedRequestsFailAsInvalidArgumentAndTheLogStaysShortWithoutStackTraces()
      throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings())) {
      ManagedChannel channel = connection.channel();
      Map<String, Integer> outcomes = new TreeMap<>();
      try (CapturedLog log = CapturedLog.start()) {
        List<CompletableFuture<Status>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
          String method =
              i % 2 == 0
                  ? PhonebookServiceGrpc.getAddEntryMethod().getFullMethodName()
                  : CalculatorServiceGrpc.getAddMethod().getFullMethodName();
          calls.add(callWithBytes(channel, method, MALFORMED));
        }
        for (CompletableFuture<Status> call : calls) {
          Status status = call.get(30, TimeUnit.SECONDS);
          outcomes.merge(status.getCode() + ": " + status.getDescription(), 1, Integer::sum);
        }
        log.awaitQuiet();
        assertAll(
            () ->
                assertEquals(
                    Map.of(
                        "INVALID_ARGUMENT: the request is not a valid"
                            + " netlab.phonebook.v1.AddEntryRequest",
                        CALLS / 2,
                        "INVALID_ARGUMENT: the request is not a valid"
                            + " netlab.calculator.v1.BinaryOperation",
                        CALLS / 2),
                    outcomes),
            () -> assertLogIsShort(log));
      }
      Status valid =
          callWithBytes(
                  channel,
                  PhonebookServiceGrpc.getFindNumberMethod().getFullMethodName(),
                  FindNumberRequest.newBuilder().setName("Nobody").build().toByteArray())
              .get(30, TimeUnit.SECONDS);
      assertEquals(Status.Code.NOT_FOUND, valid.getCode(), valid::toString);
    }
  }

  @Test
  void oversizedMessagesFailAsResourceExhaustedAndTheLogStaysShort() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings());
        CapturedLog log = CapturedLog.start()) {
      byte[] oversized = new byte[GrpcEndpointSettings.DEFAULT_MAX_INBOUND_MESSAGE_BYTES + 1];
      List<CompletableFuture<Status>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(
            callWithBytes(
                connection.channel(),
                PhonebookServiceGrpc.getFindNumberMethod().getFullMethodName(),
                oversized));
      }
      for (CompletableFuture<Status> call : calls) {
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, call.get(30, TimeUnit.SECONDS).getCode());
      }
      log.awaitQuiet();
      assertLogIsShort(log);
    }
  }

  @Test
  void streamsPastThePerConnectionLimitAreRefusedAndTheLogStaysShort() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        CapturedLog log = CapturedLog.start()) {
      int limit = GrpcEndpointSettings.DEFAULT_MAX_CONCURRENT_CALLS_PER_CONNECTION;
      try (RawHttp2Client client = RawHttp2Client.connect(address(server.port()), trust(server))) {
        String path = "/" + CalculatorServiceGrpc.getAddMethod().getFullMethodName();
        for (int i = 0; i < limit + CALLS; i++) {
          client.openStream(2 * i + 1, path);
        }
        client.flush();
        // Every stream past the limit is refused. Each refusal is also a reset the client
        // provoked, which the reset limit may count: then the server hangs up first, with
        // GOAWAY ENHANCE_YOUR_CALM. Which comes first depends on timing; both are defences.
        // The GOAWAY itself may be lost: the server closes with our HEADERS still unread, the
        // kernel answers with a TCP reset, and a reset discards what we had not yet read.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Long goAway = null;
        while (goAway == null
            && !client.isClosed()
            && client.refusedStreams() < CALLS
            && System.nanoTime() < deadline) {
          goAway = client.awaitGoAway(Duration.ofMillis(100));
        }
        int refused = client.refusedStreams();
        if (refused != CALLS) {
          assertTrue(
              goAway != null || client.isClosed(),
              "only "
                  + refused
                  + " of "
                  + CALLS
                  + " streams refused, and the server did not hang up");
          if (goAway != null) {
            assertEquals(ENHANCE_YOUR_CALM, goAway);
          }
          assertTrue(
              refused > 0 && refused <= GrpcEndpointSettings.DEFAULT_MAX_RESETS_PER_WINDOW + 1,
              refused + " streams refused before the server hung up");
        }
      }
      log.awaitQuiet();
      assertLogIsShort(log);
    }
  }

  @Test
  void callsInFlightOnAChannelShutDownNowLeaveAShortLog() throws Exception {
    GatedPhonebook gated = new GatedPhonebook();
    try (GrpcEndpoint endpoint = startTls(gated);
        CapturedLog log = CapturedLog.start()) {
      try (TestChannel connection = TestChannel.open(clientSettings(endpoint))) {
        List<CompletableFuture<Status>> calls = new ArrayList<>();
        byte[] find = FindNumberRequest.newBuilder().setName("Ada").build().toByteArray();
        for (int i = 0; i < CALLS; i++) {
          calls.add(
              callWithBytes(
                  connection.channel(),
                  PhonebookServiceGrpc.getFindNumberMethod().getFullMethodName(),
                  find));
        }
        assertTrue(gated.awaitEntered(CALLS, 30, TimeUnit.SECONDS), "the calls did not arrive");
        connection.channel().shutdownNow();
        for (CompletableFuture<Status> call : calls) {
          assertEquals(Status.Code.UNAVAILABLE, call.get(30, TimeUnit.SECONDS).getCode());
        }
      }
      gated.open();
      endpoint.close(); // waits for the abandoned calls to finish
      log.awaitQuiet();
      assertLogIsShort(log);
    }
  }

  @Test
  void callsInFlightOnAConnectionThatDropsLeaveAShortLog() throws Exception {
    GatedPhonebook gated = new GatedPhonebook();
    try (GrpcEndpoint endpoint = startTls(gated);
        CapturedLog log = CapturedLog.start()) {
      RawHttp2Client client =
          RawHttp2Client.connect(
              address(endpoint.port()),
              SslContexts.forClient(dataDir.resolve("tls/ca.pem"), null, null));
      String path = "/" + PhonebookServiceGrpc.getFindNumberMethod().getFullMethodName();
      byte[] find = FindNumberRequest.newBuilder().setName("Ada").build().toByteArray();
      for (int i = 0; i < CALLS; i++) {
        client.openStream(2 * i + 1, path);
        client.sendMessage(2 * i + 1, find, true);
      }
      client.flush();
      assertTrue(gated.awaitEntered(CALLS, 30, TimeUnit.SECONDS), "the calls did not arrive");
      client.drop();
      client.close();
      gated.open();
      endpoint.close(); // waits for the abandoned calls to finish
      log.awaitQuiet();
      assertLogIsShort(log);
    }
  }

  private static void assertLogIsShort(CapturedLog log) {
    assertFalse(log.hasStackTrace(), log::summary);
    assertTrue(log.lines() <= MAX_LOG_LINES, log::summary);
  }

  private GrpcEndpoint startTls(GatedPhonebook phonebook) throws IOException {
    ServerTls tls = ServerTls.resolve(null, null, null, dataDir);
    GrpcEndpoint endpoint =
        new GrpcEndpoint(
            new GrpcEndpointSettings(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls.files())
                .withShutdownGrace(Duration.ofSeconds(20)),
            new FiniteCalculator(),
            phonebook,
            TestAccess.unchecked());
    endpoint.start();
    return endpoint;
  }

  private ClientSettings clientSettings(GrpcEndpoint endpoint) {
    return ClientSettings.forUrl(endpoint.url()).withCaFile(dataDir.resolve("tls/ca.pem"));
  }

  private static InetSocketAddress address(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private static javax.net.ssl.SSLContext trust(LoopbackServer server) throws IOException {
    return SslContexts.forClient(server.caFile(), null, null);
  }

  /** A unary call whose request is {@code request} as given, bytes the server must parse. */
  static CompletableFuture<Status> callWithBytes(
      ManagedChannel channel, String fullMethodName, byte[] request) {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    ClientCall<byte[], byte[]> call =
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
    CompletableFuture<Status> outcome = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            outcome.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(request);
    call.halfClose();
    return outcome;
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
}

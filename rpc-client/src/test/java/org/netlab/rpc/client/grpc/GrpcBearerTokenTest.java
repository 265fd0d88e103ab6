package org.netlab.rpc.client.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculationResult;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.TlsFiles;

/**
 * What a gRPC server on loopback receives in the {@code authorization} metadata of each call, with
 * and without a token, over TLS and in plain text; and what the client makes of a refusal that
 * echoes the token.
 */
@Timeout(30)
class GrpcBearerTokenTest {
  private static final String TOKEN = "nlt_q8Xz3vLm0pR7tY2wK5nB9cD4fH6jA1sE3gU8iO0kM2x";

  /** Read by name, as any gRPC server would, not through the client's constant. */
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path dir;
  private Server server;

  /** The authorization metadata of each call, in order; "(none)" for a call without. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyCallOverPlaintextCarriesTheBearerToken() throws IOException {
    int port = start(InsecureServerCredentials.create(), recordingOnly());
    try (RpcConnection connection =
        RpcConnection.open(ClientSettings.forUrl("grpc://127.0.0.1:" + port).withToken(TOKEN))) {
      Calculator calculator = connection.calculator();
      assertEquals(3, calculator.add(1, 2));
      assertEquals(5, calculator.add(2, 3));
    }
    assertEquals(List.of("Bearer " + TOKEN, "Bearer " + TOKEN), received);
  }

  @Test
  void everyCallOverTlsCarriesTheBearerToken() throws IOException {
    LocalCertificateAuthority authority = LocalCertificateAuthority.loadOrCreate(dir);
    TlsFiles files = authority.serverFiles();
    int port =
        start(
            TlsServerCredentials.create(files.chain().toFile(), files.key().toFile()),
            recordingOnly());
    ClientSettings settings =
        ClientSettings.forUrl("grpcs://127.0.0.1:" + port)
            .withCaFile(authority.certificateFile())
            .withToken(TOKEN);
    try (RpcConnection connection = RpcConnection.open(settings)) {
      assertEquals(3, connection.calculator().add(1, 2));
    }
    assertEquals(List.of("Bearer " + TOKEN), received);
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() throws IOException {
    int port = start(InsecureServerCredentials.create(), recordingOnly());
    try (RpcConnection connection =
        RpcConnection.open(ClientSettings.forUrl("grpc://127.0.0.1:" + port))) {
      assertEquals(3, connection.calculator().add(1, 2));
    }
    assertEquals(List.of("(none)"), received);
  }

  @Test
  void aRefusalThatEchoesTheTokenIsUnauthenticatedAndHidesIt() throws IOException {
    int port = start(InsecureServerCredentials.create(), refusingEveryCall());
    try (RpcConnection connection =
        RpcConnection.open(ClientSettings.forUrl("grpc://127.0.0.1:" + port).withToken(TOKEN))) {
      Calculator calculator = connection.calculator();
      ServiceException refusal = assertThrows(ServiceException.class, () -> calculator.add(1, 2));
      assertEquals(ErrorCode.UNAUTHENTICATED, refusal.code());
      assertFalse(refusal.getMessage().contains(TOKEN), refusal.getMessage());
      assertTrue(refusal.getMessage().contains("(hidden)"), refusal.getMessage());
    }
  }

  private ServerInterceptor recordingOnly() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String authorization = headers.get(AUTHORIZATION);
        received.add(authorization == null ? "(none)" : authorization);
        return next.startCall(call, headers);
      }
    };
  }

  /** Refuses as a careless server might, quoting the header it was sent. */
  private static ServerInterceptor refusingEveryCall() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        call.close(
            Status.UNAUTHENTICATED.withDescription(
                "unknown token in " + headers.get(AUTHORIZATION)),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
    };
  }

  /** A calculator that only adds, on 127.0.0.1 at a free port, behind {@code interceptor}. */
  private int start(ServerCredentials credentials, ServerInterceptor interceptor)
      throws IOException {
    CalculatorServiceGrpc.CalculatorServiceImplBase adder =
        new CalculatorServiceGrpc.CalculatorServiceImplBase() {
          @Override
          public void add(BinaryOperation request, StreamObserver<CalculationResult> answer) {
            answer.onNext(
                CalculationResult.newBuilder().setValue(request.getX() + request.getY()).build());
            answer.onCompleted();
          }
        };
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
            .addService(ServerInterceptors.intercept(adder, interceptor))
            .directExecutor()
            .build()
            .start();
    return server.getPort();
  }
}

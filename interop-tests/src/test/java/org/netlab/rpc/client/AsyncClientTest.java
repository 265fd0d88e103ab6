package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.server.LoopbackServer;

/**
 * The client library's asynchronous API against a real server, over both protocols: the same
 * answers and the same refusals as the blocking API, and over gRPC many calls in flight from one
 * thread, answered on the network thread without a thread waiting for each.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncClientTest {
  @TempDir static Path work;

  private static LoopbackServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = LoopbackServer.start(work.resolve("data"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static ClientSettings settings(String protocol) {
    return protocol.equals("grpc") ? server.clientSettings() : server.xmlRpcClientSettings();
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "xmlrpc"})
  void calculatorAnswersAsTheBlockingOneDoes(String protocol) {
    try (RpcConnection connection = RpcConnection.open(settings(protocol))) {
      AsyncCalculator calculator = connection.asyncCalculator();
      assertEquals(5.0, calculator.add(2, 3).join());
      assertEquals(-1.0, calculator.subtract(2, 3).join());
      assertEquals(6.0, calculator.multiply(2, 3).join());
      assertEquals(2.5, calculator.divide(5, 2).join());
      assertEquals(4.0, calculator.abs(-4).join());
      assertEquals(ErrorCode.INVALID_ARGUMENT, refusal(calculator.divide(1, 0)).code());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "xmlrpc"})
  void phonebookWritesReadsAndRefusesAsTheBlockingOneDoes(String protocol) {
    String name = "async-" + protocol;
    try (RpcConnection connection = RpcConnection.open(settings(protocol))) {
      AsyncPhonebook phonebook = connection.asyncPhonebook();
      assertEquals(new Entry(name, "0123"), phonebook.add(name, "0123").join());
      assertEquals(ErrorCode.ALREADY_EXISTS, refusal(phonebook.add(name, "0456")).code());
      assertEquals(new Entry(name, "0789"), phonebook.update(name, "0789").join());
      assertEquals(new Entry(name, "0789"), phonebook.find(name).join());
      assertEquals(List.of(new Entry(name, "0789")), phonebook.list(name).join());
      assertTrue(phonebook.count().join() >= 1);
      assertEquals(null, phonebook.remove(name).join());
      assertEquals(ErrorCode.NOT_FOUND, refusal(phonebook.find(name)).code());
      assertEquals(connection.phonebook().count(), phonebook.count().join());
    }
  }

  @Test
  void textProtobufCannotCarryFailsTheFutureInsteadOfThrowing() {
    try (RpcConnection connection = RpcConnection.open(server.clientSettings())) {
      CompletableFuture<Entry> lone = connection.asyncPhonebook().add("x\uD800", "0123");
      assertEquals(ErrorCode.INVALID_ARGUMENT, refusal(lone).code());
    }
  }

  @Test
  void grpcKeepsHundredsOfCallsInFlightFromOneThreadAnsweredOnTheNetworkThread() {
    Thread caller = Thread.currentThread();
    ClientSettings patient = server.clientSettings().withTimeout(Duration.ofSeconds(60));
    try (RpcConnection connection = RpcConnection.open(patient)) {
      AsyncCalculator calculator = connection.asyncCalculator();
      List<CompletableFuture<Thread>> answeredOn = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        double x = i;
        answeredOn.add(
            calculator
                .add(x, 0.5)
                .thenApply(
                    sum -> {
                      assertEquals(x + 0.5, sum);
                      return Thread.currentThread();
                    }));
      }
      // An answer that came before thenApply was attached runs it on the caller's thread.
      List<Thread> threads = answeredOn.stream().map(CompletableFuture::join).toList();
      assertTrue(threads.stream().anyMatch(thread -> thread != caller), threads.toString());
      assertTrue(threads.stream().noneMatch(Thread::isVirtual), threads.toString());
    }
  }

  private static ServiceException refusal(CompletableFuture<?> answer) {
    CompletionException failure = assertThrows(CompletionException.class, answer::join);
    return assertInstanceOf(ServiceException.class, failure.getCause());
  }
}

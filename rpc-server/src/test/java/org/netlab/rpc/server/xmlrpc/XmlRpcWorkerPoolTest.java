package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.rpc.server.GatedPhonebook;
import org.netlab.rpc.server.access.TestAccess;

/**
 * Phonebook calls, which may wait on the store, run on a bounded pool: with one worker and one
 * queued call, a third call arriving while both are taken is answered 503 at once instead of
 * waiting without bound, the two taken are answered, and calculator calls never wait for the pool.
 */
@Timeout(60)
class XmlRpcWorkerPoolTest {
  private final GatedPhonebook phonebook = new GatedPhonebook();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private XmlRpcEndpoint endpoint;

  @BeforeEach
  void startWithOneWorkerAndOneQueuedCall() throws IOException {
    XmlRpcLimits defaults = XmlRpcLimits.defaults();
    endpoint =
        new XmlRpcEndpoint(
            new InetSocketAddress("127.0.0.1", 0),
            null,
            new FiniteCalculator(),
            phonebook,
            TestAccess.unchecked(),
            new XmlRpcLimits(
                defaults.maxRequestBytes(),
                defaults.maxNestingDepth(),
                1,
                1,
                defaults.maxConnections(),
                defaults.maxConnectionsPerAddress(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
    endpoint.start();
  }

  @AfterEach
  void stop() {
    phonebook.open();
    endpoint.close();
    http.close();
  }

  @Test
  void callBeyondWorkersAndQueueIs503AndTheTakenOnesAreAnswered() throws Exception {
    CompletableFuture<HttpResponse<String>> running = post(find("alice"));
    assertTrue(phonebook.awaitEntered(10, TimeUnit.SECONDS), "the first call never ran");
    List<CompletableFuture<HttpResponse<String>>> more =
        List.of(post(find("bob")), post(find("carol")));
    CompletableFuture<HttpResponse<String>> first = awaitFirstDone(more);
    HttpResponse<String> shed = first.get();
    CompletableFuture<HttpResponse<String>> queued = more.get(more.get(0) == first ? 1 : 0);

    assertEquals(503, shed.statusCode(), shed.body());
    assertEquals("the server is busy; try again shortly\n", shed.body());
    assertEquals("1", shed.headers().firstValue("Retry-After").orElse(""));
    assertTrue(!running.isDone(), "the gated call answered before the gate opened");

    phonebook.open();
    HttpResponse<String> fromWorker = running.get(10, TimeUnit.SECONDS);
    assertEquals(200, fromWorker.statusCode());
    assertTrue(fromWorker.body().contains("+33 1 23 45 67 89"), fromWorker.body());
    HttpResponse<String> fromQueue = queued.get(10, TimeUnit.SECONDS);
    assertEquals(200, fromQueue.statusCode());
    assertTrue(fromQueue.body().contains("+33 1 23 45 67 89"), fromQueue.body());
  }

  @Test
  void calculatorCallsAreAnsweredWhileEveryWorkerIsBusy() throws Exception {
    post(find("alice"));
    assertTrue(phonebook.awaitEntered(10, TimeUnit.SECONDS), "the phonebook call never ran");
    HttpResponse<String> sum = post(XmlRpcCalls.addTwoAndThree()).get(10, TimeUnit.SECONDS);
    assertEquals(200, sum.statusCode());
    assertTrue(sum.body().contains("<double>5.0</double>"), sum.body());
  }

  private static String find(String name) {
    return XmlRpcCalls.call("trouverNumero", "<string>" + name + "</string>");
  }

  /** Sends a call on a connection of its own (the client opens one per call in flight). */
  private CompletableFuture<HttpResponse<String>> post(String body) {
    return http.sendAsync(
        HttpRequest.newBuilder(endpoint.uri())
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The queued call and the shed one may arrive in either order: the first answered is shed. */
  private static CompletableFuture<HttpResponse<String>> awaitFirstDone(
      List<CompletableFuture<HttpResponse<String>>> calls) throws Exception {
    List<CompletableFuture<?>> all = new ArrayList<>(calls);
    CompletableFuture.anyOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      if (call.isDone()) {
        return call;
      }
    }
    throw new IllegalStateException("anyOf completed with none done");
  }
}

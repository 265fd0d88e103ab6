package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.SslContexts;

/**
 * Every method the real server serves, over gRPC with TLS and XML-RPC over HTTPS, and every other
 * route of its HTTPS port, answers each caller (none, reader, writer, admin) as {@link
 * ExpectedAccess} says: a caller who may call is not refused for who it is (any other outcome, such
 * as INVALID_ARGUMENT for the empty arguments sent, is fine), and one who may not is refused with
 * UNAUTHENTICATED, fault 401 or HTTP 401 without an identity, PERMISSION_DENIED, fault 403 or HTTP
 * 403 with one. The methods walked are those the server reports, so a method the expected table
 * does not know fails the test.
 *
 * <p>The calls carry no arguments, so none changes anything but the admin's removeAll, and the
 * phonebook is empty when it runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccessMatrixTest {
  private static final Set<Status.Code> CALLER_REFUSALS =
      Set.of(
          Status.Code.UNAUTHENTICATED,
          Status.Code.PERMISSION_DENIED,
          Status.Code.RESOURCE_EXHAUSTED);
  private static final Set<Integer> CALLER_FAULTS = Set.of(401, 403, 429);

  /** What a call that never reached the service ends with; an allowed call must get further. */
  private static final Set<Status.Code> NO_ANSWER =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

  @TempDir static Path dataDir;
  private static LoopbackServer server;
  private static final Map<TestCaller, String> tokens = new EnumMap<>(TestCaller.class);

  @BeforeAll
  static void start() throws Exception {
    server = LoopbackServer.start(dataDir);
    for (TestCaller caller : TestCaller.values()) {
      tokens.put(caller, caller.tokenOn(server));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theServerServesOverGrpcExactlyTheMethodsOfTheExpectedTable() {
    Set<String> served = new TreeSet<>();
    grpcMethods().forEach(method -> served.add(method.getFullMethodName()));
    assertSameMethods(ExpectedAccess.GRPC.keySet(), served);
  }

  @Test
  void theServerListsOverXmlRpcExactlyTheMethodsOfTheExpectedTable() throws Exception {
    assertSameMethods(ExpectedAccess.XML_RPC.keySet(), new TreeSet<>(xmlRpcMethods()));
  }

  @ParameterizedTest
  @EnumSource(TestCaller.class)
  void everyGrpcMethodAnswersTheCallerAsThePolicySays(TestCaller caller) throws Exception {
    List<String> wrong = new ArrayList<>();
    try (RawGrpcCaller grpc = RawGrpcCaller.open(server, tokens.get(caller))) {
      for (MethodDescriptor<?, ?> method : grpcMethods()) {
        String name = method.getFullMethodName();
        ExpectedAccess.Needs needs = ExpectedAccess.GRPC.get(name);
        if (needs == null) {
          wrong.add(name + ": not in the expected table");
          continue;
        }
        RawGrpcCaller.Outcome outcome = grpc.callWithEmptyMessage(name, method.getType());
        if (needs.admits(caller.role())) {
          if (!outcome.answered()
              && (CALLER_REFUSALS.contains(outcome.code()) || NO_ANSWER.contains(outcome.code()))) {
            wrong.add(name + ": allowed, but " + outcome);
          }
        } else if (outcome.code() != ExpectedAccess.grpcRefusal(caller.role())
            || outcome.answered()) {
          wrong.add(
              name
                  + ": expected "
                  + ExpectedAccess.grpcRefusal(caller.role())
                  + ", got "
                  + outcome);
        }
      }
    }
    assertEquals(List.of(), wrong, "gRPC methods that answered " + caller.label() + " wrongly");
  }

  @ParameterizedTest
  @EnumSource(TestCaller.class)
  void everyXmlRpcMethodAnswersTheCallerAsThePolicySays(TestCaller caller) throws Exception {
    List<String> wrong = new ArrayList<>();
    try (RawXmlRpcPoster xmlRpc = RawXmlRpcPoster.to(server)) {
      for (String name : xmlRpcMethods()) {
        ExpectedAccess.Needs needs = ExpectedAccess.XML_RPC.get(name);
        if (needs == null) {
          wrong.add(name + ": not in the expected table");
          continue;
        }
        RawXmlRpcPoster.Answer answer = xmlRpc.call(tokens.get(caller), name);
        OptionalInt fault = answer.faultCode();
        if (answer.httpStatus() != 200) {
          wrong.add(name + ": HTTP " + answer.httpStatus() + " " + answer.body());
        } else if (needs.admits(caller.role())) {
          if (fault.isPresent() && CALLER_FAULTS.contains(fault.getAsInt())) {
            wrong.add(name + ": allowed, but fault " + fault.getAsInt());
          }
        } else if (fault.orElse(0) != ExpectedAccess.faultRefusal(caller.role())) {
          wrong.add(
              name
                  + ": expected fault "
                  + ExpectedAccess.faultRefusal(caller.role())
                  + ", got "
                  + (fault.isPresent() ? "fault " + fault.getAsInt() : answer.result()));
        }
      }
    }
    assertEquals(List.of(), wrong, "XML-RPC methods that answered " + caller.label() + " wrongly");
  }

  @ParameterizedTest
  @EnumSource(TestCaller.class)
  void everyOtherHttpRouteAnswersTheCallerAsThePolicySays(TestCaller caller) throws Exception {
    List<String> wrong = new ArrayList<>();
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(SslContexts.forClient(server.caFile(), null, null))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    for (Map.Entry<String, ExpectedAccess.Needs> route : ExpectedAccess.HTTP.entrySet()) {
      String[] methodAndPath = route.getKey().split(" ", 2);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(server.xmlRpcUrl()).resolve(methodAndPath[1]))
              .method(methodAndPath[0], HttpRequest.BodyPublishers.noBody())
              .timeout(Duration.ofSeconds(10));
      if (tokens.get(caller) != null) {
        request.header("Authorization", "Bearer " + tokens.get(caller));
      }
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      int expected =
          route.getValue().admits(caller.role()) ? 200 : ExpectedAccess.httpRefusal(caller.role());
      if (status != expected) {
        wrong.add(route.getKey() + ": expected " + expected + ", got " + status);
      }
    }
    assertEquals(List.of(), wrong, "HTTP routes that answered " + caller.label() + " wrongly");
  }

  @Test
  void aMulticallRefusesItsInnerRemoveAllToAReaderAndStillAnswersItsInnerAdd() throws Exception {
    String admin = tokens.get(TestCaller.ADMIN);
    try (RawXmlRpcPoster xmlRpc = RawXmlRpcPoster.to(server)) {
      xmlRpc.call(admin, "phonebook.addEntry", "Multicall Witness", "555-0100");
      try {
        List<Object> calls =
            List.of(
                Map.of("methodName", "phonebook.removeAll", "params", List.of()),
                Map.of("methodName", "calculator.add", "params", List.of(2, 3)));
        assertEquals(
            List.of("fault 403", "ok 5.0"),
            xmlRpc
                .call(tokens.get(TestCaller.READER), "system.multicall", calls)
                .multicallOutcomes());
        assertEquals(
            List.of("fault 401", "ok 5.0"),
            xmlRpc.call(null, "system.multicall", calls).multicallOutcomes());
        assertEquals("1", xmlRpc.call(admin, "phonebook.countEntries").result());
      } finally {
        xmlRpc.call(admin, "phonebook.removeEntry", "Multicall Witness");
      }
    }
  }

  private static List<MethodDescriptor<?, ?>> grpcMethods() {
    List<MethodDescriptor<?, ?>> methods = new ArrayList<>();
    for (ServiceDescriptor service : server.grpc().servedServices()) {
      methods.addAll(service.getMethods());
    }
    return methods;
  }

  /** What {@code system.listMethods} answers a caller without identity. */
  private static List<String> xmlRpcMethods() throws Exception {
    try (RawXmlRpcPoster xmlRpc = RawXmlRpcPoster.to(server)) {
      RawXmlRpcPoster.Answer answer = xmlRpc.call(null, "system.listMethods");
      assertTrue(answer.faultCode().isEmpty(), answer::body);
      return answer.resultList();
    }
  }

  private static void assertSameMethods(Set<String> expected, Set<String> served) {
    Set<String> unknown = new TreeSet<>(served);
    unknown.removeAll(expected);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(served);
    assertTrue(unknown.isEmpty(), () -> "served but not in the expected table: " + unknown);
    assertTrue(missing.isEmpty(), () -> "in the expected table but not served: " + missing);
  }
}

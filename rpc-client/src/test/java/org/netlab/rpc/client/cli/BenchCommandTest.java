package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.client.bench.BenchCall;

@Timeout(60)
class BenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InJvmConnector connector;

  private JsonNode bench(String... args) throws Exception {
    if (connector == null) {
      connector = new InJvmConnector();
    }
    return benchWith(connector, args);
  }

  private static JsonNode benchWith(ServiceConnector connector, String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "bench";
    command[1] = "--json";
    System.arraycopy(args, 0, command, 2, args.length);
    Cli.Run run = Cli.with(connector).run(command);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    return JSON.readTree(run.out());
  }

  /** Percentiles of a {@code latencyMillis} object are ordered, and something was measured. */
  static void assertOrderedPercentiles(JsonNode latency) {
    double p50 = latency.get("p50").asDouble();
    double p90 = latency.get("p90").asDouble();
    double p99 = latency.get("p99").asDouble();
    double p999 = latency.get("p99.9").asDouble();
    double max = latency.get("max").asDouble();
    assertTrue(max > 0, "max " + max);
    assertTrue(
        0 <= p50 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max, latency.toString());
  }

  @Test
  void closedLoopForTwoSecondsReportsAPositiveRateNoErrorsAndOrderedPercentiles() throws Exception {
    JsonNode result =
        bench("--call", "calc.add", "--concurrency", "4", "--duration", "2s", "--warmup", "500ms");
    assertEquals("calc.add", result.get("call").asText());
    assertEquals("closed-loop", result.get("mode").asText());
    assertEquals("grpcs://localhost:50051", result.get("server").asText());
    assertEquals(4, result.get("concurrency").asInt());
    assertTrue(result.get("targetRate").isNull());
    assertTrue(result.get("seconds").asDouble() >= 2.0, result.toString());
    assertTrue(result.get("calls").asLong() > 0, result.toString());
    assertTrue(result.get("callsPerSecond").asDouble() > 0, result.toString());
    assertEquals(0, result.get("errorCount").asLong());
    assertEquals(0, result.get("errors").size());
    assertOrderedPercentiles(result.get("latencyMillis"));
    assertTrue(result.get("clientCpuCores").asDouble() > 0, result.toString());
  }

  @Test
  void openLoopMakesExactlyTheScheduledCalls() throws Exception {
    JsonNode result =
        bench(
            "--call",
            "calc.divide",
            "--rate",
            "500",
            "-c",
            "4",
            "--duration",
            "2s",
            "--warmup",
            "0");
    assertEquals("open-loop", result.get("mode").asText());
    assertEquals(500.0, result.get("targetRate").asDouble());
    // Slots start every 2 ms; those starting before the 2 s deadline are 0 to 999.
    assertEquals(1000, result.get("calls").asLong());
    assertEquals(0, result.get("errorCount").asLong());
    assertOrderedPercentiles(result.get("latencyMillis"));
  }

  @Test
  void callsBoundTheRunInsteadOfADuration() throws Exception {
    JsonNode result = bench("--call", "calc.abs", "--calls", "777", "-c", "8", "--warmup", "0");
    assertEquals(777, result.get("calls").asLong());
    assertEquals(0, result.get("errorCount").asLong());
  }

  @Test
  void phonebookAddWritesOneNewEntryPerCallUnderItsOwnNames() throws Exception {
    connector = new InJvmConnector();
    connector.phonebook().add("Alice", "0123");
    JsonNode result =
        bench("--call", "phonebook.add", "--calls", "300", "-c", "8", "--warmup", "0");
    assertEquals(300, result.get("calls").asLong());
    assertEquals(0, result.get("errorCount").asLong(), result.toString());
    String prefix = result.get("addedNamePrefix").asText();
    assertTrue(prefix.matches("bench-[0-9a-f]{8}-"), prefix);
    assertEquals(300, connector.phonebook().list(prefix).size());
    assertEquals(301, connector.phonebook().count());
  }

  @Test
  void aWarmupsAddsAreReportedSoThatEveryEntryAddedIsAccountedFor() throws Exception {
    connector = new InJvmConnector();
    JsonNode result =
        bench("--call", "phonebook.add", "--calls", "200", "-c", "4", "--warmup", "300ms");
    long warmupCalls = result.get("warmupCalls").asLong();
    assertTrue(warmupCalls > 0, result.toString());
    assertEquals(0, result.get("warmupErrorCount").asLong(), result.toString());
    assertEquals(200, result.get("calls").asLong());
    String prefix = result.get("addedNamePrefix").asText();
    assertEquals(200 + warmupCalls, connector.phonebook().list(prefix).size());
  }

  @Test
  void phonebookFindAddsTheEntryItLooksFor() throws Exception {
    JsonNode result =
        bench("--call", "phonebook.find", "--calls", "200", "-c", "4", "--warmup", "0");
    assertEquals(0, result.get("errorCount").asLong(), result.toString());
    assertEquals(BenchCall.FIND_NAME, connector.phonebook().find(BenchCall.FIND_NAME).name());
    // A second run finds the entry there already.
    JsonNode again = bench("--call", "phonebook.find", "--calls", "10", "--warmup", "0");
    assertEquals(0, again.get("errorCount").asLong());
    assertEquals(1, connector.phonebook().count());
  }

  @Test
  void everyPhonebookCallRunsWithoutErrors() throws Exception {
    for (String call : new String[] {"phonebook.update", "phonebook.count", "phonebook.list"}) {
      JsonNode result = bench("--call", call, "--calls", "50", "-c", "2", "--warmup", "0");
      assertEquals(0, result.get("errorCount").asLong(), call + " " + result);
    }
  }

  @Test
  void failedCallsAreCountedByKindAndLeftOutOfTheLatencies() throws Exception {
    Calculator timesOutEveryFourthCall =
        new AddOverride() {
          private final AtomicLong calls = new AtomicLong();

          @Override
          public double add(double x, double y) {
            if (calls.incrementAndGet() % 4 == 0) {
              throw new TransportException(
                  TransportException.Kind.TIMEOUT, "deadline passed", null);
            }
            return real.add(x, y);
          }
        };
    connector = new InJvmConnector(timesOutEveryFourthCall);
    JsonNode result = bench("--call", "calc.add", "--calls", "400", "-c", "3", "--warmup", "0");
    assertEquals(400, result.get("calls").asLong());
    assertEquals(100, result.get("errorCount").asLong());
    assertEquals(100, result.get("errors").get("TIMEOUT").asLong());
  }

  @Test
  void wrongAnswersAreCountedAsErrorsAndLeftOutOfTheLatencies() throws Exception {
    connector = new InJvmConnector(new OffByOneOnEveryTenthAdd());
    JsonNode result = bench("--call", "calc.add", "--calls", "500", "-c", "4", "--warmup", "0");
    assertEquals(500, result.get("calls").asLong());
    assertEquals(50, result.get("errorCount").asLong(), result.toString());
    assertEquals(50, result.get("errors").get("wrong answer").asLong());
  }

  @Test
  void blockingApiMakesTheSameCallsOnVirtualThreads() throws Exception {
    connector = new InJvmConnector(new OffByOneOnEveryTenthAdd());
    JsonNode result =
        bench(
            "--call",
            "calc.add",
            "--calls",
            "300",
            "-c",
            "3",
            "--warmup",
            "0",
            "--api",
            "blocking");
    assertEquals("blocking", result.get("api").asText());
    assertEquals(300, result.get("calls").asLong());
    assertEquals(30, result.get("errors").get("wrong answer").asLong());
  }

  @Test
  void openLoopOnEitherApiMakesTheScheduledCalls() throws Exception {
    for (String api : new String[] {"async", "blocking"}) {
      JsonNode result =
          bench(
              "--call",
              "calc.add",
              "--rate",
              "1000",
              "-c",
              "4",
              "--duration",
              "1s",
              "--warmup",
              "0",
              "--api",
              api);
      assertEquals(1000, result.get("calls").asLong(), api);
      assertEquals(0, result.get("errorCount").asLong(), api);
    }
  }

  @Test
  void callersAreSharedOutAmongTheConnectionsWhichAreAllClosed() throws Exception {
    connector = new InJvmConnector();
    JsonNode result =
        bench(
            "--call",
            "calc.add",
            "--calls",
            "200",
            "-c",
            "6",
            "--connections",
            "3",
            "--warmup",
            "0");
    assertEquals(3, result.get("connections").asInt());
    assertEquals(200, result.get("calls").asLong());
    assertEquals(3, connector.opened().size());
    assertEquals(0, connector.openConnections());
  }

  /** A calculator whose every tenth add is one more than the sum. */
  private static final class OffByOneOnEveryTenthAdd extends AddOverride {
    private final AtomicLong calls = new AtomicLong();

    @Override
    public double add(double x, double y) {
      double sum = real.add(x, y);
      return calls.incrementAndGet() % 10 == 0 ? sum + 1 : sum;
    }
  }

  /** The real calculator, but for an add of the test's own. */
  private abstract static class AddOverride implements Calculator {
    final Calculator real = new FiniteCalculator();

    @Override
    public double subtract(double x, double y) {
      return real.subtract(x, y);
    }

    @Override
    public double multiply(double x, double y) {
      return real.multiply(x, y);
    }

    @Override
    public double divide(double x, double y) {
      return real.divide(x, y);
    }

    @Override
    public double abs(double x) {
      return real.abs(x);
    }
  }

  @Test
  void textReportShowsRatePercentilesAndErrors() {
    connector = new InJvmConnector();
    Cli.Run run =
        Cli.with(connector)
            .run("bench", "--call", "calc.multiply", "--calls", "100", "--warmup", "0");
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    assertTrue(
        out.startsWith(
            "calc.multiply over grpcs://localhost:50051: closed loop, concurrency 8 on 1"
                + " connection, async API, 0 s warm-up\n"),
        out);
    assertTrue(out.contains("\ncalls     100 in "), out);
    assertTrue(out.contains(" s, no errors\n"), out);
    assertTrue(
        out.matches(
            "(?s).*\nrate      \\d+\\.\\d calls/s, this client using \\d+\\.\\d\\d cores\n.*"),
        out);
    assertTrue(
        out.matches(
            "(?s).*\n"
                + "latency   p50 [\\d.]+ ms  p90 [\\d.]+ ms  p99 [\\d.]+ ms  p99.9 [\\d.]+ ms  max"
                + " [\\d.]+ ms\n"
                + ".*"),
        out);
    assertTrue(!out.contains("\r"), "no progress line when output is not a terminal");
  }

  @Test
  void onATerminalALiveProgressLineIsRewrittenInPlaceThenWiped() {
    connector = new InJvmConnector();
    Cli.Run run =
        Cli.with(connector)
            .terminal()
            .run("bench", "--call", "calc.add", "--duration", "300ms", "--warmup", "200ms");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .matches(
                "(?s)\\rwarm-up +0\\.\\d s  \\d+ calls  \\d+ calls/s  p99 [\\d.]+ ms  0 errors.*"),
        run.out());
    assertTrue(
        run.out()
            .matches("(?s).*\\r +0\\.\\d s  \\d+ calls  \\d+ calls/s  p99 [\\d.]+ ms  0 errors.*"));
    assertTrue(run.out().contains("\r\033[Kcalc.add over "), "progress wiped before the report");
  }

  @Test
  void jsonOutputHasNoProgressLineEvenOnATerminal() throws Exception {
    connector = new InJvmConnector();
    Cli.Run run =
        Cli.with(connector)
            .terminal()
            .run("bench", "--json", "--duration", "300ms", "--warmup", "0");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(JSON.readTree(run.out()).get("calls").asLong() > 0);
    assertTrue(!run.out().contains("\r"));
  }

  @Test
  void unreachableServerStopsTheBenchWithExitThree() {
    Cli.Run run =
        Cli.with(new FailingConnector(TransportException.Kind.UNREACHABLE))
            .run("bench", "--call", "phonebook.find", "--calls", "10");
    assertEquals(3, run.exitCode());
    assertTrue(run.err().startsWith("error: server not reachable at"), run.err());
  }

  @Test
  void contradictoryOrImpossiblePlansAreUsageErrors() {
    connector = new InJvmConnector();
    Cli cli = Cli.with(connector);
    Cli.Run both = cli.run("bench", "--duration", "1s", "--calls", "10");
    assertEquals(2, both.exitCode());
    assertTrue(
        both.err().startsWith("rpc-client: give either --duration or --calls, not both"),
        both.err());
    assertEquals(2, cli.run("bench", "--concurrency", "0").exitCode());
    assertEquals(2, cli.run("bench", "--concurrency", "10001").exitCode());
    assertEquals(2, cli.run("bench", "--rate", "-5").exitCode());
    assertEquals(2, cli.run("bench", "--duration", "0s").exitCode());
    assertEquals(2, cli.run("bench", "--connections", "0").exitCode());
    assertEquals(2, cli.run("bench", "--connections", "65").exitCode());
    assertEquals(2, cli.run("bench", "--api", "callbacks").exitCode());
    Cli.Run unknown = cli.run("bench", "--call", "calc.pow");
    assertEquals(2, unknown.exitCode());
    assertTrue(
        unknown.err().contains("unknown call 'calc.pow'; use one of calc.add,"), unknown.err());
    assertEquals(0, connector.opened().size());
  }
}

package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a person sees from every command, whatever carries the calls: each transport's test extends
 * this with a connector to a real server on loopback, and must pass it unchanged. The tests arrange
 * and inspect state through the command line only, starting from an empty phonebook.
 */
@Timeout(60)
abstract class CommandLineContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The command line, wired to the services under test; arguments get the server URL added. */
  abstract Cli cli();

  /** The value to pass to {@code --server}. */
  abstract String serverUrl();

  private Cli.Run run(String... args) {
    String[] withServer = new String[args.length + 2];
    System.arraycopy(args, 0, withServer, 0, args.length);
    withServer[args.length] = "--server";
    withServer[args.length + 1] = serverUrl();
    return cli().run(withServer);
  }

  private void assertOk(Cli.Run run, String out) {
    assertEquals(new Cli.Run(0, out, ""), run);
  }

  @Test
  void calcOneShotAnswersAndRefuses() throws Exception {
    assertOk(run("calc", "add", "2", "3", "4.5"), "9.5\n");
    assertOk(run("calc", "sub", "-3", "4"), "-7\n");
    assertOk(run("calc", "mul", "1.5", "4"), "6\n");
    assertOk(run("calc", "div", "1", "4"), "0.25\n");
    assertOk(run("calc", "abs", "-2.5"), "2.5\n");
    assertEquals(
        JSON.readTree("{\"operands\":[7.0,2.0],\"operation\":\"div\",\"result\":3.5}"),
        JSON.readTree(run("calc", "--json", "div", "7", "2").out()));
    assertEquals(
        new Cli.Run(1, "", "error: division by zero: y must not be 0\n"),
        run("calc", "div", "1", "0"));
    Cli.Run overflow = run("calc", "mul", "1e300", "1e300");
    assertEquals(1, overflow.exitCode());
    assertTrue(overflow.err().startsWith("error: the multiplication of 1.0E300 and 1.0E300"));
  }

  @Test
  void calcMenuConversation() {
    Cli.Run run =
        cli()
            .stdin("1\n2\n3\nx\n4\n1\n0\n1\n3\n10\n4\n2\n0\n")
            .run("calc", "--server", serverUrl());
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("2 + 3 = 5\n"), run.out());
    assertTrue(run.out().contains("which: error: division by zero: y must not be 0\n"), run.out());
    assertTrue(run.out().contains("4 - 10 = -6\n"), run.out());
    assertTrue(run.out().endsWith("bye\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void phonebookOneShotsInTextAndJson() throws Exception {
    assertEquals(0, run("phonebook", "clear", "--yes").exitCode());
    assertOk(
        run("phonebook", "add", "Alice", "+33 1 23 45 67 89"), "added Alice: +33 1 23 45 67 89\n");
    assertEquals(
        JSON.readTree("{\"name\":\"Bob\",\"number\":\"555-0100\"}"),
        JSON.readTree(run("phonebook", "add", "--json", "Bob", "555-0100").out()));
    assertOk(run("phonebook", "find", "alice"), "Alice: +33 1 23 45 67 89\n");
    assertOk(run("phonebook", "update", "BOB", "555 0199"), "updated Bob: 555 0199\n");
    assertOk(run("phonebook", "count"), "2 entries\n");
    assertEquals(
        JSON.readTree("{\"count\":2}"), JSON.readTree(run("phonebook", "count", "--json").out()));
    assertOk(run("phonebook", "list"), "Alice  +33 1 23 45 67 89\nBob    555 0199\n");
    assertOk(run("phonebook", "list", "b"), "Bob  555 0199\n");
    assertEquals(
        JSON.readTree("[{\"name\":\"Bob\",\"number\":\"555 0199\"}]"),
        JSON.readTree(run("phonebook", "list", "--json", "b").out()));
    assertOk(run("phonebook", "remove", "alice"), "removed alice\n");
    assertOk(run("phonebook", "clear", "--yes"), "removed 1 entry\n");
    assertOk(run("phonebook", "list"), "no entries\n");
  }

  @Test
  void phonebookRefusalsExitOneWithTheServiceMessage() {
    assertEquals(0, run("phonebook", "clear", "--yes").exitCode());
    assertEquals(0, run("phonebook", "add", "Alice", "0123").exitCode());
    assertEquals(
        new Cli.Run(1, "", "error: no entry named 'Bob'\n"), run("phonebook", "find", "Bob"));
    assertEquals(
        new Cli.Run(1, "", "error: no entry named 'Bob'\n"), run("phonebook", "remove", "Bob"));
    assertEquals(
        new Cli.Run(1, "", "error: no entry named 'Bob'\n"),
        run("phonebook", "update", "Bob", "0123"));
    assertEquals(
        new Cli.Run(1, "", "error: an entry named 'ALICE' exists already\n"),
        run("phonebook", "add", "ALICE", "0456"));
    Cli.Run badNumber = run("phonebook", "add", "Carol", "call me");
    assertEquals(1, badNumber.exitCode());
    assertTrue(badNumber.err().startsWith("error: number may hold only digits"), badNumber.err());
  }

  @Test
  void phonebookMenuConversation() {
    assertEquals(0, run("phonebook", "clear", "--yes").exitCode());
    Cli.Run run =
        cli()
            .stdin("1\nDora\n0456\n2\ndora\n2\nnobody\n4\n6\ny\n0\n")
            .run("phonebook", "--server", serverUrl());
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("added Dora: 0456\n"), run.out());
    assertTrue(run.out().contains("Dora: 0456\n"), run.out());
    assertTrue(run.out().contains("error: no entry named 'nobody'\n"), run.out());
    assertTrue(run.out().contains("1 entry\n"), run.out());
    assertTrue(run.out().contains("removed 1 entry\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void benchReportsAPositiveRateNoErrorsAndOrderedPercentiles() throws Exception {
    for (String call : new String[] {"calc.add", "phonebook.find"}) {
      var result =
          JSON.readTree(
              run(
                      "bench",
                      "--json",
                      "--call",
                      call,
                      "-c",
                      "4",
                      "--duration",
                      "2s",
                      "--warmup",
                      "200ms")
                  .out());
      assertTrue(result.get("callsPerSecond").asDouble() > 0, result.toString());
      assertEquals(0, result.get("errorCount").asLong(), result.toString());
      BenchCommandTest.assertOrderedPercentiles(result.get("latencyMillis"));
    }
  }
}

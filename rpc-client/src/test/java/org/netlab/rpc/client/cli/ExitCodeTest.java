package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.HelpLayoutAssertions;
import org.netlab.cli.VersionProvider;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException.Kind;
import org.netlab.tls.LocalCertificateAuthority;

/** Exit code 3 and its advice for each way a server can fail to answer, and usage errors. */
@Timeout(30)
class ExitCodeTest {
  @TempDir Path dir;

  private static Cli failing(Kind kind) {
    return Cli.with(new FailingConnector(kind));
  }

  private static void assertNoStackTrace(Cli.Run run) {
    assertFalse(run.err().contains("\tat "), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void unreachableServerExitsThreeAndAsksWhetherItRuns() {
    Cli.Run run = failing(Kind.UNREACHABLE).run("calc", "add", "1", "2");
    assertEquals(3, run.exitCode());
    assertEquals("", run.out());
    assertTrue(
        run.err()
            .startsWith(
                "error: server not reachable at grpcs://localhost:50051 — is bin/rpc-server"
                    + " running?\n"),
        run.err());
    assertTrue(run.err().contains("(transport says UNREACHABLE for grpcs://localhost:50051)"));
    assertNoStackTrace(run);
  }

  @Test
  void untrustedServerExitsThreeAndNamesTheCaOption() throws Exception {
    Path ca = LocalCertificateAuthority.loadOrCreate(dir).certificateFile();
    Cli.Run run = failing(Kind.UNTRUSTED).run("phonebook", "count", "--ca", ca.toString());
    assertEquals(3, run.exitCode());
    assertTrue(
        run.err()
            .startsWith(
                "error: server certificate not trusted by "
                    + ca
                    + " — pass --ca <data-dir>/tls/ca.pem of that server, or give --cert and"
                    + " --key if the server requires a client certificate\n"),
        run.err());
    assertNoStackTrace(run);
  }

  @Test
  void untrustedWithAClientCertificateAlsoSuspectsTheCertificate() throws Exception {
    LocalCertificateAuthority authority = LocalCertificateAuthority.loadOrCreate(dir);
    Path chain = dir.resolve("client.pem");
    Path key = dir.resolve("client.key");
    authority.issue("ada", LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    String ca = authority.certificateFile().toString();
    Cli.Run run =
        failing(Kind.UNTRUSTED)
            .run(
                "phonebook",
                "count",
                "--ca",
                ca,
                "--cert",
                chain.toString(),
                "--key",
                key.toString());
    assertEquals(3, run.exitCode());
    assertTrue(run.err().contains("or the server refused the client certificate"), run.err());
  }

  @Test
  void timeoutExitsThreeAndSaysHowLongItWaited() {
    Cli.Run run =
        failing(Kind.TIMEOUT)
            .run("phonebook", "find", "x", "--server", "grpc://h:57001", "--timeout", "250ms");
    assertEquals(3, run.exitCode());
    assertTrue(
        run.err().startsWith("error: no answer from grpc://h:57001 within 250ms"), run.err());
    assertTrue(run.err().contains("raise --timeout"), run.err());
  }

  @Test
  void wrongProtocolExitsThreeAndPointsAtTheScheme() {
    Cli.Run run = failing(Kind.PROTOCOL).run("--server", "http://h:57002/RPC2", "calc", "abs", "1");
    assertEquals(3, run.exitCode());
    assertTrue(
        run.err()
            .startsWith("error: http://h:57002/RPC2 did not answer in the protocol of its scheme"),
        run.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"calc", "phonebook", "bench"})
  void menusAndBenchExitThreeToo(String command) {
    Cli.Run run = failing(Kind.UNREACHABLE).stdin("1\n2\n3\n0\n").run(command);
    assertEquals(3, run.exitCode());
    assertTrue(run.err().startsWith("error: server not reachable at"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void environmentVariableChoosesTheServerAndTheOptionWinsOverIt() {
    Map<String, String> env = Map.of("RPC_SERVER", "https://envhost:57003/RPC2");
    Cli.Run fromEnvironment =
        failing(Kind.UNREACHABLE).environment(env).run("calc", "add", "1", "2");
    assertTrue(fromEnvironment.err().contains("not reachable at https://envhost:57003/RPC2 "));
    Cli.Run fromOption =
        failing(Kind.UNREACHABLE)
            .environment(env)
            .run("calc", "add", "1", "2", "--server", "grpc://optionhost:57004");
    assertTrue(fromOption.err().contains("not reachable at grpc://optionhost:57004 "));
  }

  @Test
  void malformedEnvironmentVariableIsAUsageError() {
    Cli.Run run =
        failing(Kind.UNREACHABLE)
            .environment(Map.of("RPC_SERVER", "localhost:50051"))
            .run("calc", "add", "1", "2");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().startsWith("rpc-client: $RPC_SERVER: 'localhost:50051' has no scheme"),
        run.err());
  }

  @Test
  void malformedServerOptionIsAUsageError() {
    Cli.Run run = failing(Kind.UNREACHABLE).run("calc", "add", "1", "2", "--server", "ftp://h");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .startsWith("rpc-client: Invalid value for option '--server': unknown scheme 'ftp'"),
        run.err());
  }

  @Test
  void certificateWithoutKeyIsAUsageError() {
    Cli.Run run = failing(Kind.UNREACHABLE).run("calc", "add", "1", "2", "--cert", "c.pem");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("rpc-client: --cert and --key go together"), run.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "0", "-1s"})
  void badTimeoutIsAUsageError(String timeout) {
    Cli.Run run = failing(Kind.UNREACHABLE).run("calc", "add", "1", "2", "--timeout", timeout);
    assertEquals(2, run.exitCode(), run.err());
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    assertEquals(2, failing(Kind.UNREACHABLE).run("frobnicate").exitCode());
    assertEquals(2, failing(Kind.UNREACHABLE).run("calc", "--frobnicate").exitCode());
    Cli.Run bare = failing(Kind.UNREACHABLE).run();
    assertEquals(2, bare.exitCode());
    assertEquals(
        "rpc-client: missing command: calc, phonebook, describe, health, bench or completion\n"
            + "try 'rpc-client --help'\n",
        bare.err());
  }

  @Test
  void aMissingCaFileGivenByOptionIsAUsageErrorNamingIt() {
    Path ca = dir.resolve("tls/ca.pem");
    Cli.Run run = Cli.with(RpcConnection::open).run("calc", "add", "1", "2", "--ca", ca.toString());
    assertEquals(
        new Cli.Run(2, "", "rpc-client: --ca " + ca + ": no such file\ntry 'rpc-client --help'\n"),
        run);
  }

  @Test
  void versionNamesTheProgramAndItsVersion() {
    Cli.Run run = failing(Kind.UNREACHABLE).run("--version");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out().startsWith("rpc-client " + VersionProvider.projectVersion() + "\nJava "),
        run.out());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "calc",
        "phonebook",
        "phonebook add",
        "phonebook update",
        "phonebook find",
        "phonebook count",
        "phonebook remove",
        "phonebook clear",
        "phonebook list",
        "describe",
        "health",
        "bench",
        "completion"
      })
  void everyCommandHasHelpWithExamplesAndTheExitCodes(String command) {
    String[] args = (command + " --help").strip().split(" ");
    Cli.Run run = failing(Kind.UNREACHABLE).run(args);
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("Usage: rpc-client"), run.out());
    assertTrue(run.out().contains("Examples:"), run.out());
    assertTrue(
        run.out().endsWith("Exit codes:\n" + String.join("\n", ExitCodes.FOOTER) + "\n"),
        run.out());
  }

  @Test
  void noHelpLineOfAnyCommandIsWrapped() {
    HelpLayoutAssertions.assertNoHelpLineIsWrapped(
        RpcClientCommand.commandLine(
            new CommandContext(
                new FailingConnector(Kind.UNREACHABLE),
                InputStream.nullInputStream(),
                Map.of(),
                false)));
  }

  @Test
  void completionPrintsABashCompletionScriptKnowingTheCommands() {
    Cli.Run run = failing(Kind.UNREACHABLE).run("completion");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("#!/usr/bin/env bash"), run.out().substring(0, 80));
    assertTrue(run.out().contains("complete -F _complete_rpc-client"), "no complete -F line");
    assertTrue(run.out().contains("phonebook"));
    assertTrue(run.out().contains("calc.add"));
  }
}

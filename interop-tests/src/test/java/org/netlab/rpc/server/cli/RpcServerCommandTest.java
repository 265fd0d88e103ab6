package org.netlab.rpc.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.HelpLayoutAssertions;
import org.netlab.cli.VersionProvider;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.RpcServer;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcServerCommandTest {
  /** A PostgreSQL database the tests may use, as for the store's own tests (.ci/postgres). */
  private static final String POSTGRES = "NETLAB_TEST_POSTGRES_URL";

  @TempDir Path dataDir;
  private final StringWriter err = new StringWriter();

  @Test
  void startsWithTlsFromTheGeneratedCaAndStopsWhenClosed() throws Exception {
    Started started = start(dataDir);
    RpcServer server = started.server();
    String grpcUrl = server.urls().get(0);
    String xmlRpcUrl = server.urls().get(1);
    assertTrue(grpcUrl.startsWith("grpcs://127.0.0.1:"), grpcUrl);
    assertTrue(
        xmlRpcUrl.startsWith("https://127.0.0.1:") && xmlRpcUrl.endsWith("/RPC2"), xmlRpcUrl);
    String adminToken = adminToken(dataDir);
    try (RpcConnection grpc = RpcConnection.open(local(grpcUrl, dataDir).withToken(adminToken));
        RpcConnection xmlRpc =
            RpcConnection.open(local(xmlRpcUrl, dataDir).withToken(adminToken))) {
      assertEquals(new Entry("Ada", "555-0100"), grpc.phonebook().add("Ada", "555-0100"));
      assertEquals(new Entry("Ada", "555-0100"), xmlRpc.phonebook().find("ada"));
    }
    server.close();
    assertEquals(0, started.exit().get(30, TimeUnit.SECONDS));
  }

  @Test
  void withNoFlagsAnAnonymousRemoveAllIsRefusedOverBothProtocolsAndTheLabsAddStillAnswers()
      throws Exception {
    Started started = start(dataDir);
    RpcServer server = started.server();
    try {
      try (RpcConnection admin =
          RpcConnection.open(local(server.urls().get(0), dataDir).withToken(adminToken(dataDir)))) {
        admin.phonebook().add("Ada", "555-0100");
      }
      for (String url : server.urls()) {
        try (RpcConnection anonymous = RpcConnection.open(local(url, dataDir))) {
          ServiceException refused =
              assertThrows(ServiceException.class, () -> anonymous.phonebook().removeAll(), url);
          assertEquals(ErrorCode.UNAUTHENTICATED, refused.code(), url);
          assertEquals(5.0, anonymous.calculator().add(2, 3), url);
        }
      }
      try (RpcConnection admin =
          RpcConnection.open(local(server.urls().get(1), dataDir).withToken(adminToken(dataDir)))) {
        assertEquals(1, admin.phonebook().count(), "the refused removeAll removed nothing");
      }
    } finally {
      server.close();
    }
    assertEquals(0, started.exit().get(30, TimeUnit.SECONDS));
  }

  @Test
  void withNoFlagsTheHttpsPortAlsoAnswersJsonThroughTheGateway() throws Exception {
    Started started = start(dataDir);
    RpcServer server = started.server();
    try {
      String xmlRpcUrl = server.urls().get(1);
      URI add = URI.create(xmlRpcUrl).resolve("/netlab.calculator.v1.CalculatorService/Add");
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(SslContexts.forClient(DataDirectory.caFile(dataDir), null, null))
              .build();
      HttpResponse<String> sum =
          http.send(
              HttpRequest.newBuilder(add)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"x\": 2, \"y\": 3}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, sum.statusCode(), sum.body());
      assertEquals("{\"value\":5.0}", sum.body());
    } finally {
      server.close();
    }
    assertEquals(0, started.exit().get(30, TimeUnit.SECONDS));
  }

  @Test
  void anAdminTokenThatCannotBeWrittenStopsTheStartAndIsMadeAgainOnTheNextStart() throws Exception {
    Path blocked = Files.createDirectories(DataDirectory.adminTokenFile(dataDir));
    Files.createFile(blocked.resolve("in-the-way"));
    int exit =
        commandLine(new RpcServerCommand())
            .execute("--grpc-port", "0", "--xmlrpc-port", "0", "--data-dir", dataDir.toString());
    assertEquals(ExitCodes.CANNOT_SERVE, exit);
    assertOneLine("rpc-server: cannot write the admin token to " + blocked);

    Files.delete(blocked.resolve("in-the-way"));
    Files.delete(blocked);
    Started started = start(dataDir);
    try (RpcConnection admin =
        RpcConnection.open(
            local(started.server().urls().get(0), dataDir).withToken(adminToken(dataDir)))) {
      assertEquals(0, admin.phonebook().count());
    } finally {
      started.server().close();
    }
    assertEquals(0, started.exit().get(30, TimeUnit.SECONDS));
  }

  /** A server started by the command on free ports, and its exit code to come. */
  private record Started(RpcServer server, CompletableFuture<Integer> exit) {}

  private Started start(Path dir) throws Exception {
    RpcServerCommand command = new RpcServerCommand();
    CompletableFuture<RpcServer> started = new CompletableFuture<>();
    command.onStarted(started::complete);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine(command)
                    .execute(
                        "--grpc-port", "0", "--xmlrpc-port", "0", "--data-dir", dir.toString()));
    return new Started(started.get(30, TimeUnit.SECONDS), exit);
  }

  /** Settings for a server whose data directory is {@code dir}: its CA, no token. */
  private static ClientSettings local(String url, Path dir) {
    return ClientSettings.forUrl(url).withCaFile(DataDirectory.caFile(dir));
  }

  /** The admin token the first start wrote. */
  private static String adminToken(Path dir) throws IOException {
    return Files.readString(DataDirectory.adminTokenFile(dir), StandardCharsets.US_ASCII).strip();
  }

  @Test
  void everythingTheServerCreatesUnderAFreshDataDirectoryIsOwnerOnly() throws Exception {
    Path fresh = dataDir.resolve("home/netlab");
    Started started = start(fresh);
    RpcServer server = started.server();
    try (RpcConnection grpc =
        RpcConnection.open(local(server.urls().get(0), fresh).withToken(adminToken(fresh)))) {
      grpc.phonebook().add("Ada", "555-0100"); // the store's -wal and -shm exist from here
      List<String> found = new ArrayList<>();
      try (Stream<Path> paths = Files.walk(dataDir.resolve("home"))) {
        for (Path path : paths.toList()) {
          found.add(
              dataDir.relativize(path)
                  + " "
                  + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
      }
      assertTrue(found.contains("home/netlab/phonebook.db-wal rw-------"), found::toString);
      assertTrue(found.contains("home/netlab/tls/server.key rw-------"), found::toString);
      assertTrue(found.contains("home/netlab/admin.token rw-------"), found::toString);
      for (String entry : found) {
        assertTrue(
            entry.endsWith(
                Files.isDirectory(dataDir.resolve(entry.split(" ")[0]))
                    ? " rwx------"
                    : " rw-------"),
            found::toString);
      }
    } finally {
      server.close();
    }
    assertEquals(0, started.exit().get(30, TimeUnit.SECONDS));
  }

  @Test
  void aCaKeyThatIsNotTheKeyOfCaPemExitsNonZeroWithAOneLineReasonNamingIt() throws Exception {
    Path tls = dataDir.resolve(DataDirectory.TLS_SUBDIRECTORY);
    LocalCertificateAuthority.loadOrCreate(tls);
    Path caKey = tls.resolve(LocalCertificateAuthority.CA_KEY);
    LocalCertificateAuthority other = LocalCertificateAuthority.loadOrCreate(dataDir.resolve("x"));
    Files.copy(
        other.certificateFile().resolveSibling(LocalCertificateAuthority.CA_KEY),
        caKey,
        StandardCopyOption.REPLACE_EXISTING);

    int exit =
        commandLine(new RpcServerCommand())
            .execute("--grpc-port", "0", "--xmlrpc-port", "0", "--data-dir", dataDir.toString());
    assertEquals(ExitCodes.CANNOT_SERVE, exit);
    assertOneLine("rpc-server: " + caKey + " is not the key of the CA certificate ");
  }

  @Test
  void aTakenPortExitsNonZeroWithAOneLineReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit =
          commandLine(new RpcServerCommand())
              .execute(
                  "--grpc-port",
                  String.valueOf(taken.getLocalPort()),
                  "--xmlrpc-port",
                  "0",
                  "--data-dir",
                  dataDir.toString());
      assertEquals(ExitCodes.CANNOT_SERVE, exit);
      assertOneLine(
          "rpc-server: cannot listen for gRPC on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void aTakenXmlRpcPortExitsNonZeroWithAOneLineReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit =
          commandLine(new RpcServerCommand())
              .execute(
                  "--grpc-port",
                  "0",
                  "--xmlrpc-port",
                  String.valueOf(taken.getLocalPort()),
                  "--data-dir",
                  dataDir.toString());
      assertEquals(ExitCodes.CANNOT_SERVE, exit);
      assertOneLine(
          "rpc-server: cannot listen for XML-RPC on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void missingTlsFilesGivenByOptionAreAUsageError() {
    Path missing = dataDir.resolve("missing.pem");
    int exit =
        commandLine(new RpcServerCommand())
            .execute(
                "--grpc-port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--tls-cert",
                missing.toString(),
                "--tls-key",
                dataDir.resolve("missing.key").toString());
    assertEquals(ExitCodes.USAGE, exit);
    assertUsageError("rpc-server: TLS file not found: " + missing);
  }

  @Test
  void plaintextWithTlsOptionsIsAUsageError() {
    int exit =
        commandLine(new RpcServerCommand())
            .execute("--plaintext", "--client-ca", "ca.pem", "--data-dir", dataDir.toString());
    assertEquals(ExitCodes.USAGE, exit);
    assertUsageError("rpc-server: --plaintext cannot be combined with TLS options");
  }

  @Test
  void storesThatCannotBeOpenedExitFourWithOneLineSayingWhy() throws Exception {
    int dead;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = probe.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + dead + "/netlab?user=u&password=secret";
    assertEquals(ExitCodes.CANNOT_SERVE, startWithStore(url));
    assertEquals(
        "rpc-server: cannot open the phonebook store at jdbc:postgresql://127.0.0.1:"
            + dead
            + "/netlab?user=u&password=***: connection refused; is the database server running"
            + " and listening there?\n",
        err.toString());
  }

  @Test
  void anUnknownDatabaseHostExitsFourNamingTheHost() {
    assertEquals(
        ExitCodes.CANNOT_SERVE, startWithStore("jdbc:postgresql://no-such-host.invalid/netlab"));
    assertOneLine(
        "rpc-server: cannot open the phonebook store at"
            + " jdbc:postgresql://no-such-host.invalid/netlab: unknown host no-such-host.invalid");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = POSTGRES, matches = "jdbc:postgresql:.+")
  void aDatabaseThatDoesNotExistExitsFourSayingSo() {
    String url = System.getenv(POSTGRES).replaceFirst("/[^/?]+(\\?|$)", "/no_such_db$1");
    assertEquals(ExitCodes.CANNOT_SERVE, startWithStore(url));
    assertOneLine("rpc-server: cannot open the phonebook store at ");
    assertTrue(
        err.toString().endsWith(": database \"no_such_db\" does not exist\n"), err.toString());
  }

  @Test
  @EnabledIfEnvironmentVariable(named = POSTGRES, matches = "jdbc:postgresql:.+")
  void aRoleTheDatabaseRefusesExitsFourAsAnAuthenticationFailure() {
    String url = System.getenv(POSTGRES).replaceFirst("user=[^&]*", "user=nobody_here");
    assertEquals(ExitCodes.CANNOT_SERVE, startWithStore(url));
    assertOneLine("rpc-server: cannot open the phonebook store at ");
    assertTrue(err.toString().contains(": authentication failed: "), err.toString());
    assertTrue(err.toString().contains("nobody_here"), err.toString());
  }

  private int startWithStore(String url) {
    return commandLine(new RpcServerCommand())
        .execute(
            "--grpc-port",
            "0",
            "--xmlrpc-port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--store",
            url);
  }

  @Test
  void helpWrapsNoLineAndEndsWithTheExitCodes() {
    CommandLine line = commandLine(new RpcServerCommand());
    HelpLayoutAssertions.assertNoHelpLineIsWrapped(line);
    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute("--help"));
    assertTrue(out.toString().endsWith(String.join("\n", ExitCodes.FOOTER) + "\n"), out.toString());
    assertEquals(1, out.toString().split("Exit codes:", -1).length - 1, out.toString());
    assertTrue(out.toString().contains("jdbc:postgresql://db/netlab?user=u&password=p\n"));
  }

  @Test
  void versionIsTheProjectVersion() {
    StringWriter out = new StringWriter();
    CommandLine line = commandLine(new RpcServerCommand());
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute("--version"));
    assertTrue(
        out.toString().startsWith("rpc-server " + VersionProvider.projectVersion() + "\n"),
        out.toString());
  }

  @Test
  void helpListsTheOptions() {
    StringWriter out = new StringWriter();
    CommandLine line = commandLine(new RpcServerCommand());
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute("--help"));
    for (String option :
        new String[] {
          "--bind",
          "--grpc-port",
          "--xmlrpc-port",
          "--data-dir",
          "--tls-cert",
          "--tls-key",
          "--client-ca",
          "--plaintext",
          "--store",
          "--auth",
          "--anonymous",
          "--rate-limit",
          "--client-roles",
          "--metrics",
          "--metrics-public",
          "--log-level",
          "--quiet",
          "--verbose"
        }) {
      assertTrue(out.toString().contains(option), option);
    }
  }

  private CommandLine commandLine(RpcServerCommand command) {
    CommandLine line = RpcServerCommand.commandLine(command);
    line.setErr(new PrintWriter(err));
    return line;
  }

  private void assertUsageError(String line) {
    assertEquals(line + "\ntry 'rpc-server --help'\n", err.toString());
  }

  private void assertOneLine(String prefix) {
    String text = err.toString();
    assertTrue(text.startsWith(prefix), text);
    assertEquals(1, text.lines().count(), text);
  }
}

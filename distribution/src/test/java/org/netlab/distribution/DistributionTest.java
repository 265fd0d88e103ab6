package org.netlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks {@code netlab-VERSION.tar.gz} where no source tree or Maven is, as a user installing it
 * would, and runs the tools from it: the server, the client by both protocols, every tool's {@code
 * --version}, and a launcher symlinked into a directory on {@code PATH}.
 */
@Timeout(300)
class DistributionTest {
  private static final String VERSION = System.getProperty("netlab.version");
  private static final List<String> TOOLS =
      List.of(
          "rpc-server",
          "rpc-client",
          "finger",
          "fingerd",
          "ftp",
          "ftpd",
          "echo-client",
          "echo-server",
          "chat-client",
          "chat-server",
          "totp",
          "totp-server",
          "vault",
          "vault-server",
          "pay",
          "pay-server");

  /**
   * The only programs the launchers may use besides the JDK: what any Linux has. Maven is not among
   * them.
   */
  private static final List<String> BASE_COMMANDS =
      List.of(
          "bash",
          "sh",
          "env",
          "dirname",
          "readlink",
          "sed",
          "head",
          "cksum",
          "cut",
          "mkdir",
          "mv",
          "rm",
          "cat");

  @TempDir static Path temp;
  private static Path home;
  private static Path data;
  private static Process server;
  private static int grpcPort;
  private static int xmlRpcPort;

  @BeforeAll
  static void unpackAndStartTheServer() throws Exception {
    Path install = Files.createDirectories(temp.resolve("opt"));
    Path tarball = Path.of(System.getProperty("netlab.distribution"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", install.toString())
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor(), "tar could not unpack " + tarball);
    home = install.resolve("netlab-" + VERSION);
    data = temp.resolve("data");

    ProcessBuilder builder =
        command(
            List.of(
                home.resolve("bin/rpc-server").toString(),
                "--data-dir",
                data.toString(),
                "--grpc-port",
                "0",
                "--xmlrpc-port",
                "0"));
    builder.redirectErrorStream(true);
    server = builder.start();
    Pattern grpc = Pattern.compile("grpcs://127\\.0\\.0\\.1:(\\d+)");
    Pattern xmlRpc = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)/RPC2");
    var lines = server.inputReader(StandardCharsets.UTF_8);
    StringBuilder seen = new StringBuilder();
    while (grpcPort == 0 || xmlRpcPort == 0) {
      String line = lines.readLine();
      if (line == null) {
        throw new AssertionError("rpc-server stopped before listening:\n" + seen);
      }
      seen.append(line).append('\n');
      Matcher g = grpc.matcher(line);
      if (g.find()) {
        grpcPort = Integer.parseInt(g.group(1));
      }
      Matcher x = xmlRpc.matcher(line);
      if (x.find()) {
        xmlRpcPort = Integer.parseInt(x.group(1));
      }
    }
    Thread.ofVirtual().start(() -> lines.lines().forEach(line -> {}));
  }

  @AfterAll
  static void stopTheServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void theTarballHoldsALauncherPerToolAndTheJarsTheyNeed() throws IOException {
    for (String tool : TOOLS) {
      Path launcher = home.resolve("bin").resolve(tool);
      assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
    }
    assertTrue(Files.isRegularFile(home.resolve("lib/rpc-server-" + VERSION + ".jar")));
    assertTrue(Files.isRegularFile(home.resolve("lib/socket-labs-" + VERSION + ".jar")));
    assertTrue(Files.isRegularFile(home.resolve("README.md")));
    assertTrue(
        Files.getPosixFilePermissions(home.resolve("lib/launch"))
            .contains(PosixFilePermission.OWNER_EXECUTE));
  }

  @Test
  void everyToolPrintsTheOneProjectVersion() throws Exception {
    for (String tool : TOOLS) {
      Result result = run(List.of(home.resolve("bin").resolve(tool).toString(), "--version"));
      assertEquals(0, result.exit, tool + " --version: " + result.output);
      assertEquals(tool + " " + VERSION, result.output.lines().findFirst().orElse(""), tool);
    }
  }

  @Test
  void theClientCallsTheServerOverGrpcAndXmlRpc() throws Exception {
    String ca = data.resolve("tls/ca.pem").toString();
    String client = home.resolve("bin/rpc-client").toString();
    Result grpc =
        run(
            List.of(
                client,
                "--server",
                "grpcs://127.0.0.1:" + grpcPort,
                "--ca",
                ca,
                "calc",
                "add",
                "2",
                "3"));
    assertEquals(new Result(0, "5\n"), grpc);
    Result xmlRpc =
        run(
            List.of(
                client,
                "--server",
                "https://127.0.0.1:" + xmlRpcPort + "/RPC2",
                "--ca",
                ca,
                "calc",
                "multiply",
                "6",
                "7"));
    assertEquals(new Result(0, "42\n"), xmlRpc);
  }

  @Test
  void aLauncherSymlinkedIntoPathRunsTheTool() throws Exception {
    Path bin = Files.createDirectories(temp.resolve("user-bin"));
    Path link = bin.resolve("rpc-client");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, home.resolve("bin/rpc-client"));
    String ca = data.resolve("tls/ca.pem").toString();
    Result result =
        run(
            List.of(
                link.toString(),
                "--server",
                "grpcs://127.0.0.1:" + grpcPort,
                "--ca",
                ca,
                "phonebook",
                "count"));
    assertEquals(0, result.exit, result.output);
    assertTrue(result.output.strip().matches("\\d+ entr(y|ies)"), result.output);
  }

  private record Result(int exit, String output) {}

  /** Runs a command with the base commands alone on PATH and the JDK given by JAVA_HOME. */
  private static Result run(List<String> command) throws Exception {
    ProcessBuilder builder = command(command);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static ProcessBuilder command(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.directory(temp.toFile());
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", basePath().toString());
    environment.put("HOME", temp.resolve("home").toString());
    // The server's data directory is the user's default: the client finds its admin token.
    environment.put("NETLAB_DATA_DIR", data.toString());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("LANG", "C.UTF-8");
    return builder;
  }

  /** A directory holding links to {@link #BASE_COMMANDS} and nothing else. */
  private static Path basePath() throws IOException {
    Path bin = temp.resolve("base-bin");
    if (Files.isDirectory(bin)) {
      return bin;
    }
    Files.createDirectories(bin);
    for (String name : BASE_COMMANDS) {
      Path found =
          Files.exists(Path.of("/usr/bin", name))
              ? Path.of("/usr/bin", name)
              : Path.of("/bin", name);
      Files.createSymbolicLink(bin.resolve(name), found.toRealPath());
    }
    return bin;
  }
}

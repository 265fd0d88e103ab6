package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import picocli.CommandLine;

@Timeout(30)
class FingerDaemonCommandTest {
  @TempDir Path dir;
  private Path usersFile;
  private Path pidFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeUsers() throws IOException {
    usersFile = Files.write(dir.resolve("users"), FingerFixtures.USERS_LINES, UTF_8);
    pidFile = dir.resolve("run/fingerd.pid");
  }

  private CommandLine commandLine(FingerDaemonCommand daemon) {
    CommandLine command = FingerDaemonCommand.commandLine(daemon);
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command;
  }

  @Test
  void runsWithPidFileAndRequestLogAndCleansUpWhenStopped() throws Exception {
    Path logFile = dir.resolve("requests.log");
    FingerDaemonCommand daemon = new FingerDaemonCommand();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine(daemon)
                    .execute(
                        "--port",
                        "0",
                        "--users",
                        usersFile.toString(),
                        "--pid-file",
                        pidFile.toString(),
                        "--log-file",
                        logFile.toString()));
    FingerServer server = daemon.awaitStarted(Duration.ofSeconds(10));
    assertNotNull(server, err.toString());
    assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pidFile, US_ASCII));
    assertTrue(out.toString().startsWith("fingerd listening on 127.0.0.1:" + server.port() + " "));

    assertTrue(FingerFixtures.query(server.port(), "alice").startsWith("Login: alice "));

    daemon.stop();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    assertFalse(Files.exists(pidFile));
    List<String> log = Files.readAllLines(logFile, UTF_8);
    assertEquals(1, log.size());
    assertTrue(log.getFirst().contains(" \"alice\" answered "), log.getFirst());
  }

  @Test
  void pidFileHeldByALiveProcessStopsTheStartWithExitFour() throws IOException {
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", US_ASCII);
    int exit =
        commandLine(new FingerDaemonCommand())
            .execute(
                "--port", "0", "--users", usersFile.toString(), "--pid-file", pidFile.toString());
    assertEquals(ExitCodes.CANNOT_SERVE, exit);
    assertTrue(err.toString().startsWith("fingerd: pid file "), err.toString());
    assertTrue(err.toString().contains("is held by running process"), err.toString());
  }

  @Test
  void brokenUsersFileStopsTheStartWithItsLineNumberAsAUsageError() throws IOException {
    Files.write(usersFile, List.of("user alice", "colour blue"), UTF_8);
    int exit =
        commandLine(new FingerDaemonCommand())
            .execute(
                "--port", "0", "--users", usersFile.toString(), "--pid-file", pidFile.toString());
    assertEquals(ExitCodes.USAGE, exit);
    assertEquals("fingerd: " + usersFile + " line 2: unknown key 'colour'\n", err.toString());
    assertFalse(Files.exists(pidFile));
  }

  @Test
  void aPortInUseIsOneLineAndExitFour() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int exit =
          commandLine(new FingerDaemonCommand())
              .execute(
                  "--port",
                  String.valueOf(taken.getLocalPort()),
                  "--users",
                  usersFile.toString(),
                  "--pid-file",
                  pidFile.toString());
      assertEquals(ExitCodes.CANNOT_SERVE, exit);
      assertEquals(
          "fingerd: cannot listen on 127.0.0.1:"
              + taken.getLocalPort()
              + ": Address already in use\n",
          err.toString());
      assertFalse(Files.exists(pidFile));
    }
  }

  @Test
  void badOptionsExitWithTwo() {
    assertEquals(2, commandLine(new FingerDaemonCommand()).execute("--port", "70000"));
    assertEquals(2, commandLine(new FingerDaemonCommand()).execute("--idle-timeout", "x"));
    assertEquals(2, commandLine(new FingerDaemonCommand()).execute("--max-connections", "0"));
  }
}

package org.netlab.labs.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.finger.FingerDaemonCommand;
import org.netlab.labs.ftp.server.FtpServerCommand;
import org.netlab.labs.totp.CheckInServerCommand;

/**
 * Servers started as their launchers start them, each in a JVM of its own, so that the log format
 * is the one a fresh process sets up: ISO timestamps, the level, short logger names, addresses
 * without a leading {@code /}, failed logins with the name tried and never the password.
 */
@Timeout(60)
class ServerProcessTest {
  private static final String TIME =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}(:?\\d{2})?)";

  @TempDir Path dir;

  /** A server's JVM; its standard error is read line by line. */
  private static final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader err;
    private final List<String> seen = new ArrayList<>();

    ServerProcess(Class<?> main, String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElseThrow());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(main.getName());
      command.addAll(List.of(args));
      this.process =
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8));
    }

    /** Reads standard error up to the first line that contains {@code text}, and returns it. */
    String lineWith(String text) throws IOException {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        seen.add(line);
        if (line.contains(text)) {
          return line;
        }
      }
      throw new AssertionError("no line with '" + text + "' before the end: " + seen);
    }

    /** Everything read from standard error so far. */
    List<String> seen() {
      return seen;
    }

    int exitCode() throws InterruptedException {
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running");
      return process.exitValue();
    }

    String restOfErr() throws IOException {
      StringBuilder rest = new StringBuilder();
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        rest.append(line).append('\n');
      }
      return rest.toString();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private String[] ftpd(int port, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port",
                Integer.toString(port),
                "--root",
                dir.resolve("root").toString(),
                "--no-tls"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Tries USER and PASS once on a fresh control connection; returns the reply to PASS. */
  private static String failLogin(int port, String user, String password) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      OutputStream out = socket.getOutputStream();
      in.readLine();
      out.write(("USER " + user + "\r\n").getBytes(US_ASCII));
      in.readLine();
      out.write(("PASS " + password + "\r\n").getBytes(US_ASCII));
      return in.readLine();
    }
  }

  @Test
  void ftpdLogsAFailedLoginWithTheNameTriedButNotThePassword() throws Exception {
    int port = freePort();
    try (ServerProcess ftpd = new ServerProcess(FtpServerCommand.class, ftpd(port))) {
      String started = ftpd.lineWith("FTP server on");
      assertTrue(
          Pattern.matches(
              TIME
                  + " INFO FtpServerCommand - FTP server on 127\\.0\\.0\\.1:"
                  + port
                  + " serving .*",
              started),
          started);
      assertTrue(failLogin(port, "alice", "sesame-42").startsWith("530 "));
      String failed = ftpd.lineWith("login failed");
      assertTrue(
          Pattern.matches(
              TIME
                  + " WARN LoginCommands - login failed client=127\\.0\\.0\\.1 user=\"alice\" failures=1",
              failed),
          failed);
      assertFalse(
          ftpd.seen().stream().anyMatch(line -> line.contains("sesame-42")),
          ftpd.seen().toString());
    }
  }

  @Test
  void quietFtpdLogsWarningsOnly() throws Exception {
    int port = freePort();
    try (ServerProcess ftpd = new ServerProcess(FtpServerCommand.class, ftpd(port, "--quiet"))) {
      String reply = null;
      for (int attempt = 0; attempt < 100 && reply == null; attempt++) {
        try {
          reply = failLogin(port, "bob", "x");
        } catch (java.net.ConnectException notYet) {
          Thread.sleep(100);
        }
      }
      assertTrue(reply != null && reply.startsWith("530 "), reply);
      String failed = ftpd.lineWith("login failed");
      assertTrue(
          failed.contains(" WARN LoginCommands - login failed client=127.0.0.1 user=\"bob\""),
          failed);
      assertEquals(List.of(failed), ftpd.seen(), "no info line before it");
    }
  }

  @Test
  void totpServerLogsAFailedCheckInWithTheIdAndNameButNotTheCode() throws Exception {
    int port = freePort();
    try (ServerProcess server =
        new ServerProcess(
            CheckInServerCommand.class,
            "--port",
            Integer.toString(port),
            "--secrets",
            dir.resolve("secrets").toString(),
            "--log",
            dir.resolve("checkins.log").toString())) {
      String reply = null;
      for (int attempt = 0; attempt < 100 && reply == null; attempt++) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
          socket.setSoTimeout(20_000);
          socket.getOutputStream().write("Mallory&42&314159\r\n".getBytes(US_ASCII));
          reply =
              new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
        } catch (java.net.ConnectException notYet) {
          Thread.sleep(100);
        }
      }
      assertEquals("code expired or wrong", reply);
      String refused = server.lineWith("check-in refused");
      assertTrue(
          Pattern.matches(
              TIME
                  + " WARN CheckInService - check-in refused client=127\\.0\\.0\\.1:\\d+ id=42"
                  + " name=\"Mallory\" result=\"unknown id\"",
              refused),
          refused);
      assertFalse(refused.contains("314159"), refused);
    }
  }

  @Test
  void aDaemonWhosePortIsTakenSaysSoOnOneLineAndExitsWithFour() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ServerProcess fingerd =
            new ServerProcess(
                FingerDaemonCommand.class,
                "--port",
                Integer.toString(taken.getLocalPort()),
                "--pid-file",
                dir.resolve("fingerd.pid").toString())) {
      assertEquals(ExitCodes.CANNOT_SERVE, fingerd.exitCode());
      assertEquals(
          "fingerd: cannot listen on 127.0.0.1:"
              + taken.getLocalPort()
              + ": Address already in use\n",
          fingerd.restOfErr());
    }
  }
}

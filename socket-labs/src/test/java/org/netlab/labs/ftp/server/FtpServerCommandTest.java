package org.netlab.labs.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import picocli.CommandLine;

/** {@code bin/ftpd} as a person runs it: exit codes and what lands on standard error. */
@Timeout(30)
class FtpServerCommandTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result ftpd(String... args) {
    CommandLine cli = FtpServerCommand.commandLine(new FtpServerCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void aTakenPortIsOneLineOnStandardErrorAndExitCodeFour() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Result r =
          ftpd(
              "--root",
              dir.resolve("root").toString(),
              "--bind",
              "127.0.0.1",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--no-tls");
      assertEquals(ExitCodes.CANNOT_SERVE, r.exit(), r.err());
      assertEquals(
          "ftpd: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use\n",
          r.err());
      assertFalse(r.err().contains("at org."), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void aBadUsersFileIsAUsageErrorOnOneLineWithItsLineNumber() throws IOException {
    Path users = Files.writeString(dir.resolve("users"), "# users\nalice\n");
    Result r =
        ftpd(
            "--root",
            dir.resolve("root").toString(),
            "--port",
            "0",
            "--no-tls",
            "--users",
            users.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertEquals("ftpd: " + users + " line 2: expected NAME:HASH\n", r.err());
  }
}

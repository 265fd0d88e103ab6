package org.netlab.labs.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.echo.CommandRun;

/** {@code bin/totp-server} as a person starts it: what stops it, and with which exit code. */
@Timeout(20)
class CheckInServerCommandTest {
  @TempDir Path dir;

  private CommandRun totpServer(String... args) {
    return CommandRun.of(CheckInServerCommand.commandLine(new CheckInServerCommand()), args);
  }

  @Test
  void aPortInUseIsOneLineAndExitFour() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CommandRun run =
          totpServer(
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--secrets",
              dir.resolve("secrets").toString(),
              "--log",
              dir.resolve("checkins.log").toString());
      assertEquals(
          new CommandRun(
              ExitCodes.CANNOT_SERVE,
              "",
              "totp-server: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": Address already in use\n"),
          run);
    }
  }

  @Test
  void aSecretsFileOthersCanReadIsAUsageErrorThatSaysTheFix() throws IOException {
    Path secrets = Files.createFile(dir.resolve("secrets"));
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
    CommandRun run =
        totpServer(
            "--port", "0", "--secrets", secrets.toString(), "--log", dir.resolve("log").toString());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("totp-server: secrets file " + secrets), run.err());
    assertTrue(run.err().endsWith("; run: chmod 600 " + secrets + "\n"), run.err());
  }
}

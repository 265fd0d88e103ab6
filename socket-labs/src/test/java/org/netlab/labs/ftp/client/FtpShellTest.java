package org.netlab.labs.ftp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;

/** The {@code ftp>} shell driven by typed lines against our server, as a person would use it. */
@Timeout(30)
class FtpShellTest {
  @TempDir Path dir;

  private FtpConnectionOptions options(FtpTestServer server) {
    FtpConnectionOptions options = new FtpConnectionOptions();
    options.timeout = Duration.ofSeconds(10);
    options.ca = server.caFile();
    return options;
  }

  /** Someone typing the given lines, then the end of input; what the shell says is kept. */
  private static final class Typist implements FtpShell.Person {
    private final Iterator<String> typed;
    private final StringWriter shown = new StringWriter();
    private final PrintWriter out = new PrintWriter(shown, true);

    Typist(String... lines) {
      this.typed = List.of(lines).iterator();
    }

    @Override
    public String line(String prompt) {
      out.print(prompt);
      String line = typed.hasNext() ? typed.next() : null;
      out.println(line == null ? "" : line);
      return line;
    }

    @Override
    public char[] password(String prompt) {
      throw new AssertionError("no password is asked of anonymous users");
    }

    @Override
    public PrintWriter out() {
      return out;
    }

    @Override
    public boolean ownsTerminal() {
      return false;
    }

    @Override
    public void close() {}
  }

  /** Types {@code lines} into a shell working in {@code localDir}; returns what it printed. */
  private static List<String> type(FtpConnectionOptions options, Path localDir, String... lines)
      throws IOException {
    Typist typist = new Typist(lines);
    try (FtpShell shell = new FtpShell(options, typist, localDir)) {
      assertEquals(0, shell.run(null));
    }
    return typist.shown.toString().lines().toList();
  }

  private static void assertShown(List<String> shown, String... expected) {
    for (String line : expected) {
      assertTrue(shown.contains(line), "no line '" + line + "' in " + shown);
    }
  }

  @Test
  void openWithAUrlGoesToItsPathAndStatusDescribesTheSession() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Files.createDirectories(server.root().resolve("pub"));
      Path local = Files.createDirectories(dir.resolve("local"));
      List<String> shown =
          type(options(server), local, "open " + server.url("/pub/"), "status", "bye");
      String where = "127.0.0.1:" + server.port();
      assertShown(
          shown,
          "connected to " + where,
          "logged in as anonymous",
          "/pub",
          "connection: " + where,
          "user: anonymous",
          "type: binary (TYPE I)",
          "mode: stream, passive (EPSV)",
          "tls: off",
          "local directory: " + local.toRealPath());
    }
  }

  @Test
  void openWithHostAndPortThenLcdPutsDownloadsAndShellCommandsInTheLocalDirectory()
      throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Files.writeString(server.root().resolve("hello.txt"), "hello from the server\n");
      Path local = Files.createDirectories(dir.resolve("local"));
      Path sub = Files.createDirectories(local.resolve("sub"));
      List<String> shown =
          type(
              options(server),
              local,
              "open 127.0.0.1 " + server.port(),
              "lcd sub",
              "get hello.txt",
              "!cat hello.txt",
              "!pwd",
              "lcd nowhere",
              "bye");
      assertShown(
          shown,
          "local directory now " + sub.toRealPath(),
          "hello.txt -> hello.txt (22 B)",
          "hello from the server",
          sub.toRealPath().toString(),
          "error: nowhere: no such local directory");
      assertEquals("hello from the server\n", Files.readString(sub.resolve("hello.txt")));
    }
  }

  @Test
  void anFtpsUrlOpensAProtectedSession() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.tls(b.build().tls(), true))) {
      Files.writeString(server.root().resolve("secret.txt"), "s");
      String where = "localhost:" + server.port();
      List<String> shown =
          type(options(server), dir, "open ftps://" + where + "/", "status", "ls", "bye");
      assertShown(shown, "connected to " + where + " (TLS)", "tls: on, control and data");
      assertTrue(shown.stream().anyMatch(line -> line.endsWith(" secret.txt")), shown.toString());
    }
  }

  @Test
  void openWithoutAServerSaysHowToWriteIt() throws IOException {
    List<String> shown = type(new FtpConnectionOptions(), dir, "open", "open host port", "status");
    assertShown(
        shown,
        "error: usage: open URL or open HOST [PORT]",
        "connection: not connected",
        "local directory: " + dir.toRealPath());
  }
}

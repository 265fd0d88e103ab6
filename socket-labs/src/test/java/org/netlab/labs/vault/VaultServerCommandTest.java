package org.netlab.labs.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.HelpLayoutAssertions;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.vault.channel.LabChannelClient;
import org.netlab.labs.vault.channel.LabStatus;
import org.netlab.tls.SslContexts;
import picocli.CommandLine;

/** {@code bin/vault-server} as a person runs it: the lab conventions, usage errors, and serving. */
@Timeout(60)
class VaultServerCommandTest {
  @TempDir Path dir;

  private static CommandLine commandLine() {
    return VaultServerCommand.commandLine(new VaultServerCommand());
  }

  @Test
  void versionHelpAndUnknownOptionsFollowTheLabConventions() {
    CommandRun version = CommandRun.of(commandLine(), "--version");
    assertEquals(ExitCodes.OK, version.exitCode());
    assertEquals(
        "vault-server " + VersionProvider.projectVersion(),
        version.out().lines().findFirst().orElseThrow());

    CommandRun help = CommandRun.of(commandLine(), "--help");
    assertEquals(ExitCodes.OK, help.exitCode());
    assertTrue(
        help.out().endsWith("Exit codes:\n" + String.join("\n", ExitCodes.FOOTER) + "\n"),
        help.out());
    assertTrue(help.out().contains("default: 8444, next to 8443"), help.out());
    HelpLayoutAssertions.assertNoHelpLineIsWrapped(commandLine());

    CommandRun unknown = CommandRun.of(commandLine(), "--root", ".", "--frobnicate");
    assertEquals(ExitCodes.USAGE, unknown.exitCode());
    assertEquals(
        "vault-server: Unknown option: '--frobnicate'\ntry 'vault-server --help'\n", unknown.err());

    CommandRun zero = CommandRun.of(commandLine(), "--root", ".", "--head-timeout", "0");
    assertEquals(ExitCodes.USAGE, zero.exitCode());
    assertTrue(zero.err().contains("is not a positive duration"), zero.err());
  }

  @Test
  void contradictoryOptionsAreUsageErrors() throws Exception {
    Path root = Files.createDirectories(dir.resolve("vault"));
    Path ca = Files.writeString(dir.resolve("ca.pem"), "");
    for (List<String> args :
        List.of(
            List.of("--root", dir.resolve("missing").toString()),
            List.of("--root", root.toString(), "--client-ca", ca.toString()),
            List.of(
                "--root",
                root.toString(),
                "--plaintext",
                "--tls-cert",
                ca.toString(),
                "--tls-key",
                ca.toString()),
            List.of("--root", root.toString(), "--tls-cert", ca.toString()),
            List.of("--root", root.toString(), "--allow", "10.0.0.1/8"),
            List.of("--root", root.toString(), "--extensions", "t/xt"))) {
      CommandRun run = CommandRun.of(commandLine(), args.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, run.exitCode(), args + ": " + run.err());
      assertTrue(run.err().startsWith("vault-server: "), run.err());
    }
  }

  @Test
  void servesOverTlsAndOverTheLabChannelFromTheDataDirectorysKeysAndStopsCleanly()
      throws Exception {
    Path root = Files.createDirectories(dir.resolve("vault"));
    Files.writeString(root.resolve("hello.txt"), "hello\n");
    Path data = dir.resolve("data");
    VaultServerCommand command = new VaultServerCommand();
    StringWriter out = new StringWriter();
    CommandLine commandLine =
        VaultServerCommand.commandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        Thread.ofVirtual()
            .start(
                () ->
                    exit.set(
                        commandLine.execute(
                            "--root",
                            root.toString(),
                            "--port",
                            "0",
                            "--data-dir",
                            data.toString(),
                            "--lab-port",
                            "0",
                            "--quiet")));
    Matcher started =
        Pattern.compile(
                "on https://127\\.0\\.0\\.1:(\\d+)/.*\\n"
                    + "lab channel on port (\\d+); clients pin the server key (\\S+)\\n")
            .matcher("");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!started.reset(out.toString()).find() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(started.reset(out.toString()).find(), out.toString());
    assertTrue(
        out.toString().contains("clients trust " + data.resolve("tls/ca.pem")), out.toString());
    int port = Integer.parseInt(started.group(1));
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(SslContexts.forClient(data.resolve("tls/ca.pem"), null, null))
            .build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/hello.txt"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("hello\n", response.body());
    }
    ByteArrayOutputStream overLab = new ByteArrayOutputStream();
    LabChannelClient.Reply reply =
        LabChannelClient.fetch(
            "127.0.0.1",
            Integer.parseInt(started.group(2)),
            started.group(3),
            "/hello.txt",
            overLab);
    assertEquals(LabStatus.OK, reply.status());
    assertEquals("hello\n", overLab.toString(StandardCharsets.UTF_8));
    command.stop();
    serving.join(10_000);
    assertEquals(ExitCodes.OK, exit.get());
  }
}

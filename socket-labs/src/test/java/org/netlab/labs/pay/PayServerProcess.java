package org.netlab.labs.pay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netlab.datadir.DataDirectory;

/**
 * {@code bin/pay-server} in a JVM of its own, as {@link PayServerCommand#main} runs it, so that it
 * can be killed without warning ({@code kill -9}) and started again on the same port, data
 * directory and ledger. Its log goes to a file next to the data directory.
 */
final class PayServerProcess implements AutoCloseable {
  /** How long a JVM may take to start serving on a busy machine. */
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Path dataDir;
  private final String ledgerUrl;
  private final int port;
  private final Path log;
  private Process process;
  private int starts;

  private PayServerProcess(Path dataDir, String ledgerUrl, int port) {
    this.dataDir = dataDir;
    this.ledgerUrl = ledgerUrl;
    this.port = port;
    this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
  }

  /** Starts a server with its CA in {@code dataDir} and its ledger at {@code ledgerUrl}. */
  static PayServerProcess start(Path dataDir, String ledgerUrl) throws IOException {
    PayServerProcess server = new PayServerProcess(dataDir, ledgerUrl, freePort());
    server.launch();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** Starts the JVM and waits until it says it serves. */
  private void launch() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PayServerCommand.class.getName());
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--data-dir",
            dataDir.toString(),
            "--ledger",
            ledgerUrl,
            "--quiet"));
    starts++;
    Files.writeString(
        log,
        "--- start " + starts + "\n",
        UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Process started = process;
    CompletableFuture<String> serving =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(new InputStreamReader(started.getInputStream(), UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("pay-server on ")) {
                    return line;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    try {
      String line = serving.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new IOException("pay-server ended before serving: " + logText());
      }
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("pay-server did not serve within " + STARTUP + ": " + logText());
    } catch (ExecutionException e) {
      throw new IOException("cannot read pay-server's output", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while pay-server started", e);
    }
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The CA certificate the server's peers trust. */
  Path caFile() {
    return DataDirectory.caFile(dataDir);
  }

  /** Kills the server's JVM at once, as {@code kill -9} does, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("pay-server survived kill -9");
    }
  }

  /** Starts the server again, on the same port, data directory and ledger. */
  void restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("pay-server is still running");
    }
    launch();
  }

  /** What the server logged, every run of it. */
  String logText() {
    try {
      return Files.readString(log, UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Asks the server to stop as Ctrl-C does, then kills it if it has not stopped in 10 s. */
  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

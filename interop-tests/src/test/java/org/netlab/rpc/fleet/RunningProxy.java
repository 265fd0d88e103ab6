package org.netlab.rpc.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A proxy running in the foreground as a child process, its output in a file, in front of a fleet:
 * where clients call it, and how it stops (SIGTERM, then SIGKILL if it lingers).
 */
final class RunningProxy implements AutoCloseable {
  private static final Duration START_BOUND = Duration.ofSeconds(15);
  private static final Duration STOP_BOUND = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path output;
  private final int grpcPort;
  private final int xmlRpcPort;

  private RunningProxy(String name, Process process, Path output, int grpcPort, int xmlRpcPort) {
    this.name = name;
    this.process = process;
    this.output = output;
    this.grpcPort = grpcPort;
    this.xmlRpcPort = xmlRpcPort;
  }

  /**
   * Runs {@code command} and waits until both ports accept connections.
   *
   * @throws IllegalStateException when the proxy exits or does not listen in time; the message
   *     holds its output
   */
  static RunningProxy start(
      String name, List<String> command, Path output, int grpcPort, int xmlRpcPort)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    RunningProxy proxy = new RunningProxy(name, process, output, grpcPort, xmlRpcPort);
    Instant deadline = Instant.now().plus(START_BOUND);
    while (!(accepts(grpcPort) && accepts(xmlRpcPort))) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        proxy.close();
        throw new IllegalStateException(
            name
                + " did not listen on "
                + grpcPort
                + " and "
                + xmlRpcPort
                + ":\n"
                + proxy.output());
      }
      Thread.sleep(50);
    }
    return proxy;
  }

  /** The proxy's gRPC front: one address, behind which it balances. */
  String grpcUrl() {
    return "grpcs://127.0.0.1:" + grpcPort;
  }

  String xmlRpcUrl() {
    return "https://127.0.0.1:" + xmlRpcPort + "/RPC2";
  }

  /** What the proxy printed so far, for a failure's message. */
  String output() throws IOException {
    return name + " output:\n" + Files.readString(output, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}

package org.netlab.rpc.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.netlab.access.Role;
import org.netlab.access.TokenRecord;
import org.netlab.access.Tokens;
import org.netlab.datadir.DataDirectory;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.server.cli.RpcServerCommand;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * Several {@code rpc-server} processes over one store and one data directory (so one CA and one
 * certificate), as behind a balancer. Servers are numbered from 1 and named {@code s1}, {@code s2}
 * ... in {@code x-served-by}; each keeps the ports chosen at creation, so that a killed or stopped
 * server comes back where a proxy expects it. Each server's output goes to {@code sN.log} in the
 * fleet's directory, kept across restarts.
 */
final class ServerFleet implements AutoCloseable {
  /** How long a server says NOT_SERVING before it stops, on SIGTERM: a balancer's check window. */
  static final Duration DRAIN_DELAY = Duration.ofSeconds(1);

  private static final Duration START_BOUND = Duration.ofSeconds(90);
  private static final Duration STOP_BOUND = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 30;

  private final Path directory;
  private final String jdbcUrl;
  private final String writerToken;
  private final List<Member> members;

  /** One server: its fixed ports and its process while it runs. */
  private static final class Member {
    final String name;
    final int grpcPort;
    final int xmlRpcPort;
    Process process;

    Member(String name, int grpcPort, int xmlRpcPort) {
      this.name = name;
      this.grpcPort = grpcPort;
      this.xmlRpcPort = xmlRpcPort;
    }
  }

  private ServerFleet(Path directory, String jdbcUrl, String writerToken, List<Member> members) {
    this.directory = directory;
    this.jdbcUrl = jdbcUrl;
    this.writerToken = writerToken;
    this.members = members;
  }

  /**
   * Starts {@code size} servers over the store at {@code jdbcUrl}, their files in {@code
   * directory}, and returns once all serve. A writer's token of the fleet's own is added to the
   * store first: a store that already holds tokens gets no admin token from a server's first start.
   *
   * @throws IllegalStateException when a server does not start; the message names it and shows the
   *     tail of its log
   */
  static ServerFleet start(int size, String jdbcUrl, Path directory)
      throws IOException, InterruptedException {
    String token = Tokens.generate();
    try (JdbcStore store = JdbcStore.open(jdbcUrl)) {
      String label = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
      store
          .tokens()
          .create(new TokenRecord(label, Role.WRITER, Tokens.hash(token), Instant.now(), null));
    }
    List<Member> members =
        IntStream.rangeClosed(1, size)
            .mapToObj(i -> new Member("s" + i, FixedPorts.next(), FixedPorts.next()))
            .toList();
    ServerFleet fleet = new ServerFleet(directory, jdbcUrl, token, members);
    try {
      // The first server creates the CA and the certificate; the others then find them.
      fleet.start(1);
      for (int i = 2; i <= size; i++) {
        fleet.launch(fleet.member(i));
      }
      for (int i = 2; i <= size; i++) {
        fleet.awaitServing(fleet.member(i));
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      fleet.close();
      throw e;
    }
    return fleet;
  }

  int size() {
    return members.size();
  }

  /** {@code grpcs://127.0.0.1:P1,127.0.0.1:P2,...}: every server, for a client that balances. */
  String grpcUrl() {
    return members.stream()
        .map(member -> "127.0.0.1:" + member.grpcPort)
        .collect(Collectors.joining(",", "grpcs://", ""));
  }

  /** Server {@code i}'s XML-RPC endpoint. */
  String xmlRpcUrl(int i) {
    return "https://127.0.0.1:" + member(i).xmlRpcPort + "/RPC2";
  }

  int grpcPort(int i) {
    return member(i).grpcPort;
  }

  int xmlRpcPort(int i) {
    return member(i).xmlRpcPort;
  }

  /** The CA that signed the servers' certificate: what clients and proxies trust. */
  Path caFile() {
    return DataDirectory.caFile(dataDir());
  }

  /** The servers' certificate chain (for localhost and 127.0.0.1), PEM. */
  Path certificateChain() {
    return tlsDirectory().resolve(LocalCertificateAuthority.SERVER_CHAIN);
  }

  /** The servers' private key, PKCS#8 PEM. */
  Path privateKey() {
    return tlsDirectory().resolve(LocalCertificateAuthority.SERVER_KEY);
  }

  /** A token with the writer role, valid on every server. */
  String writerToken() {
    return writerToken;
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  /** Kills server {@code i} with SIGKILL (no drain, no clean close) and waits for it to be gone. */
  void kill(int i) throws InterruptedException {
    Member member = member(i);
    if (member.process != null) {
      member.process.destroyForcibly();
      member.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
      member.process = null;
    }
  }

  /**
   * Stops server {@code i} with SIGTERM, so that it drains for {@link #DRAIN_DELAY}, and waits for
   * it to exit; kills it if it takes longer than 20 s.
   *
   * @throws IllegalStateException when it had to be killed
   */
  void stop(int i) throws InterruptedException {
    Member member = member(i);
    if (member.process == null) {
      return;
    }
    member.process.destroy();
    boolean exited = member.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      kill(i);
      throw new IllegalStateException(member.name + " did not stop within " + STOP_BOUND);
    }
    member.process = null;
  }

  /**
   * Starts server {@code i} (again) on its ports and waits until it serves.
   *
   * @throws IllegalStateException when it does not; the message shows the tail of its log
   */
  void start(int i) throws IOException, InterruptedException {
    Member member = member(i);
    launch(member);
    awaitServing(member);
  }

  /** Stops every running server, each with SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() throws InterruptedException {
    for (Member member : members) {
      if (member.process != null) {
        member.process.destroy();
      }
    }
    for (Member member : members) {
      if (member.process != null
          && !member.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        member.process.destroyForcibly();
      }
      member.process = null;
    }
  }

  /** Whether server {@code i} runs: started, and neither killed, stopped nor exited. */
  boolean running(int i) {
    Process process = member(i).process;
    return process != null && process.isAlive();
  }

  /** Server {@code i}'s log so far. */
  String log(int i) throws IOException {
    return log(member(i));
  }

  private Member member(int i) {
    if (i < 1 || i > members.size()) {
      throw new IllegalArgumentException("no server " + i + " in a fleet of " + members.size());
    }
    return members.get(i - 1);
  }

  private void launch(Member member) throws IOException {
    if (member.process != null && member.process.isAlive()) {
      throw new IllegalStateException(member.name + " is running already");
    }
    Files.createDirectories(directory);
    Path log = logFile(member);
    // A restart appends: the log shows the whole life of the server; a marker says where this run
    // begins.
    Files.writeString(
        log,
        "--- netlab test: starting " + member.name + " at " + Instant.now() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    List<String> arguments = new ArrayList<>();
    arguments.addAll(List.of("-cp", System.getProperty("java.class.path")));
    arguments.add(RpcServerCommand.class.getName());
    arguments.addAll(
        List.of(
            "--data-dir",
            dataDir().toString(),
            "--grpc-port",
            Integer.toString(member.grpcPort),
            "--xmlrpc-port",
            Integer.toString(member.xmlRpcPort),
            "--store",
            jdbcUrl,
            "--served-by",
            member.name,
            "--drain-delay",
            DRAIN_DELAY.toMillis() + "ms",
            "--rate-limit",
            "1000000/1s"));
    // The java launcher reads them from a file (@argfile): the command line stays "java @sN.args",
    // short, and unlike that of any other test's server, so that nothing that matches processes
    // by their command line (pkill -f 'served-by s2') stops ours.
    Path argumentFile = directory.resolve(member.name + ".args");
    Files.write(argumentFile, arguments.stream().map(ServerFleet::quoted).toList());
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argumentFile);
    member.process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /** Waits for this run's "endpoint" lines in the log: the server logs them once it listens. */
  private void awaitServing(Member member) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_BOUND);
    while (Instant.now().isBefore(deadline)) {
      String log = log(member);
      String thisRun = log.substring(log.lastIndexOf("--- netlab test: starting"));
      if (thisRun.contains("endpoint  https://")) {
        return;
      }
      if (!member.process.isAlive()) {
        throw new IllegalStateException(
            member.name
                + " exited "
                + member.process.exitValue()
                + "; its log ends:\n"
                + tail(log));
      }
      Thread.sleep(50);
    }
    String log = log(member);
    member.process.destroyForcibly();
    throw new IllegalStateException(
        member.name + " did not serve within " + START_BOUND + "; its log ends:\n" + tail(log));
  }

  /** One argument in a java launcher's argument file: in double quotes, backslashes doubled. */
  private static String quoted(String argument) {
    return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private String log(Member member) throws IOException {
    Path file = logFile(member);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join(
        "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }

  private Path logFile(Member member) {
    return directory.resolve(member.name + ".log");
  }

  private Path dataDir() {
    return directory.resolve("data");
  }

  private Path tlsDirectory() {
    return dataDir().resolve(DataDirectory.TLS_SUBDIRECTORY);
  }
}

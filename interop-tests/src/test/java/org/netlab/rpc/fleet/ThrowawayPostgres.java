package org.netlab.rpc.fleet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own: in a temporary directory, on a fixed loopback port, with
 * one user {@code netlab} trusted without a password. It can be stopped and started again on the
 * same port and data, as a database that restarts under running servers. When this JVM is root
 * (CI's containers), PostgreSQL's programs run as the {@code postgres} user, since initdb refuses
 * root.
 */
final class ThrowawayPostgres implements AutoCloseable {
  private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
  private static final long COMMAND_SECONDS = 60;

  private final Path bin;
  private final Path directory;
  private final int port;
  private boolean running;

  private ThrowawayPostgres(Path bin, Path directory, int port) {
    this.bin = bin;
    this.directory = directory;
    this.port = port;
  }

  /**
   * Creates and starts a cluster; skips the calling test when PostgreSQL is not installed.
   *
   * @throws IllegalStateException when initdb or pg_ctl fails; the message holds their output
   */
  static ThrowawayPostgres create() throws IOException, InterruptedException {
    Optional<Path> bin = binaries();
    assumeTrue(
        bin.isPresent(),
        "PostgreSQL is not installed (no "
            + VERSIONS
            + "/*/bin/initdb; Debian package "
            + "postgresql): test skipped");
    Path directory = Files.createTempDirectory("netlab-postgres-");
    if (Programs.runningAsRoot()) {
      UserPrincipal postgres =
          directory
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName("postgres");
      Files.setOwner(directory, postgres);
    }
    ThrowawayPostgres cluster = new ThrowawayPostgres(bin.get(), directory, FixedPorts.next());
    cluster.run("initdb", "-D", cluster.data().toString(), "-U", "netlab", "--auth=trust");
    cluster.start();
    return cluster;
  }

  /** The JDBC URL of the cluster's {@code postgres} database as user {@code netlab}. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=netlab";
  }

  /** Starts the stopped cluster again, on the same port and data; waits until it accepts. */
  void start() throws IOException, InterruptedException {
    run(
        "pg_ctl",
        "-D",
        data().toString(),
        "-l",
        directory.resolve("postgres.log").toString(),
        "-w",
        "-o",
        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1",
        "start");
    running = true;
  }

  /** Stops the cluster (fast shutdown: sessions are ended, committed data kept); waits for it. */
  void stop() throws IOException, InterruptedException {
    run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
    running = false;
  }

  /** Stops the cluster if it runs and deletes its files. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (running) {
        stop();
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private Path data() {
    return directory.resolve("data");
  }

  /** Runs one of PostgreSQL's programs, as {@code postgres} when we are root, bounded. */
  private void run(String program, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (Programs.runningAsRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(arguments));
    // Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open.
    Path output = Files.createTempFile("netlab-postgres-" + program, ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(program + " took over " + COMMAND_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited "
                + process.exitValue()
                + ":\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The newest installed PostgreSQL's bin directory, if any. */
  private static Optional<Path> binaries() {
    if (!Files.isDirectory(VERSIONS)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(VERSIONS)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(ThrowawayPostgres::versionNumber));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int versionNumber(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

package org.netlab.rpc.fleet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the outside programs these tests run (PostgreSQL's, the proxies, curl). A missing one skips
 * the test with a message naming the Debian package; CI installs them all (.ci/install-test-peers).
 */
final class Programs {
  /** Where daemons live; a user's PATH often leaves them out. */
  private static final List<String> SBIN = List.of("/usr/sbin", "/sbin");

  private Programs() {}

  /** The program on PATH or in the sbin directories. */
  static Optional<Path> find(String program) {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(File.pathSeparator)));
    }
    directories.addAll(SBIN);
    return directories.stream()
        .filter(directory -> !directory.isEmpty())
        .map(directory -> Path.of(directory, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The program, or the calling test skipped with a message that says how to install it. */
  static Path assumeInstalled(String program, String debianPackage) {
    Optional<Path> found = find(program);
    assumeTrue(
        found.isPresent(),
        program + " is not installed (Debian package " + debianPackage + "): test skipped");
    return found.orElseThrow();
  }

  /** Whether this JVM runs as root, for programs that refuse it (initdb) or need it. */
  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}

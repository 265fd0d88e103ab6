package org.netlab.labs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The independent programs the interoperability tests run, each with the Debian package that
 * installs it. A test whose peer is missing is skipped with a message naming the program and the
 * package, never failed and never left out silently; CI installs every peer, so it skips nothing.
 */
public enum PeerProgram {
  CHROMIUM("chromium", "chromium"),
  CURL("curl", "curl"),
  FINGER("finger", "finger"),
  FINGERD("in.fingerd", "fingerd"),
  NC("nc", "netcat-openbsd"),
  NGINX("nginx", "nginx"),
  OATHTOOL("oathtool", "oathtool"),
  OPENSSL("openssl", "openssl"),
  PYTHON3("python3", "python3"),
  SYSTEMD_SOCKET_ACTIVATE("systemd-socket-activate", "systemd"),
  WGET("wget", "wget");

  /** Where daemons live; a user's PATH often leaves them out. */
  private static final List<String> SBIN = List.of("/usr/sbin", "/sbin");

  private final String program;
  private final String debianPackage;

  PeerProgram(String program, String debianPackage) {
    this.program = program;
    this.debianPackage = debianPackage;
  }

  /** Looks for the program on PATH, then in the sbin directories. */
  public Optional<Path> find() {
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

  /**
   * Skips the calling test, saying which program is missing and which package installs it, unless
   * the program is installed.
   *
   * @return where the program is
   */
  public Path assumeInstalled() {
    Optional<Path> found = find();
    assumeTrue(
        found.isPresent(),
        program
            + " is not installed (Debian package "
            + debianPackage
            + "): this independent peer's test is skipped");
    return found.orElseThrow();
  }
}

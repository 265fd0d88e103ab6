package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netlab.labs.cli.InvalidFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrolments of a check-in server, one {@link Enrolment} per line, {@code #} comments allowed.
 * The file is created owner-only and refused when group or others may read or write it. Lookups
 * reload it when it changed on disk, so enrolling a student does not need a restart; a reload that
 * fails keeps the last good table.
 */
public final class SecretsFile {
  private static final Logger log = LoggerFactory.getLogger(SecretsFile.class);
  private static final String HEADER =
      "# netlab TOTP enrolments, one per line: id secret algorithm digits period(s)\n";

  private final Path path;
  private Map<String, Enrolment> table = Map.of();
  private FileTime loadedModified;
  private long loadedSize = -1;

  private SecretsFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * Opens the file for a server: creates it (empty, owner-only) when absent, checks its mode and
   * loads it.
   *
   * @throws IOException when group or others may access it, or a line is invalid
   */
  public static SecretsFile open(Path path) throws IOException {
    SecretsFile file = new SecretsFile(path);
    if (!Files.exists(path)) {
      OwnerOnlyFiles.create(path);
      Files.writeString(path, HEADER, UTF_8, StandardOpenOption.APPEND);
    }
    file.reload();
    return file;
  }

  public Path path() {
    return path;
  }

  /** The enrolment for an id, reloading the file first if it changed. */
  public synchronized Optional<Enrolment> find(String id) {
    try {
      if (changed()) {
        reload();
        log.info("reloaded {}: {} enrolments", path, table.size());
      }
    } catch (IOException | IllegalArgumentException e) {
      log.warn("keeping the enrolments loaded before: {}", e.getMessage());
    }
    return Optional.ofNullable(table.get(id));
  }

  private boolean changed() throws IOException {
    return !Files.getLastModifiedTime(path).equals(loadedModified)
        || Files.size(path) != loadedSize;
  }

  private void reload() throws IOException {
    OwnerOnlyFiles.requireOwnerOnly(path, "secrets file");
    FileTime modified = Files.getLastModifiedTime(path);
    long size = Files.size(path);
    table = parse(Files.readAllLines(path, UTF_8));
    loadedModified = modified;
    loadedSize = size;
  }

  private Map<String, Enrolment> parse(List<String> lines) throws IOException {
    Map<String, Enrolment> parsed = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Enrolment enrolment;
      try {
        enrolment = Enrolment.parse(line);
      } catch (IllegalArgumentException e) {
        throw new InvalidFileException(path + " line " + (i + 1) + ": " + e.getMessage());
      }
      if (parsed.putIfAbsent(enrolment.id(), enrolment) != null) {
        throw new InvalidFileException(
            path + " line " + (i + 1) + ": id " + enrolment.id() + " is enrolled twice");
      }
    }
    return Map.copyOf(parsed);
  }

  /**
   * Adds an enrolment to a secrets file, creating the file owner-only if needed.
   *
   * @throws IOException when the id is already enrolled or the file is open to others
   */
  public static void add(Path path, Enrolment enrolment) throws IOException {
    SecretsFile file = open(path);
    if (file.table.containsKey(enrolment.id())) {
      throw new InvalidFileException(
          "id "
              + enrolment.id()
              + " is already enrolled in "
              + path
              + "; remove its line first to enrol it again");
    }
    // One append of one whole line: a server reading concurrently sees it or not at all.
    Files.writeString(path, enrolment.toLine() + "\n", UTF_8, StandardOpenOption.APPEND);
  }
}

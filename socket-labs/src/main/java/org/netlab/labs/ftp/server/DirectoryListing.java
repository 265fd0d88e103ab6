package org.netlab.labs.ftp.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text of directory listings: LIST in the Unix {@code ls -l} form every client parses, NLST
 * names, and the machine-readable facts of MLSD/MLST (RFC 3659). Entries are shown with the
 * attributes of what they resolve to; links that lead outside the root, names with control
 * characters and the temporary files of uploads in progress are left out.
 */
final class DirectoryListing {
  private static final DateTimeFormatter RECENT =
      DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter OLD =
      DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MACHINE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Duration HALF_YEAR = Duration.ofDays(182);

  private final VirtualFileSystem files;
  private final Clock clock;

  /** A listed entry: its name and the attributes of its (resolved) target. */
  record Entry(String name, BasicFileAttributes attributes) {}

  DirectoryListing(VirtualFileSystem files, Clock clock) {
    this.files = files;
    this.clock = clock;
  }

  /** The visible entries of a directory, sorted by name. */
  List<Entry> entries(Path directory) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (hasControlCharacter(name) || !files.contains(child)) {
          continue;
        }
        try {
          entries.add(new Entry(name, Files.readAttributes(child, BasicFileAttributes.class)));
        } catch (IOException e) {
          // Vanished or unreadable meanwhile: not listed.
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }

  Entry single(Path real, String name) throws IOException {
    return new Entry(name, Files.readAttributes(real, BasicFileAttributes.class));
  }

  /**
   * What LIST, NLST, MLSD and STAT show for a path: a directory's entries, or the file itself under
   * its last name, as {@code ls} does.
   *
   * @throws FtpCommandException when the path cannot be read
   */
  List<Entry> entriesAt(Path real, String virtual) throws FtpCommandException {
    try {
      if (Files.isDirectory(real)) {
        return entries(real);
      }
      String name = virtual.substring(virtual.lastIndexOf('/') + 1);
      return List.of(single(real, name));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
  }

  /** LIST and STAT accept ls-style options ("-la") that some clients send; they are ignored. */
  static String withoutOptions(String argument) {
    String a = argument.strip();
    while (a.startsWith("-")) {
      int space = a.indexOf(' ');
      a = space < 0 ? "" : a.substring(space + 1).strip();
    }
    return a;
  }

  /** One {@code ls -l} line without its terminator. */
  String longFormat(Entry entry, Path real) {
    BasicFileAttributes a = entry.attributes();
    String permissions = permissions(real, a);
    Instant modified = a.lastModifiedTime().toInstant();
    Instant now = clock.instant();
    boolean recent =
        modified.isAfter(now.minus(HALF_YEAR)) && modified.isBefore(now.plus(Duration.ofDays(1)));
    return String.format(
        Locale.ROOT,
        "%s 1 ftp ftp %13d %s %s",
        permissions,
        a.isDirectory() ? 4096 : a.size(),
        (recent ? RECENT : OLD).format(modified),
        entry.name());
  }

  /** MLSD/MLST facts followed by a space and the name (RFC 3659 section 7). */
  String facts(Entry entry, String type, boolean writable) {
    BasicFileAttributes a = entry.attributes();
    StringBuilder line = new StringBuilder();
    line.append("type=").append(type).append(';');
    if (!a.isDirectory()) {
      line.append("size=").append(a.size()).append(';');
    }
    line.append("modify=")
        .append(MACHINE_TIME.format(a.lastModifiedTime().toInstant()))
        .append(';');
    String perm;
    if (a.isDirectory()) {
      perm = writable ? "elcmfd" : "el";
    } else {
      perm = writable ? "radfw" : "r";
    }
    line.append("perm=").append(perm).append(';');
    return line.append(' ').append(entry.name()).toString();
  }

  static String typeOf(BasicFileAttributes a) {
    return a.isDirectory() ? "dir" : "file";
  }

  static String machineTime(Instant instant) {
    return MACHINE_TIME.format(instant);
  }

  private static String permissions(Path real, BasicFileAttributes a) {
    StringBuilder text = new StringBuilder(a.isDirectory() ? "d" : "-");
    Set<PosixFilePermission> p;
    try {
      p = Files.readAttributes(real, PosixFileAttributes.class).permissions();
    } catch (IOException | UnsupportedOperationException e) {
      return text.append(a.isDirectory() ? "rwxr-xr-x" : "rw-r--r--").toString();
    }
    PosixFilePermission[] order = PosixFilePermission.values();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < order.length; i++) {
      text.append(p.contains(order[i]) ? letters.charAt(i) : '-');
    }
    return text.toString();
  }

  private static boolean hasControlCharacter(String name) {
    return name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}

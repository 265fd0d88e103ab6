package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.FILE_UNAVAILABLE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps the paths a client sees ("/docs/a.txt", always absolute from the served root) onto real
 * files, and refuses every path that would leave the root: {@code ..} above it, and symbolic links
 * whose target lies outside (targets are compared as real paths, so links to links and relative
 * links are covered). FTP paths are not URL-encoded, so "%2e%2e" is just an odd name; control
 * characters are refused outright. The temporary files of uploads in progress ({@link
 * AtomicUpload#isTemporary}) do not exist for clients: a path naming one is not found.
 */
final class VirtualFileSystem {
  private final Path root;

  /**
   * @param root an existing directory; its real path becomes the boundary
   */
  VirtualFileSystem(Path root) throws IOException {
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw new IOException(root + " is not a directory");
    }
  }

  /**
   * Resolves {@code argument} against the working directory {@code cwd} into a normalized absolute
   * virtual path, without touching the disk.
   */
  String normalize(String cwd, String argument) throws FtpCommandException {
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new FtpCommandException(
            FILE_UNAVAILABLE, "control characters are not allowed in paths");
      }
    }
    String joined = argument.startsWith("/") ? argument : cwd + "/" + argument;
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : joined.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (AtomicUpload.isTemporary(segment)) {
        throw new FtpCommandException(FILE_UNAVAILABLE, argument + ": no such file or directory");
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          throw new FtpCommandException(FILE_UNAVAILABLE, argument + ": outside the served root");
        }
        segments.removeLast();
      } else {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }

  /**
   * The real path of an existing file or directory, links followed.
   *
   * @throws FtpCommandException 550 when it does not exist or lies outside the root (the two are
   *     not told apart, so the outside cannot be probed)
   */
  Path existing(String virtual) throws FtpCommandException {
    try {
      Path real = lexical(virtual).toRealPath();
      // A link is followed to its real name, which may be an upload's temporary file.
      if (real.startsWith(root)
          && (real.equals(root) || !AtomicUpload.isTemporary(real.getFileName().toString()))) {
        return real;
      }
    } catch (IOException e) {
      // Missing, dangling link or unreadable: all the same to the client.
    }
    throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": no such file or directory");
  }

  /** Like {@link #existing} but also requires a directory. */
  Path directory(String virtual) throws FtpCommandException {
    Path real = existing(virtual);
    if (!Files.isDirectory(real)) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": not a directory");
    }
    return real;
  }

  /** Like {@link #existing} but also requires a regular file. */
  Path file(String virtual) throws FtpCommandException {
    Path real = existing(virtual);
    if (!Files.isRegularFile(real)) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": not a plain file");
    }
    return real;
  }

  /**
   * Where a new entry named by {@code virtual} goes: a real, contained parent directory plus the
   * last name. An existing symbolic link under that name must itself point inside the root.
   */
  Path creatable(String virtual) throws FtpCommandException {
    if (virtual.equals("/")) {
      throw new FtpCommandException(FILE_UNAVAILABLE, "/: is the root directory");
    }
    int slash = virtual.lastIndexOf('/');
    String parent = slash == 0 ? "/" : virtual.substring(0, slash);
    String name = virtual.substring(slash + 1);
    Path target = directory(parent).resolve(name);
    if (Files.isSymbolicLink(target)) {
      try {
        if (!target.toRealPath().startsWith(root)) {
          throw new NoSuchFileException(virtual);
        }
      } catch (IOException e) {
        throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": not allowed");
      }
    }
    return target;
  }

  /**
   * The entry itself, a link not followed, for DELE and RNFR which act on the name; its parent must
   * be a contained directory.
   */
  Path entry(String virtual) throws FtpCommandException {
    Path target = creatable(virtual);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": no such file or directory");
    }
    return target;
  }

  /**
   * Whether a path found while listing may be shown: it is not an upload's temporary file and it
   * resolves inside the root (to something that is not one either).
   */
  boolean contains(Path path) {
    if (AtomicUpload.isTemporary(path.getFileName().toString())) {
      return false;
    }
    try {
      Path real = path.toRealPath();
      return real.equals(root)
          || (real.startsWith(root) && !AtomicUpload.isTemporary(real.getFileName().toString()));
    } catch (IOException e) {
      return false;
    }
  }

  private Path lexical(String virtual) {
    return virtual.equals("/") ? root : root.resolve(virtual.substring(1));
  }
}

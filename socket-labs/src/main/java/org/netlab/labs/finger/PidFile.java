package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.netlab.labs.cli.CannotServeException;

/**
 * A daemon's pid file: it holds the process id, so that a second daemon on the same file is refused
 * while the first lives. A file left by a process that died is taken over. The file is created
 * whole (written aside, then hard-linked into place), so a reader never sees it half written;
 * {@link #close()} removes it if it is still ours.
 */
public final class PidFile implements AutoCloseable {
  private final Path path;
  private final long pid;
  private boolean released;

  private PidFile(Path path, long pid) {
    this.path = path;
    this.pid = pid;
  }

  /** Thrown when a live process holds the pid file. */
  public static final class HeldException extends CannotServeException {
    private static final long serialVersionUID = 1L;

    HeldException(Path path, long holder) {
      super(
          "pid file "
              + path
              + " is held by running process "
              + holder
              + "; stop that daemon first or give another --pid-file");
    }
  }

  /**
   * Writes this process's id to {@code path}.
   *
   * @throws HeldException when the file names a live process (this one included)
   * @throws IOException when the file cannot be written
   */
  public static PidFile acquire(Path path) throws IOException {
    long pid = ProcessHandle.current().pid();
    Path absolute = path.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    for (int attempt = 0; attempt < 3; attempt++) {
      Path aside = Files.createTempFile(absolute.getParent(), ".pid", ".tmp");
      try {
        Files.writeString(aside, pid + "\n", US_ASCII);
        Files.createLink(absolute, aside);
        return new PidFile(absolute, pid);
      } catch (FileAlreadyExistsException e) {
        OptionalLong holder = holder(absolute);
        if (holder.isPresent() && isAlive(holder.getAsLong())) {
          throw new HeldException(absolute, holder.getAsLong());
        }
        removeIfUnchanged(absolute, holder);
      } finally {
        Files.deleteIfExists(aside);
      }
    }
    throw new IOException("pid file " + absolute + " keeps changing; is another daemon starting?");
  }

  /** The pid written in the file, if it holds one. */
  static OptionalLong holder(Path path) throws IOException {
    try {
      String text = Files.readString(path, US_ASCII).strip();
      return text.matches("[0-9]{1,18}")
          ? OptionalLong.of(Long.parseLong(text))
          : OptionalLong.empty();
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void removeIfUnchanged(Path path, OptionalLong stale) throws IOException {
    if (holder(path).equals(stale)) {
      Files.deleteIfExists(path);
    }
  }

  public Path path() {
    return path;
  }

  /** Removes the file if it still holds our pid; safe to call twice. */
  @Override
  public synchronized void close() throws IOException {
    if (released) {
      return;
    }
    released = true;
    if (holder(path).equals(OptionalLong.of(pid))) {
      Files.deleteIfExists(path);
    }
  }
}

package org.netlab.datadir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held against other threads of this process and against other
 * processes (two servers started at once on one data directory), so that a set of files is created
 * by one of them while the others wait and then find it whole.
 *
 * <pre>{@code
 * try (CrossProcessLock lock = CrossProcessLock.acquire(directory.resolve(".lock"))) {
 *   // read, check, create the files
 * }
 * }</pre>
 *
 * The lock file is created owner-only and left in place. The operating system releases the lock
 * when the process dies, so a crash leaves no stale lock.
 */
public final class CrossProcessLock implements AutoCloseable {
  // A process holds at most one FileLock per file: FileChannel.lock throws, rather than waits,
  // when another thread of the same process holds it. Threads queue here first.
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threads;
  private final FileChannel channel;
  private final FileLock lock;

  private CrossProcessLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
    this.threads = threads;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Blocks until this thread holds the lock on {@code lockFile}, creating the file if needed; its
   * directory must exist.
   *
   * @throws IllegalStateException if this thread holds it already (the lock is not reentrant)
   */
  public static CrossProcessLock acquire(Path lockFile) throws IOException {
    OwnerOnlyFiles.createFileIfMissing(lockFile);
    Path key = lockFile.toRealPath();
    ReentrantLock threads = IN_PROCESS.computeIfAbsent(key, path -> new ReentrantLock());
    if (threads.isHeldByCurrentThread()) {
      throw new IllegalStateException("this thread already holds the lock on " + key);
    }
    threads.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new CrossProcessLock(threads, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threads.unlock();
      throw e;
    }
  }

  /** Releases the lock; closing twice is safe. */
  @Override
  public void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } finally {
      threads.unlock();
    }
  }
}

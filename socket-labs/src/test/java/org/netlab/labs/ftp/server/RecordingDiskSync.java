package org.netlab.labs.ftp.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DiskSync} that records each call, with what the directory held at that moment, and can
 * hold directory syncs until released, so a test sees what a client is told meanwhile.
 */
final class RecordingDiskSync implements DiskSync {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch release;
  private final CountDownLatch reached = new CountDownLatch(1);

  private RecordingDiskSync(CountDownLatch release) {
    this.release = release;
  }

  /** Records and returns at once. */
  static RecordingDiskSync recording() {
    return new RecordingDiskSync(new CountDownLatch(0));
  }

  /** Records, then holds every directory sync until {@link #release()}. */
  static RecordingDiskSync holdingDirectories() {
    return new RecordingDiskSync(new CountDownLatch(1));
  }

  @Override
  public void file(FileChannel file) throws IOException {
    events.add("file " + file.size() + " bytes");
  }

  @Override
  public void directory(Path directory) throws IOException {
    try (var entries = Files.list(directory)) {
      events.add(
          "directory "
              + directory.getFileName()
              + " "
              + entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
    reached.countDown();
    try {
      if (!release.await(20, TimeUnit.SECONDS)) {
        throw new IOException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Every call so far, in order: "file N bytes", "directory NAME [entries]". */
  List<String> events() {
    return List.copyOf(events);
  }

  /** Waits until a directory sync has begun. */
  boolean awaitDirectorySync() throws InterruptedException {
    return reached.await(20, TimeUnit.SECONDS);
  }

  void release() {
    release.countDown();
  }
}

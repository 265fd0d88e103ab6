package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only check-in log. {@link #append} returns only once the record is on disk ({@link
 * FileChannel#force}), so an attempt that got a reply is never lost. Concurrent appends share one
 * force when they arrive together (group commit): the disk sync, not the write, is what costs.
 */
public final class CheckInLog implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final Object writeLock = new Object();
  private final Object forceLock = new Object();
  private long written; // records written, guarded by writeLock
  private long forced; // records known on disk, guarded by forceLock

  private CheckInLog(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Opens the log for appending, creating it owner-only (it names people) if absent. An existing
   * log keeps its mode: sharing it with a group is the owner's choice.
   */
  public static CheckInLog open(Path path) throws IOException {
    OwnerOnlyFiles.createIfAbsent(path);
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    CheckInLog log = new CheckInLog(path, channel);
    try {
      log.endTornLine();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return log;
  }

  public Path path() {
    return path;
  }

  /** After a crash mid-write the last line may lack its end; start afresh after it. */
  private void endTornLine() throws IOException {
    long size = channel.size();
    if (size == 0) {
      return;
    }
    try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      reader.read(last, size - 1);
      if (last.get(0) != '\n') {
        writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
        channel.force(false);
      }
    }
  }

  /** Appends one record and returns once it is on disk. */
  public void append(CheckInRecord record) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((record.toLine() + "\n").getBytes(UTF_8));
    long mine;
    synchronized (writeLock) {
      writeFully(bytes);
      mine = ++written;
    }
    synchronized (forceLock) {
      if (forced >= mine) {
        return; // another thread's force covered this record
      }
      long upTo;
      synchronized (writeLock) {
        upTo = written;
      }
      channel.force(false);
      forced = upTo;
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** The records of a log file at or after {@code since}, in file order; none if no file. */
  public static List<CheckInRecord> readSince(Path path, Instant since) throws IOException {
    List<CheckInRecord> records = new ArrayList<>();
    if (!Files.exists(path)) {
      return records;
    }
    // A decoder that replaces bad bytes: a torn multi-byte character must not hide the rest.
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(path), UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        CheckInRecord.parse(line)
            .filter(record -> !record.time().isBefore(since))
            .ifPresent(records::add);
      }
    }
    return records;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

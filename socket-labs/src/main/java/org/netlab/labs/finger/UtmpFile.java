package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads who is logged in from a glibc {@code utmp} file (Linux on x86-64 and arm64: 384-byte
 * little-endian records, see utmp(5)), so no {@code who} process is needed.
 */
public final class UtmpFile {
  /** The usual location. */
  public static final Path DEFAULT = Path.of("/var/run/utmp");

  static final int RECORD_BYTES = 384;
  static final short USER_PROCESS = 7;
  static final int LINE_OFFSET = 8;
  static final int LINE_BYTES = 32;
  static final int USER_OFFSET = 44;
  static final int USER_BYTES = 32;
  static final int HOST_OFFSET = 76;
  static final int HOST_BYTES = 256;
  static final int TIME_OFFSET = 340;
  private static final int MAX_RECORDS = 16_384;

  private final Path file;

  public UtmpFile(Path file) {
    this.file = file;
  }

  /** The file read. */
  public Path path() {
    return file;
  }

  /**
   * The user sessions in the file; none when the file does not exist. Reads at most 16,384 records;
   * a partial trailing record is ignored.
   */
  public List<Session> sessions() throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(RECORD_BYTES * MAX_RECORDS);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Session> sessions = new ArrayList<>();
    for (int at = 0; at + RECORD_BYTES <= bytes.length; at += RECORD_BYTES) {
      if (buffer.getShort(at) != USER_PROCESS) {
        continue;
      }
      String user = text(bytes, at + USER_OFFSET, USER_BYTES);
      if (user.isEmpty()) {
        continue;
      }
      long seconds = Integer.toUnsignedLong(buffer.getInt(at + TIME_OFFSET));
      sessions.add(
          new Session(
              user,
              text(bytes, at + LINE_OFFSET, LINE_BYTES),
              Instant.ofEpochSecond(seconds),
              text(bytes, at + HOST_OFFSET, HOST_BYTES)));
    }
    return sessions;
  }

  /** A NUL-padded C string field, stripped of anything unprintable. */
  private static String text(byte[] bytes, int offset, int size) {
    int length = 0;
    while (length < size && bytes[offset + length] != 0) {
      length++;
    }
    return PrintableText.strip(new String(bytes, offset, length, UTF_8)).strip();
  }
}

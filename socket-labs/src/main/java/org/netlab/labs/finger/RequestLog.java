package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finger connection, appended to a file:
 *
 * <pre>2026-11-21T10:15:30.123Z 127.0.0.1:53412 "/W alice" answered 412</pre>
 *
 * time (UTC, ISO-8601), client address, the query as received between quotes (bytes outside
 * printable ASCII, the quote and the backslash escaped as {@code \xNN}, {@code \"} and {@code \\};
 * {@code -} when no query was read), the outcome and the bytes sent. Each line is flushed as
 * written, so the log is complete up to the last connection.
 */
public final class RequestLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

  private final Writer writer;
  private final Clock clock;
  private volatile boolean closed;

  private RequestLog(Writer writer, Clock clock) {
    this.writer = writer;
    this.clock = clock;
  }

  /** Appends to {@code file}, creating it and its directory if needed. */
  public static RequestLog open(Path file, Clock clock) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BufferedWriter writer =
        Files.newBufferedWriter(
            file,
            UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);
    return new RequestLog(writer, clock);
  }

  /** A log that writes nothing, for a daemon run without {@code --log-file}. */
  public static RequestLog disabled() {
    RequestLog log = new RequestLog(Writer.nullWriter(), Clock.systemUTC());
    log.closed = true;
    return log;
  }

  /**
   * Records one connection; a failure to write is reported through SLF4J and does not disturb the
   * client.
   *
   * @param query the raw query bytes, or null when none was read
   */
  public void record(SocketAddress client, byte[] query, Outcome outcome, long bytesSent) {
    if (closed) {
      return;
    }
    // Laid out before taking the lock: only the write is one connection at a time.
    String line =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            + ' '
            + address(client)
            + ' '
            + escape(query)
            + ' '
            + outcome.logName()
            + ' '
            + bytesSent
            + '\n';
    write(line);
  }

  private synchronized void write(String line) {
    if (closed) {
      return;
    }
    try {
      writer.write(line);
      writer.flush();
    } catch (IOException e) {
      log.warn("request log: {}", e.toString());
    }
  }

  /** The query between quotes with anything unprintable escaped, or {@code -}. */
  static String escape(byte[] query) {
    if (query == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(query.length + 2).append('"');
    for (byte b : query) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\x%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.append('"').toString();
  }

  private static String address(SocketAddress client) {
    if (client instanceof InetSocketAddress inet && inet.getAddress() != null) {
      String host = inet.getAddress().getHostAddress();
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return String.valueOf(client);
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      writer.close();
    }
  }
}

package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in the Common Log Format: {@code host ident user [time] "request" status
 * bytes}, the user being the client certificate's common name under mutual TLS. The request line is
 * written with quotes, backslashes and control characters escaped, so a client cannot forge lines.
 * To a file, flushed per line, or to the logger at debug.
 */
public abstract sealed class AccessLog implements AutoCloseable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  /** Lines go to the logger {@code org.netlab.labs.vault.http.AccessLog} at debug. */
  public static AccessLog toLogger() {
    return new ToLogger();
  }

  /** Lines are appended to {@code file}, created if missing. */
  public static AccessLog toFile(Path file) throws IOException {
    return new ToFile(
        Files.newBufferedWriter(file, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /**
   * Records one request.
   *
   * @param user the client certificate's common name, or null
   * @param requestLine as sent, or null when none was read
   * @param bytes body bytes sent
   */
  public void record(
      InetAddress client,
      String user,
      Instant time,
      String requestLine,
      HttpStatus status,
      long bytes) {
    String line =
        client.getHostAddress()
            + " - "
            + (user == null || user.isEmpty() ? "-" : escape(user).replace(' ', '_'))
            + " ["
            + TIME.format(time)
            + "] \""
            + (requestLine == null ? "-" : escape(requestLine))
            + "\" "
            + status.code()
            + " "
            + (bytes == 0 ? "-" : Long.toString(bytes));
    write(line);
  }

  abstract void write(String line);

  @Override
  public void close() throws IOException {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\x%02X", (int) c & 0xff));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static final class ToLogger extends AccessLog {
    private final Logger log = LoggerFactory.getLogger(AccessLog.class);

    @Override
    void write(String line) {
      log.debug("{}", line);
    }
  }

  private static final class ToFile extends AccessLog {
    private final Writer writer;

    ToFile(Writer writer) {
      this.writer = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer);
    }

    @Override
    synchronized void write(String line) {
      try {
        writer.write(line);
        writer.write('\n');
        writer.flush();
      } catch (IOException e) {
        LoggerFactory.getLogger(AccessLog.class)
            .warn("cannot write the access log: {}", e.toString());
      }
    }

    @Override
    public synchronized void close() throws IOException {
      writer.close();
    }
  }
}

package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.netlab.labs.net.LineReader;

/**
 * Writes replies on the control connection, whole, from the session and transfer threads alike.
 * Reply text never carries a line break, so a file name cannot forge a reply.
 */
final class ControlReplies {
  private static final byte[] CRLF = LineReader.CRLF.getBytes(UTF_8);

  private OutputStream out;

  ControlReplies(OutputStream out) {
    this.out = out;
  }

  /** Switches to a new stream (after AUTH TLS). */
  synchronized void use(OutputStream out) {
    this.out = out;
  }

  synchronized void send(int code, String text) throws IOException {
    out.write((code + " " + oneLine(text)).getBytes(UTF_8));
    out.write(CRLF);
    out.flush();
  }

  /** A multi-line reply (RFC 959 section 4.2): inner lines start with a space. */
  void sendLines(int code, String first, List<String> lines, String last) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes((code + "-" + oneLine(first)).getBytes(UTF_8));
    text.writeBytes(CRLF);
    for (String line : lines) {
      text.writeBytes((" " + oneLine(line)).getBytes(UTF_8));
      text.writeBytes(CRLF);
    }
    text.writeBytes((code + " " + oneLine(last)).getBytes(UTF_8));
    text.writeBytes(CRLF);
    synchronized (this) {
      text.writeTo(out);
      out.flush();
    }
  }

  private static String oneLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}

package org.netlab.labs.pay;

import java.util.List;
import java.util.Objects;

/**
 * One reply: its status, the rest of its last line, and the lines before it of a multi-line reply.
 *
 * <pre>
 * 211 BALANCE 10000
 * 210-alice 127.0.0.1 40211 9f86d081884c7d65...
 * 210 ONLINE 1
 * </pre>
 *
 * @param text what follows the keyword on the last line; may be empty
 * @param lines the {@code CODE-} lines, without their prefix
 */
public record PayReply(PayStatus status, String text, List<String> lines) {
  public PayReply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(text, "text");
    lines = List.copyOf(lines);
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a reply's text is one line");
    }
    for (String line : lines) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a reply's line is one line");
      }
    }
  }

  public static PayReply of(PayStatus status, String text) {
    return new PayReply(status, text, List.of());
  }

  /** The reply as sent, each line ending with CRLF. */
  public String wire() {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(status.code()).append('-').append(line).append(PayProtocol.CRLF);
    }
    out.append(status.code()).append(' ').append(status.keyword());
    if (!text.isEmpty()) {
      out.append(' ').append(text);
    }
    return out.append(PayProtocol.CRLF).toString();
  }

  /** The last line as a person reads it: {@code 551 INSUFFICIENT_FUNDS alice has 3.00}. */
  @Override
  public String toString() {
    return status.code() + " " + status.keyword() + (text.isEmpty() ? "" : " " + text);
  }

  /** The words of {@link #text}, split on single spaces. */
  public List<String> words() {
    return text.isEmpty() ? List.of() : List.of(text.split(" "));
  }
}

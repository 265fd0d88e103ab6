package org.netlab.labs.ftp.client;

import org.netlab.labs.cli.RefusedException;

/**
 * The server answered with a negative reply (4xx or 5xx), or an unexpected one. The message reads
 * like {@code 550 /secret: no such file or directory}.
 */
public final class FtpReplyException extends RefusedException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public FtpReplyException(FtpClient.Reply reply, String subject) {
    super(message(reply, subject));
    this.code = reply.code();
  }

  public int code() {
    return code;
  }

  private static String message(FtpClient.Reply reply, String subject) {
    String text = reply.text().strip();
    if (subject == null || subject.isEmpty() || text.contains(subject)) {
      return reply.code() + " " + text;
    }
    return reply.code() + " " + subject + ": " + text;
  }
}

package org.netlab.labs.ftp.server;

/**
 * A command that cannot be carried out; the session answers it with {@code code} and {@code
 * getMessage()} and goes on serving.
 */
final class FtpCommandException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int code;

  FtpCommandException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}

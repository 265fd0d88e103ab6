package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.NEED_PASSWORD;
import static org.netlab.labs.ftp.FtpReply.NOT_LOGGED_IN;
import static org.netlab.labs.ftp.FtpReply.SERVICE_NOT_AVAILABLE;
import static org.netlab.labs.ftp.FtpReply.SYNTAX_ERROR_IN_ARGUMENTS;
import static org.netlab.labs.ftp.FtpReply.USER_LOGGED_IN;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER and PASS: checks a name and password against the user database, or lets "anonymous" and
 * "ftp" in when the server allows it. Each failure waits a while and too many end the session, so
 * passwords cannot be guessed quickly; under a TLS-only policy no name or password is taken in
 * clear.
 */
final class LoginCommands {
  private static final Logger log = LoggerFactory.getLogger(LoginCommands.class);

  private final FtpServerConfig config;
  private final SessionState state;
  private final ControlReplies replies;
  private int failedLogins;

  LoginCommands(SessionContext session) {
    this.config = session.config();
    this.state = session.state();
    this.replies = session.replies();
  }

  void user(String name) throws IOException, FtpCommandException {
    requireTlsIfPolicy();
    if (name.isBlank()) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, "USER needs a name");
    }
    state.startLogin(name);
    replies.send(NEED_PASSWORD, "Password required for " + name);
  }

  /** Logs in, or counts a failure; the last allowed failure ends the session with 421. */
  void pass(String password) throws IOException, FtpCommandException {
    requireTlsIfPolicy();
    String name = state.takePendingUser();
    if (name == null) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "Send USER first");
    }
    boolean anonymous = name.equalsIgnoreCase("anonymous") || name.equalsIgnoreCase("ftp");
    char[] secret = password.toCharArray();
    boolean ok = anonymous ? config.anonymousEnabled() : config.users().verify(name, secret);
    // Not left in memory longer than needed; the String it came from cannot be wiped.
    Arrays.fill(secret, '\0');
    if (ok) {
      boolean writable = !anonymous || config.anonymousWritable();
      state.logIn(anonymous ? "anonymous" : name, writable);
      replies.send(
          USER_LOGGED_IN,
          (anonymous ? "Anonymous" : "User " + name)
              + " logged in"
              + (writable ? "" : ", read-only access"));
      return;
    }
    failedLogins++;
    // Who tried which name, from where; never the password.
    log.warn(
        "login failed client={} user=\"{}\" failures={}",
        state.clientAddress().getHostAddress(),
        printable(name),
        failedLogins);
    sleep(config.loginFailureDelay());
    if (failedLogins >= FtpServerConfig.MAX_LOGIN_FAILURES) {
      replies.send(SERVICE_NOT_AVAILABLE, "Too many failed logins, closing control connection");
      state.endWith("too many failed logins");
      return;
    }
    replies.send(NOT_LOGGED_IN, "Login incorrect");
  }

  private void requireTlsIfPolicy() throws FtpCommandException {
    if (config.requireTls() && !state.tlsActive()) {
      throw new FtpCommandException(NOT_LOGGED_IN, "TLS required: send AUTH TLS first");
    }
  }

  /** The name as typed, with anything a log reader's terminal would act on as {@code \\xNN}. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (c < 0x20
                  || c == 0x7f
                  || c == '"'
                  || c == '\\'
                  || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\x%02X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

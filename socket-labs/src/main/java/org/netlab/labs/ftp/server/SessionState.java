package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.FILE_UNAVAILABLE;
import static org.netlab.labs.ftp.FtpReply.NOT_LOGGED_IN;

import java.net.InetAddress;
import java.util.Objects;
import javax.net.ssl.SSLSession;

/**
 * What one session's commands share: who is logged in and with what rights, the working directory,
 * the representation type, whether the control and data connections are protected, and whether the
 * session is ending. State that only one group of commands reads stays with that group (the restart
 * point with the transfers, the rename source with the file commands). Used by the session's thread
 * only.
 */
final class SessionState {
  private final InetAddress clientAddress;
  private String pendingUser;
  private String user;
  private boolean writable;
  private String cwd = "/";
  private boolean ascii;
  private SSLSession controlTls;
  private boolean protectData;
  private String endReason;

  SessionState(InetAddress clientAddress) {
    this.clientAddress = clientAddress;
  }

  InetAddress clientAddress() {
    return clientAddress;
  }

  /** The logged-in user ("anonymous" for anonymous logins), or null before login. */
  String user() {
    return user;
  }

  boolean writable() {
    return writable;
  }

  /** USER: any earlier login ends, and the name waits for PASS. */
  void startLogin(String name) {
    user = null;
    writable = false;
    pendingUser = name;
  }

  /** The name USER gave, or null; PASS gets one try at it. */
  String takePendingUser() {
    String name = pendingUser;
    pendingUser = null;
    return name;
  }

  void logIn(String user, boolean writable) {
    this.user = user;
    this.writable = writable;
  }

  void requireLogin() throws FtpCommandException {
    if (user == null) {
      throw new FtpCommandException(NOT_LOGGED_IN, "Log in with USER and PASS first");
    }
  }

  void requireWritable() throws FtpCommandException {
    if (!writable) {
      throw new FtpCommandException(FILE_UNAVAILABLE, "Permission denied: read-only access");
    }
  }

  /** The working directory, a normalized virtual path. */
  String cwd() {
    return cwd;
  }

  void changeDirectory(String virtual) {
    cwd = virtual;
  }

  /** TYPE A: line endings are converted on the data connection. */
  boolean ascii() {
    return ascii;
  }

  void ascii(boolean ascii) {
    this.ascii = ascii;
  }

  boolean tlsActive() {
    return controlTls != null;
  }

  /** The control connection's TLS session, which protected data connections resume; or null. */
  SSLSession controlTls() {
    return controlTls;
  }

  /**
   * The control connection is now under TLS. RFC 4217 section 4: a new security state starts a new
   * login.
   */
  void tlsStarted(SSLSession session) {
    controlTls = Objects.requireNonNull(session, "session");
    user = null;
    pendingUser = null;
  }

  /** PROT P: data connections run TLS. */
  boolean protectData() {
    return protectData;
  }

  void protectData(boolean protectData) {
    this.protectData = protectData;
  }

  /** Asks the session to end once the current reply is out; {@code reason} goes in its log line. */
  void endWith(String reason) {
    endReason = reason;
  }

  /** Why the session is ending, or null while it goes on. */
  String endReason() {
    return endReason;
  }
}

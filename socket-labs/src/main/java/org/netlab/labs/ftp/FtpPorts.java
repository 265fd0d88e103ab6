package org.netlab.labs.ftp;

/** The ports the FTP server and client agree on, in one place. */
public final class FtpPorts {
  /** The port RFC 959 assigns to the control connection; binding it needs privileges. */
  public static final int CLASSIC = 21;

  /**
   * Where {@code ftpd} listens and where {@code ftp} connects unless told otherwise: unprivileged,
   * so the server runs without root, and the same on both sides, so the two work together with no
   * port given. Explicit FTPS ({@code AUTH TLS}) uses the same port.
   */
  public static final int DEFAULT = 2121;

  private FtpPorts() {}
}
